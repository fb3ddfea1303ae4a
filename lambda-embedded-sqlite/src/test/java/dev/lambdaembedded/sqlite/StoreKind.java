/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.core.EventStores;
import dev.lambdaembedded.sqlite.SqliteEventStore.Options;
import java.nio.file.Path;

/** The stores the contract test runs against, each opened fresh in a test's temporary directory. */
enum StoreKind {
  IN_MEMORY {
    @Override
    EventStore open(Path dir) {
      return EventStores.inMemory();
    }
  },
  SQLITE_GROUP_COMMIT {
    @Override
    EventStore open(Path dir) {
      return SqliteEventStore.open(dir.resolve("events.db"));
    }
  },
  SQLITE_SINGLE_COMMIT {
    @Override
    EventStore open(Path dir) {
      return SqliteEventStore.open(
          dir.resolve("events.db"), Options.ofDefaults().withGroupCommit(false));
    }
  };

  abstract EventStore open(Path dir);
}
