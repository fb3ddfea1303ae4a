/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits bytes written to a standard stream into lines, as Lambda turns a function's stdout into
 * log lines. A line ends at a line feed (a carriage return before it is dropped); a line longer
 * than 256 KB is cut. Not thread-safe: one splitter serves one thread's stream.
 */
public final class LineSplitter {
  private static final int MAX_LINE = 256 * 1024;

  private final Charset charset;
  private byte[] buffer = new byte[128];
  private int length;

  /**
   * Creates a splitter.
   *
   * @param charset how the stream encodes text
   */
  public LineSplitter(Charset charset) {
    this.charset = charset;
  }

  /**
   * Takes bytes and hands over every line they complete.
   *
   * @param bytes the buffer
   * @param offset where the bytes start
   * @param count how many bytes
   * @param lines receives each complete line
   */
  public void write(byte[] bytes, int offset, int count, Consumer<String> lines) {
    for (int i = offset; i < offset + count; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        emit(lines);
      } else {
        if (length == buffer.length) {
          if (length >= MAX_LINE) {
            emit(lines);
          } else {
            buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE, length * 2));
          }
        }
        buffer[length++] = b;
      }
    }
  }

  /**
   * Hands over an unfinished last line, if any.
   *
   * @param lines receives it
   */
  public void flush(Consumer<String> lines) {
    if (length > 0) {
      emit(lines);
    }
  }

  private void emit(Consumer<String> lines) {
    int end = length;
    if (end > 0 && buffer[end - 1] == '\r') {
      end--;
    }
    String line = new String(buffer, 0, end, charset);
    length = 0;
    lines.accept(line);
  }
}
