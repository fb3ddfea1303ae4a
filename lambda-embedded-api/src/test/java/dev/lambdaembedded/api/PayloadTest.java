/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PayloadTest {

  @Test
  void jsonString_multiByteText_isItsUtf8Encoding() {
    // 'e acute' is 2 bytes in UTF-8, the euro sign 3, the emoji 4
    String text = "{\"name\":\"Ren\u00e9e \u20ac\ud83d\ude00\"}";

    Payload.Json json = Payload.json(text);

    assertThat(json.bytes()).isEqualTo(text.getBytes(UTF_8));
    assertThat(json.size()).isEqualTo(text.length() + 1 + 2 + 2);
    assertThat(json.asString()).isEqualTo(text);
  }

  @Test
  void jsonBytes_array_isNotCopied() {
    byte[] bytes = "{\"a\":1}".getBytes(UTF_8);

    Payload.Json json = Payload.json(bytes);

    // documented: the bytes are not copied, so the caller must not modify the array
    assertThat(json.bytes()).isSameAs(bytes);
    assertThat(json.size()).isEqualTo(7);
    assertThat(json.asString()).isEqualTo("{\"a\":1}");
  }

  @Test
  void empty_isZeroBytesAndAlwaysTheSame() {
    Payload.Json empty = Payload.empty();

    assertThat(empty.size()).isZero();
    assertThat(empty.bytes()).isEmpty();
    assertThat(empty.asString()).isEmpty();
    assertThat(Payload.empty()).isSameAs(empty);
    assertThat(empty).isEqualTo(Payload.json("")).isEqualTo(Payload.json(new byte[0]));
  }

  @Test
  void json_equality_isByContent() {
    new EqualsTester()
        .addEqualityGroup(
            Payload.json("{\"a\":1}"),
            Payload.json("{\"a\":1}"),
            Payload.json("{\"a\":1}".getBytes(UTF_8)))
        .addEqualityGroup(Payload.json("{ \"a\": 1 }"))
        .addEqualityGroup(Payload.empty(), Payload.json(""))
        .addEqualityGroup(Payload.of("{\"a\":1}"))
        .addEqualityGroup(
            Payload.bytes("{\"a\":1}".getBytes(UTF_8)), Payload.bytes("{\"a\":1}".getBytes(UTF_8)))
        .addEqualityGroup(Payload.bytes(new byte[0]))
        .testEquals();
  }

  @Test
  void bytes_anyBytes_areHeldUncopied() throws IOException {
    byte[] bytes = {(byte) 0xff, 0, 'h', 'i'};

    Payload.Bytes payload = Payload.bytes(bytes);

    assertThat(payload.bytes()).isSameAs(bytes);
    assertThat(payload.size()).isEqualTo(4);
    try (InputStream in = payload.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
    assertThat(payload).hasToString("Bytes[4 bytes]");
  }

  @Test
  void asString_jsonAndBytes_decodeUtf8() {
    byte[] text = "plain text, \u20ac".getBytes(UTF_8);

    assertThat(Payload.json(text).asString()).isEqualTo("plain text, \u20ac");
    assertThat(Payload.bytes(text).asString()).isEqualTo("plain text, \u20ac");
    assertThat(Payload.bytes(new byte[] {'a', (byte) 0xff}).asString()).isEqualTo("a\ufffd");
  }

  @Test
  void asString_readsAnyPayloadThroughTheInterface() {
    List<Payload> payloads = List.of(Payload.json("{}"), Payload.bytes(new byte[] {'o', 'k'}));

    assertThat(payloads).extracting(Payload::asString).containsExactly("{}", "ok");
  }

  @Test
  void asString_valueHoldingAString_isThatString() {
    String text = "ABC";

    assertThat(Payload.of(text).asString()).isSameAs(text);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void asString_valueHoldingNoString_throwsIllegalStateNamingWhatItHolds(boolean isNull) {
    Payload.Value value = Payload.of(isNull ? null : List.of(1));

    assertThatThrownBy(value::asString)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(isNull ? "holds null" : "holds an object of java.util.")
        .hasMessageContaining("value() or as(type)");
  }

  @Test
  void switchOverPayload_coversEveryKind() {
    List<Payload> payloads =
        List.of(Payload.json("[1]"), Payload.bytes(new byte[] {1, 2}), Payload.of(3));

    assertThat(payloads)
        .extracting(
            payload ->
                switch (payload) {
                  case Payload.Json json -> "json " + json.size();
                  case Payload.Bytes bytes -> "bytes " + bytes.size();
                  case Payload.Value value -> "value " + value.value();
                })
        .containsExactly("json 3", "bytes 2", "value 3");
  }

  @Test
  void openStream_calledTwice_eachStreamReadsAllBytes() throws IOException {
    Payload.Json json = Payload.json("[1,2,3]");

    try (InputStream first = json.openStream();
        InputStream second = json.openStream()) {
      assertThat(first.readAllBytes()).isEqualTo("[1,2,3]".getBytes(UTF_8));
      assertThat(second.readAllBytes()).isEqualTo("[1,2,3]".getBytes(UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 199, 200})
  void toString_atMost200Characters_showsWholeDocument(int length) {
    String text = "x".repeat(length);

    assertThat(Payload.json(text)).hasToString("Json[" + text + "]");
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 202, 10_000})
  void toString_beyond200Characters_showsFirst200AndEllipsis(int length) {
    String text = "0123456789".repeat(1_000).substring(0, length);

    assertThat(Payload.json(text)).hasToString("Json[" + text.substring(0, 200) + "...]");
  }

  @Test
  void of_null_holdsNullAndCastsToNull() {
    Payload.Value value = Payload.of(null);

    assertThat(value.value()).isNull();
    assertThat(value.as(String.class)).isNull();
    assertThat(value).isEqualTo(new Payload.Value(null));
  }

  @Test
  void of_object_holdsTheSameInstance() {
    List<String> list = List.of("a", "b");

    Payload.Value value = Payload.of(list);

    assertThat(value.value()).isSameAs(list);
    List<?> asList = value.as(List.class);
    assertThat(asList).isSameAs(list);
    assertThat(value.as(Object.class)).isSameAs(list);
  }

  @Test
  void as_wrongType_throwsClassCastException() {
    Payload.Value value = Payload.of(42);

    assertThatThrownBy(() -> value.as(String.class)).isInstanceOf(ClassCastException.class);
  }

  @Test
  void publicFactories_nullArguments_throwNpe() {
    NullPointerTester tester = new NullPointerTester();

    // of(@Nullable Object) is skipped by the tester: null means "hand the handler null"
    tester.testAllPublicStaticMethods(Payload.class);
    tester.testAllPublicInstanceMethods(Payload.json("{}"));
    tester.testAllPublicInstanceMethods(Payload.bytes(new byte[] {1}));
    tester.testAllPublicInstanceMethods(Payload.of("x"));
    tester.testAllPublicConstructors(Payload.Value.class);
  }
}
