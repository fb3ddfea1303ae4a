/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;

final class EventTest {

  @ParameterizedTest
  @Event(value = "order.json", type = Order.class)
  void explicitType_readsIntoThatType(Object event) {
    assertThat(event).isEqualTo(new Order(3, "BOOK-0042", 2));
  }

  @ParameterizedTest
  @Event("order.json")
  void voidType_readsIntoTheParameterType(Order order) {
    assertThat(order).isEqualTo(new Order(3, "BOOK-0042", 2));
  }

  @ParameterizedTest
  @Event(SampleEvents.SQS_BATCH)
  void voidType_keepsTheParametersGenerics(Map<String, List<SqsMessage>> event) {
    assertThat(event.get("Records"))
        .hasSize(2)
        .allSatisfy(message -> assertThat(message.messageId()).isNotBlank());
  }

  @ParameterizedTest
  @Event("order.json")
  void objectTarget_readsMapsAndLists(Object event) {
    assertThat(event)
        .isEqualTo(
            Map.of(
                "source",
                "relative",
                "orderId",
                3,
                "sku",
                "BOOK-0042",
                "quantity",
                2,
                "unknown",
                true));
  }

  @ParameterizedTest
  @Event("order.json")
  void relativePath_prefersTheTestClassPackage(Source event) {
    assertThat(event.source()).isEqualTo("relative");
  }

  @ParameterizedTest
  @Event("/order.json")
  void leadingSlash_readsFromTheClassPathRoot(Source event) {
    assertThat(event.source()).isEqualTo("root");
  }

  @ParameterizedTest
  @Event("root-only.json")
  void relativePathMissing_fallsBackToTheClassPathRoot(Source event) {
    assertThat(event.source()).isEqualTo("root-only");
  }

  @ParameterizedTest
  @Event("src/test/fs-events/standalone.json")
  void notOnTheClassPath_fallsBackToTheFileSystem(Source event) {
    assertThat(event.source()).isEqualTo("file-system");
  }

  @ParameterizedTest
  @Event("order.json")
  void stringTarget_getsTheRawText(String json) {
    assertThat(json)
        .isEqualTo(
            "{\"source\": \"relative\", \"orderId\": 3, \"sku\": \"BOOK-0042\", \"quantity\": 2,"
                + " \"unknown\": true}\n");
  }

  @ParameterizedTest
  @Event("order.json")
  void bytesTarget_getsTheRawBytes(byte[] json) {
    assertThat(json)
        .isEqualTo(
            EventLoader.loadJson(EventTest.class, "order.json").getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @Event("order.json")
  void inputStreamTarget_getsTheRawBytes(InputStream json) throws IOException {
    assertThat(new String(json.readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(EventLoader.loadJson(EventTest.class, "order.json"));
  }

  @ParameterizedTest
  @Event(value = "order.json", type = String.class)
  void explicitStringType_getsTheRawText(Object json) {
    assertThat(json).asString().startsWith("{\"source\": \"relative\"");
  }

  @Test
  void voidTypeWithoutParameter_failsNamingTheSource() {
    Event event = TestAnnotations.of(Annotated.class, "noParameter", Event.class);

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                EventArgumentsProvider.arguments(
                    event, EventTest.class, loader(), null, "method noParameter()"))
        .withMessage(
            "@Event(\"order.json\") on method noParameter() reads events into the first"
                + " parameter's type, but there is no parameter: add one or set type");
  }

  @Test
  void arguments_areNamedByFileName() {
    Event event = TestAnnotations.of(Annotated.class, "noParameter", Event.class);

    Arguments argument =
        EventArgumentsProvider.arguments(event, EventTest.class, loader(), String.class, "m()");

    assertThat(argument)
        .isInstanceOfSatisfying(
            ArgumentSet.class, set -> assertThat(set.getName()).isEqualTo("order.json"));
  }

  private static ClassLoader loader() {
    return EventArgumentsProvider.loader(EventTest.class);
  }

  record Order(int orderId, String sku, int quantity) {}

  record Source(String source, int orderId) {}

  record SqsMessage(String messageId, @Nullable String body) {}

  /** Annotated methods read reflectively; never run. */
  static final class Annotated {

    @Event("order.json")
    void noParameter() {}
  }
}
