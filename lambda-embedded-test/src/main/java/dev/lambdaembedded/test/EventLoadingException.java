/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * An event file that could not be loaded: not found, not readable, not JSON, or not readable as the
 * target type.
 *
 * <p>The message names the path as written and, where the file was found, its location; a missing
 * file's message names every place looked.
 */
public final class EventLoadingException extends RuntimeException {

  @Serial private static final long serialVersionUID = 1L;

  /** The path of the event file or folder, as the test wrote it. */
  private final String path;

  EventLoadingException(String path, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /**
   * Returns the path of the event file or folder, as the test wrote it.
   *
   * @return the path
   */
  public String path() {
    return path;
  }
}
