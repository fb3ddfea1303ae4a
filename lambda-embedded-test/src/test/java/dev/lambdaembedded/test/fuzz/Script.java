/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A fuzz input read as a script of lines {@code op argument}, so that seed inputs stay readable.
 *
 * <p>Arguments are unescaped ({@code \n}, {@code \t}, {@code \\} and {@code \}{@code uXXXX}) so
 * that the fuzzer can reach control characters and lone surrogates. A number or duration that does
 * not parse makes its line a no-op rather than a failure: the fuzzer finds digits quickly.
 */
final class Script {
  private Script() {}

  /** One line: the word before the first space, and the unescaped rest. */
  record Line(String op, String arg) {}

  /** Returns the input's lines, each split into an op and its argument. */
  static List<Line> lines(byte[] input) {
    List<Line> lines = new ArrayList<>();
    for (String raw : new String(input, UTF_8).split("\n", -1)) {
      int space = raw.indexOf(' ');
      lines.add(
          space < 0
              ? new Line(raw, "")
              : new Line(raw.substring(0, space), unescape(raw.substring(space + 1))));
    }
    return lines;
  }

  /** Returns the input's lines, each unescaped whole. */
  static List<String> wholeLines(byte[] input) {
    List<String> lines = new ArrayList<>();
    for (String raw : new String(input, UTF_8).split("\n", -1)) {
      lines.add(unescape(raw));
    }
    return lines;
  }

  /** Reads {@code \n}, {@code \t}, {@code \\} and {@code \}{@code uXXXX}; anything else stays. */
  static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(i + 1);
      switch (next) {
        case 'n' -> {
          out.append('\n');
          i++;
        }
        case 't' -> {
          out.append('\t');
          i++;
        }
        case '\\' -> {
          out.append('\\');
          i++;
        }
        case 'u' -> {
          OptionalLong code =
              i + 6 <= text.length() ? hex(text.substring(i + 2, i + 6)) : OptionalLong.empty();
          if (code.isPresent()) {
            out.append((char) code.getAsLong());
            i += 5;
          } else {
            out.append(c);
          }
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static OptionalLong hex(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(Long.parseLong(digits, 16));
  }

  /** Reads a decimal {@code long}. */
  static OptionalLong number(String arg) {
    try {
      return OptionalLong.of(Long.parseLong(arg.strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Reads a {@code double} as {@link Double#parseDouble} does (NaN, Infinity, hex included). */
  static OptionalDouble decimal(String arg) {
    try {
      return OptionalDouble.of(Double.parseDouble(arg));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /**
   * Reads a duration: ISO-8601 ({@code PT1.5S}, {@code -PT1M}) or {@code seconds[.nanos]}, where
   * nanos is any decimal reduced into 0 to 999,999,999.
   */
  static Optional<Duration> duration(String arg) {
    String text = arg.strip();
    if (text.startsWith("P") || text.startsWith("-P") || text.startsWith("+P")) {
      try {
        return Optional.of(Duration.parse(text));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    int dot = text.indexOf('.');
    OptionalLong seconds = number(dot < 0 ? text : text.substring(0, dot));
    OptionalLong nanos = dot < 0 ? OptionalLong.of(0) : number(text.substring(dot + 1));
    if (seconds.isEmpty() || nanos.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.ofSeconds(seconds.getAsLong(), Math.floorMod(nanos.getAsLong(), 1_000_000_000L)));
  }
}
