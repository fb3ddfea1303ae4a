/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.coldstart;

import java.util.Locale;

/** Upper-cases a text behind a prefix and an invocation number. */
final class Shouter {
  private final Prefix prefix;

  Shouter(Prefix prefix) {
    this.prefix = prefix;
  }

  String shout(String text, int invocation) {
    return prefix.apply(text.toUpperCase(Locale.ROOT)) + " #" + invocation;
  }
}
