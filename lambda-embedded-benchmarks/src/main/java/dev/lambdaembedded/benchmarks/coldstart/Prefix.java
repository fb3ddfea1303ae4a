/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.coldstart;

/** A fixed text put before another. */
record Prefix(String text) {
  String apply(String rest) {
    return text + ": " + rest;
  }
}
