/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import java.nio.charset.StandardCharsets;

/**
 * The last bytes of one invocation's log, as Lambda returns with {@code LogType=Tail}. Thread-safe:
 * a handler may log from threads it starts.
 */
public final class LogTail {
  private final int limitBytes;
  private final StringBuilder text = new StringBuilder(256);

  /**
   * Creates an empty tail.
   *
   * @param limitBytes how many bytes of UTF-8 the tail keeps
   */
  public LogTail(int limitBytes) {
    this.limitBytes = limitBytes;
  }

  /**
   * Appends one line and a line feed.
   *
   * @param line the line
   */
  public synchronized void append(String line) {
    text.append(line).append('\n');
    // A UTF-8 character takes at least one byte, so the last limitBytes characters always hold
    // the last limitBytes bytes; trim only now and then to keep appends cheap.
    if (text.length() > 2 * limitBytes) {
      text.delete(0, text.length() - limitBytes);
    }
  }

  /**
   * Returns the last bytes of the log, cut at a character boundary.
   *
   * @return at most the limit in UTF-8 bytes
   */
  public synchronized String contents() {
    int start = Math.max(0, text.length() - limitBytes);
    String candidate = text.substring(start);
    byte[] bytes = candidate.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= limitBytes) {
      return candidate;
    }
    int from = bytes.length - limitBytes;
    while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
      from++; // skip continuation bytes so the tail starts on a character
    }
    return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
  }
}
