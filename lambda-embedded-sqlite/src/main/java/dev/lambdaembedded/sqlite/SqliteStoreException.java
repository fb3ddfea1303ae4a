/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import java.io.Serial;

/**
 * A failure of the SQLite file behind a {@link SqliteEventStore}: it could not be opened, read or
 * written (a full disk, an I/O error, a file that is no database, a lock another process held past
 * the busy timeout). The cause is the driver's {@link java.sql.SQLException}, when there is one.
 *
 * <p>When {@link SqliteEventStore#enqueue} throws it, the events are not acknowledged: their
 * transaction rolled back, except that an I/O error inside the commit itself can leave them stored
 * (as with any database), in which case the store refuses their request ids if they are enqueued
 * again.
 */
public final class SqliteStoreException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  SqliteStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
