/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.json;

/**
 * A fast acceptance check for plain JSON documents: strict RFC 8259 syntax in well-formed UTF-8,
 * within limits far below Jackson's, checked without allocating.
 *
 * <p>It only ever accepts: whatever it does not accept (malformed input, but also a byte order
 * mark, a lone surrogate escape, nesting deeper than {@value #MAX_DEPTH}, a number longer than
 * {@value #MAX_NUMBER_LENGTH} characters, a string longer than {@value #MAX_STRING_BYTES} bytes, or
 * another encoding than UTF-8) goes to Jackson, which decides and says why. So a document it
 * accepts is one Jackson's parser accepts too, and the verdict and message callers see stay
 * Jackson's.
 */
final class JsonSyntax {

  /**
   * Deepest nesting of objects and arrays accepted here; Jackson's default limit is 500 or more.
   */
  static final int MAX_DEPTH = 128;

  /** Longest number accepted here, in characters; Jackson's default limit is 1,000. */
  static final int MAX_NUMBER_LENGTH = 100;

  /** Longest string accepted here, in bytes; Jackson's default limit is 20 million characters. */
  static final int MAX_STRING_BYTES = 1 << 20;

  private static final int REFUSED = -1;

  private JsonSyntax() {}

  /**
   * Returns whether the bytes are one plain JSON document and nothing but whitespace around it.
   *
   * @param json the bytes
   * @return {@code true} if accepted; {@code false} means "ask Jackson", not "malformed"
   */
  static boolean accepts(byte[] json) {
    int i = whitespace(json, 0);
    if (i == json.length) {
      return false;
    }
    i = value(json, i, 0);
    return i >= 0 && whitespace(json, i) == json.length;
  }

  private static int whitespace(byte[] json, int from) {
    if (from < 0) {
      return REFUSED;
    }
    int i = from;
    while (i < json.length) {
      byte b = json[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        break;
      }
      i++;
    }
    return i;
  }

  private static int value(byte[] json, int at, int depth) {
    if (at >= json.length) {
      return REFUSED;
    }
    return switch (json[at]) {
      case '{' -> object(json, at + 1, depth + 1);
      case '[' -> array(json, at + 1, depth + 1);
      case '"' -> string(json, at + 1);
      case 't' -> literal(json, at, "true");
      case 'f' -> literal(json, at, "false");
      case 'n' -> literal(json, at, "null");
      default -> number(json, at);
    };
  }

  private static int object(byte[] json, int from, int depth) {
    if (depth > MAX_DEPTH) {
      return REFUSED;
    }
    int i = whitespace(json, from);
    if (i < json.length && json[i] == '}') {
      return i + 1;
    }
    while (true) {
      if (i >= json.length || json[i] != '"') {
        return REFUSED;
      }
      i = whitespace(json, string(json, i + 1));
      if (i < 0 || i >= json.length || json[i] != ':') {
        return REFUSED;
      }
      i = value(json, whitespace(json, i + 1), depth);
      if (i < 0) {
        return REFUSED;
      }
      i = whitespace(json, i);
      if (i >= json.length) {
        return REFUSED;
      }
      if (json[i] == '}') {
        return i + 1;
      }
      if (json[i] != ',') {
        return REFUSED;
      }
      i = whitespace(json, i + 1);
    }
  }

  private static int array(byte[] json, int from, int depth) {
    if (depth > MAX_DEPTH) {
      return REFUSED;
    }
    int i = whitespace(json, from);
    if (i < json.length && json[i] == ']') {
      return i + 1;
    }
    while (true) {
      i = value(json, i, depth);
      if (i < 0) {
        return REFUSED;
      }
      i = whitespace(json, i);
      if (i >= json.length) {
        return REFUSED;
      }
      if (json[i] == ']') {
        return i + 1;
      }
      if (json[i] != ',') {
        return REFUSED;
      }
      i = whitespace(json, i + 1);
    }
  }

  /** From just after the opening quote to just after the closing one. */
  private static int string(byte[] json, int from) {
    if (from < 0) {
      return REFUSED;
    }
    int end = Math.min(json.length, from + MAX_STRING_BYTES);
    int i = from;
    while (i < end) {
      int b = json[i];
      if (b == '"') {
        return i + 1;
      }
      if (b == '\\') {
        i = escape(json, i + 1);
      } else if (b >= 0x20) {
        i++;
      } else if (b >= 0) {
        return REFUSED; // an unescaped control character
      } else {
        i = multibyte(json, i);
      }
      if (i < 0) {
        return REFUSED;
      }
    }
    return REFUSED;
  }

  private static int escape(byte[] json, int at) {
    if (at >= json.length) {
      return REFUSED;
    }
    return switch (json[at]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> at + 1;
      case 'u' -> unicodeEscape(json, at + 1);
      default -> REFUSED;
    };
  }

  private static int unicodeEscape(byte[] json, int from) {
    if (from + 4 > json.length) {
      return REFUSED;
    }
    int code = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(json[i], 16);
      if (digit < 0) {
        return REFUSED;
      }
      code = code << 4 | digit;
    }
    // surrogate escapes, paired or not, are Jackson's to judge
    return code >= 0xD800 && code <= 0xDFFF ? REFUSED : from + 4;
  }

  /** One well-formed UTF-8 sequence of two to four bytes: no overlong form, no surrogate. */
  private static int multibyte(byte[] json, int at) {
    int lead = json[at] & 0xFF;
    int length;
    int min;
    int code;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      min = 0x80;
      code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      min = 0x800;
      code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      min = 0x10000;
      code = lead & 0x07;
    } else {
      return REFUSED;
    }
    if (at + length > json.length) {
      return REFUSED;
    }
    for (int i = at + 1; i < at + length; i++) {
      int next = json[i] & 0xFF;
      if ((next & 0xC0) != 0x80) {
        return REFUSED;
      }
      code = code << 6 | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return REFUSED;
    }
    return at + length;
  }

  private static int literal(byte[] json, int at, String word) {
    int end = at + word.length();
    if (end > json.length) {
      return REFUSED;
    }
    for (int i = 0; i < word.length(); i++) {
      if (json[at + i] != word.charAt(i)) {
        return REFUSED;
      }
    }
    // "truex" is one bad token to Jackson, not "true" then "x": refuse letters and digits after it
    return end < json.length && Character.isLetterOrDigit(json[end]) ? REFUSED : end;
  }

  /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
  private static int number(byte[] json, int at) {
    int i = at;
    if (i < json.length && json[i] == '-') {
      i++;
    }
    if (i >= json.length) {
      return REFUSED;
    }
    if (json[i] == '0') {
      i++;
    } else if (json[i] >= '1' && json[i] <= '9') {
      i = digits(json, i);
    } else {
      return REFUSED;
    }
    if (i < json.length && json[i] == '.') {
      int start = i + 1;
      i = digits(json, start);
      if (i == start) {
        return REFUSED;
      }
    }
    if (i < json.length && (json[i] == 'e' || json[i] == 'E')) {
      i++;
      if (i < json.length && (json[i] == '+' || json[i] == '-')) {
        i++;
      }
      int start = i;
      i = digits(json, start);
      if (i == start) {
        return REFUSED;
      }
    }
    if (i - at > MAX_NUMBER_LENGTH) {
      return REFUSED;
    }
    // "01", "1x" and "1.2.3" end in something a number cannot be followed by: Jackson's to judge
    if (i < json.length) {
      byte next = json[i];
      if ((next >= '0' && next <= '9') || next == '.' || Character.isLetter(next)) {
        return REFUSED;
      }
    }
    return i;
  }

  private static int digits(byte[] json, int from) {
    int i = from;
    while (i < json.length && json[i] >= '0' && json[i] <= '9') {
      i++;
    }
    return i;
  }
}
