/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.json;

import org.jspecify.annotations.Nullable;

/**
 * A JSON document could not be read or written: malformed JSON (a syntax failure), or JSON that
 * does not fit the target type or a value that cannot be written (a mapping failure).
 */
public final class JsonFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean syntax;
  private final String detail;

  JsonFailure(boolean syntax, String detail, @Nullable Throwable cause) {
    super(detail, cause);
    this.syntax = syntax;
    this.detail = detail;
  }

  /**
   * Returns what went wrong, as the JSON library reported it.
   *
   * @return the detail
   */
  public String detail() {
    return detail;
  }

  /**
   * Returns whether the bytes were not valid JSON.
   *
   * @return {@code true} for a syntax failure
   */
  public boolean syntax() {
    return syntax;
  }
}
