/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import java.io.OutputStream;
import java.util.Objects;

/**
 * Where {@code logback.xml} sends the formatted lines of the {@code caller-log-info} configuration:
 * logback encodes every event into bytes and writes them here, and they go nowhere, so the
 * benchmark pays for formatting without a terminal or a file in the way.
 *
 * <p>It remembers only whether anything was ever written, so a benchmark can check that the logging
 * path really ran. The flag is written once and then only read, so callers on many threads do not
 * contend on it.
 */
public final class DiscardingOutputStream extends OutputStream {
  private static volatile boolean written;

  /** Creates the stream; logback instantiates it from {@code logback.xml}. */
  public DiscardingOutputStream() {}

  /**
   * Returns whether any bytes were written to any instance.
   *
   * @return {@code true} once logback has written a line
   */
  public static boolean anythingWritten() {
    return written;
  }

  @Override
  public void write(int b) {
    markWritten();
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    markWritten();
  }

  private static void markWritten() {
    if (!written) {
      written = true;
    }
  }
}
