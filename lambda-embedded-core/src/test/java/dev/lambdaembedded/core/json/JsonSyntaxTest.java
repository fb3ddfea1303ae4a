/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast acceptance check in front of Jackson: it accepts plain documents without a parser, and
 * never accepts what Jackson refuses (checked against Jackson on seeded random inputs).
 */
final class JsonSyntaxTest {
  private final JsonCodec codec = JsonCodec.create();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        " {\"id\":1} ",
        "\n\t{\"a\": [1, -2.5, 3e10, -0, 0.0E-3, true, false, null], \"b\": {\"c\": \"d\"}}\r\n",
        "\"just a string\"",
        "42",
        "-0.5e+7",
        "null",
        "\"escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uFFFF\"",
        "\"UTF-8: é € 𝄞\"",
        "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
      })
  void accepts_plainDocuments_withoutAParser(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonSyntax.accepts(bytes)).isTrue();
    assertThatCode(() -> codec.validateWithJackson(bytes)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "[1,]",
        "[1 2]",
        "{a:1}",
        "'single'",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "NaN",
        "tru",
        "truex",
        "nul",
        "\"unterminated",
        "\"bad escape \\x\"",
        "\"short \\u12\"",
        "\"tab\tinside\"",
        "{} {}",
        "[1] x",
        "// comment\n{}",
      })
  void refuses_malformedDocuments_andJacksonRefusesThemToo(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonSyntax.accepts(bytes)).isFalse();
    if (bytes.length > 0) {
      assertThatThrownBy(() -> codec.validate(bytes)).isInstanceOf(JsonFailure.class);
    }
  }

  @Test
  void leavesToJackson_whatItDoesNotJudge_andJacksonAcceptsIt() {
    List<byte[]> jacksonsToJudge =
        List.of(
            bytes("\uFEFF{\"bom\":true}"),
            bytes("[".repeat(JsonSyntax.MAX_DEPTH + 1) + "]".repeat(JsonSyntax.MAX_DEPTH + 1)),
            bytes("1" + "0".repeat(JsonSyntax.MAX_NUMBER_LENGTH)),
            bytes("\"\\ud834\\udd1e\""), // a surrogate pair, escaped
            "{\"utf16\":1}".getBytes(StandardCharsets.UTF_16BE));
    for (byte[] json : jacksonsToJudge) {
      assertThat(JsonSyntax.accepts(json)).isFalse();
      assertThatCode(() -> codec.validate(json)).doesNotThrowAnyException();
    }
  }

  @Test
  void refuses_malformedUtf8_inStrings() {
    byte[][] malformed = {
      {'"', (byte) 0xC0, (byte) 0xAF, '"'}, // overlong '/'
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate
      {'"', (byte) 0xE2, (byte) 0x82, '"'}, // cut short
      {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
      {'"', (byte) 0x80, '"'}, // a lone continuation byte
    };
    for (byte[] json : malformed) {
      assertThat(JsonSyntax.accepts(json)).isFalse();
    }
  }

  /**
   * Seeded random documents, valid and then mutated byte by byte: whatever the fast check accepts,
   * Jackson accepts, and every generated valid document is accepted without Jackson.
   */
  @Test
  void neverAccepts_whatJacksonRefuses_onSeededRandomInputs() {
    long seed = new SplittableRandom().nextLong();
    System.out.println("JsonSyntaxTest seed: " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    int accepted = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder doc = new StringBuilder();
      value(random, doc, 0);
      byte[] valid = bytes(doc.toString());
      assertThat(JsonSyntax.accepts(valid)).as("seed %d: %s", seed, doc).isTrue();
      byte[] mutated = mutate(random, valid);
      if (JsonSyntax.accepts(mutated)) {
        accepted++;
        String shown = new String(mutated, StandardCharsets.UTF_8);
        assertThatCode(() -> codec.validateWithJackson(mutated))
            .as("seed %d: %s", seed, shown)
            .doesNotThrowAnyException();
      }
    }
    assertThat(accepted).as("mutations that stay valid").isPositive();
  }

  @Test
  void write_plainStrings_asJacksonWritesThem() {
    StringBuilder printable = new StringBuilder();
    for (char c = 0x20; c < 0x7F; c++) {
      printable.append(c);
    }
    for (String text : List.of("", "ok", "a/b", printable.toString(), "x".repeat(300), "é\n")) {
      byte[] fast = codec.write(text);
      byte[] jackson = codec.write(List.of(text));
      assertThat(new String(fast, StandardCharsets.UTF_8))
          .isEqualTo(new String(jackson, 1, jackson.length - 2, StandardCharsets.UTF_8));
    }
  }

  private static void value(SplittableRandom random, StringBuilder doc, int depth) {
    int kind = random.nextInt(depth > 4 ? 5 : 7);
    switch (kind) {
      case 0 -> doc.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
      case 1 -> number(random, doc);
      case 2, 3, 4 -> string(random, doc);
      case 5 -> {
        doc.append('[');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          doc.append(i == 0 ? "" : ",").append(random.nextBoolean() ? " " : "");
          value(random, doc, depth + 1);
        }
        doc.append(']');
      }
      default -> {
        doc.append('{');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          doc.append(i == 0 ? "" : ",");
          string(random, doc);
          doc.append(random.nextBoolean() ? ": " : ":");
          value(random, doc, depth + 1);
        }
        doc.append('}');
      }
    }
  }

  private static void number(SplittableRandom random, StringBuilder doc) {
    if (random.nextBoolean()) {
      doc.append('-');
    }
    doc.append(random.nextInt(3) == 0 ? 0 : random.nextInt(1, 100_000));
    if (random.nextBoolean()) {
      doc.append('.').append(random.nextInt(1000));
    }
    if (random.nextInt(4) == 0) {
      doc.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "");
      doc.append(random.nextInt(300));
    }
  }

  private static final String[] PIECES = {
    "a", "Z", "0", " ", "/", "é", "€", "𝄞", "\\\"", "\\\\", "\\n", "\\u0041", "\\u00e9", "\\t"
  };

  private static void string(SplittableRandom random, StringBuilder doc) {
    doc.append('"');
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      doc.append(PIECES[random.nextInt(PIECES.length)]);
    }
    doc.append('"');
  }

  private static final byte[] NOISE = bytes("{}[]:,\"\\ -+.eE0123456789tfnux\u00e9\t\n");

  private static byte[] mutate(SplittableRandom random, byte[] valid) {
    byte[] copy = valid.clone();
    if (copy.length == 0) {
      return copy;
    }
    int changes = 1 + random.nextInt(2);
    for (int c = 0; c < changes; c++) {
      int at = random.nextInt(copy.length);
      byte with =
          random.nextInt(8) == 0 ? (byte) random.nextInt(256) : NOISE[random.nextInt(NOISE.length)];
      switch (random.nextInt(3)) {
        case 0 -> copy[at] = with;
        case 1 -> {
          byte[] longer = new byte[copy.length + 1];
          System.arraycopy(copy, 0, longer, 0, at);
          longer[at] = with;
          System.arraycopy(copy, at, longer, at + 1, copy.length - at);
          copy = longer;
        }
        default -> {
          if (copy.length > 1) {
            byte[] shorter = new byte[copy.length - 1];
            System.arraycopy(copy, 0, shorter, 0, at);
            System.arraycopy(copy, at + 1, shorter, at, copy.length - at - 1);
            copy = shorter;
          }
        }
      }
    }
    return copy;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
