/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.functions;

import static java.util.Objects.requireNonNull;

/**
 * The response of the greeting functions, encoded as {@code {"message":"Hello, Ada!"}}.
 *
 * @param message the greeting
 */
public record Reply(String message) {

  /** Checks that the message is not null. */
  public Reply {
    requireNonNull(message, "message");
  }
}
