/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.functional.Handlers.handler;
import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.invocations;
import static dev.lambdaembedded.core.testing.Results.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidRequestContentException;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.core.functional.Events.Greeting;
import dev.lambdaembedded.core.functional.Events.Order;
import dev.lambdaembedded.core.functional.Events.Reply;
import dev.lambdaembedded.core.functional.Events.Unwritable;
import dev.lambdaembedded.core.testing.JacksonAccess;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events decoded from JSON and responses encoded to JSON with the lenient rules of Lambda's Java
 * serializer (reference sheet 1.5; Lambda developer guide, java-handler "Input and output types"),
 * and the errors when that fails (1.3): malformed JSON is refused before the function runs, JSON
 * that does not fit fails the invocation.
 */
final class EventDecodingTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @BeforeAll
  static void openEventsToJackson() {
    JacksonAccess.open(Events.class);
  }

  private <T> FunctionRuntime echo(Class<T> type, AtomicReference<@Nullable Object> seen) {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("echo"),
            FunctionCode.handler(
                type,
                (@Nullable T in, Context context) -> {
                  seen.set(in);
                  return in;
                }));
    return runtime;
  }

  static Stream<Arguments> scalars() {
    return Stream.of(
        arguments(String.class, "\"hello\"", "hello", "\"hello\""),
        arguments(Integer.class, "41", 41, "41"),
        arguments(Long.class, "9007199254740993", 9_007_199_254_740_993L, "9007199254740993"),
        arguments(Double.class, "1.5", 1.5, "1.5"),
        arguments(Boolean.class, "true", true, "true"),
        arguments(byte[].class, "\"aGk=\"", "hi".getBytes(UTF_8), "\"aGk=\""));
  }

  /**
   * Documented type rules: a JSON string is a {@code String} without its quotes, numbers are {@code
   * Integer}/{@code Long}/{@code Double}, {@code byte[]} is base64 as Jackson writes it; the
   * response is the value's JSON text.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scalars")
  void invoke_scalarEventType_decodesAndEncodesTheValue(
      Class<?> type, String payload, Object expected, String response) {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = echo(type, seen);

    String result = json(runtime.invoke("echo", Payload.json(payload)));

    assertThat(seen.get()).isInstanceOf(type).isEqualTo(expected);
    assertThat(result).isEqualTo(response);
  }

  /** A {@code Map<String, Object>} event type, read from the handler class's type arguments. */
  static final class MapHandler implements RequestHandler<Map<String, Object>, Integer> {
    final AtomicReference<@Nullable Map<String, Object>> seen = new AtomicReference<>();

    @Override
    public Integer handleRequest(Map<String, Object> input, Context context) {
      seen.set(input);
      return input.size();
    }
  }

  /** A JSON object reads into a map of plain JSON values, nested ones included. */
  @Test
  void invoke_mapEventType_readsNestedJsonValues() {
    MapHandler handler = new MapHandler();
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.of("map"), FunctionCode.handler(handler));

    String result =
        json(runtime.invoke("map", Payload.json("{\"a\":1,\"b\":{\"c\":[true,null,\"x\"]}}")));

    assertThat(result).isEqualTo("2");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", 1);
    expected.put("b", Map.of("c", Arrays.asList(true, null, "x")));
    assertThat(handler.seen.get()).isEqualTo(expected);
  }

  /** A by-name method with a generic {@code List<Item>} parameter gets Items, not maps. */
  @Test
  void invoke_genericListParameter_decodesElementType() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("total").handler(handler(Handlers.Lists.class, "total")).build(),
            FunctionCode.classpath());

    String result =
        json(
            runtime.invoke(
                "total", Payload.json("[{\"name\":\"a\",\"qty\":2},{\"name\":\"b\",\"qty\":3}]")));

    assertThat(result).isEqualTo("5");
  }

  /** {@code ACCEPT_SINGLE_VALUE_AS_ARRAY}: one object where a list is expected is a list of one. */
  @Test
  void invoke_singleValueForListParameter_readsAsOneElementList() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("total").handler(handler(Handlers.Lists.class, "total")).build(),
            FunctionCode.classpath());

    assertThat(json(runtime.invoke("total", Payload.json("{\"name\":\"a\",\"qty\":7}"))))
        .isEqualTo("7");
  }

  /** {@code UNWRAP_SINGLE_VALUE_ARRAYS}: a one-element array where a single value is expected. */
  @Test
  void invoke_oneElementArrayForScalar_unwrapsTheValue() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = echo(Integer.class, seen);

    assertThat(json(runtime.invoke("echo", Payload.json("[5]")))).isEqualTo("5");
  }

  /** A JSON tree handler: the event is Jackson's own node, and a node is written as is. */
  static final class TreeHandler implements RequestHandler<JsonNode, JsonNode> {
    @Override
    public JsonNode handleRequest(JsonNode input, Context context) {
      return ((ObjectNode) input).put("seen", true);
    }
  }

  @Test
  void invoke_jsonNodeEventType_passesTheTree() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.of("tree"), FunctionCode.handler(new TreeHandler()));

    assertThat(json(runtime.invoke("tree", Payload.json("{\"a\":[1,2]}"))))
        .isEqualTo("{\"a\":[1,2],\"seen\":true}");
  }

  /** Records decode by property name; unknown properties are dropped silently (as on Lambda). */
  @Test
  void invoke_recordEventWithUnknownProperties_ignoresThem() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = echo(Greeting.class, seen);

    String result =
        json(
            runtime.invoke(
                "echo",
                Payload.json(
                    "{\"name\":\"Ada\",\"times\":2,\"extra\":{\"deep\":[1]},\"x\":null}")));

    assertThat(seen.get()).isEqualTo(new Greeting("Ada", 2));
    assertThat(result).isEqualTo("{\"name\":\"Ada\",\"times\":2}");
  }

  /** Property names are case-sensitive, as Lambda's serializer reads them. */
  @Test
  void invoke_propertyNameInOtherCase_isNotMatched() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = echo(Greeting.class, seen);

    runtime.invoke("echo", Payload.json("{\"NAME\":\"Ada\",\"times\":2}"));

    assertThat(seen.get()).isEqualTo(new Greeting(null, 2));
  }

  /** The mutable POJO with setters Lambda's docs describe; its null properties are not written. */
  @Test
  void invoke_mutablePojo_readsWithSettersAndOmitsNullsOnOutput() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = echo(Order.class, seen);

    String result =
        json(runtime.invoke("echo", Payload.json("{\"id\":\"o-1\",\"quantity\":3,\"other\":1}")));

    Order order = (Order) requireNonNull(seen.get(), "the handler did not run");
    assertThat(order.getId()).isEqualTo("o-1");
    assertThat(order.getQuantity()).isEqualTo(3);
    assertThat(order.getNote()).isNull();
    assertThat(result).isEqualTo("{\"id\":\"o-1\",\"quantity\":3}");
  }

  /** Lambda writes responses with {@code Include.NON_NULL}: null record components are omitted. */
  @Test
  void invoke_responseWithNullComponent_omitsIt() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("reply"),
            FunctionCode.handler((Object in, Context context) -> new Reply("hi", null)));

    assertThat(json(runtime.invoke("reply", Payload.json("{}")))).isEqualTo("{\"message\":\"hi\"}");
  }

  /** A null response, and a void method's, is the JSON literal {@code null}. */
  @Test
  void invoke_nullOrVoidResponse_answersJsonNull() {
    Handlers.LAST.set(null);
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("null-response"),
            FunctionCode.handler((@Nullable Object in, Context context) -> null));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("void").handler(handler(Handlers.Lists.class, "sink")).build(),
            FunctionCode.classpath());

    assertThat(json(runtime.invoke("null-response", Payload.json("{}")))).isEqualTo("null");
    assertThat(json(runtime.invoke("void", Payload.json("\"gone\"")))).isEqualTo("null");
    assertThat(Handlers.LAST.get()).isEqualTo("sink gone");
  }

  /** An empty payload, like a JSON {@code null}, reaches the handler as {@code null}. */
  @ParameterizedTest
  @ValueSource(strings = {"", "null"})
  void invoke_emptyOrNullPayload_handlerReceivesNull(String payload) {
    AtomicBoolean called = new AtomicBoolean();
    AtomicReference<@Nullable Object> seen = new AtomicReference<>(new Object());
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("empty"),
            FunctionCode.handler(
                Greeting.class,
                (@Nullable Greeting in, Context context) -> {
                  called.set(true);
                  seen.set(in);
                  return "done";
                }));

    Payload.Json json = payload.isEmpty() ? Payload.empty() : Payload.json(payload);
    assertThat(json(runtime.invoke("empty", json))).isEqualTo("\"done\"");
    assertThat(called).isTrue();
    assertThat(seen.get()).isNull();
  }

  /**
   * Lambda's Invoke API refuses a body that is not JSON ({@code InvalidRequestContentException},
   * "Could not parse request body into json") before the function runs: no START line, not counted
   * as an invocation.
   */
  @ParameterizedTest
  @ValueSource(strings = {"{\"name\":", "not json", "{\"a\":1}}", "[1,]", "{} {}", "\"a\" \"b\""})
  void invoke_malformedJson_isRefusedBeforeTheHandler(String payload) {
    AtomicBoolean called = new AtomicBoolean();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("strict"),
            FunctionCode.handler(
                (@Nullable Object in, Context context) -> {
                  called.set(true);
                  return "ran";
                }));

    assertThatThrownBy(() -> runtime.invoke("strict", Payload.json(payload)))
        .isInstanceOf(InvalidRequestContentException.class)
        .hasMessageStartingWith("Could not parse request body into json: ");

    assertThat(called).isFalse();
    assertThat(fixture.logs().lines("strict")).noneMatch(line -> line.startsWith("START"));
    assertThat(invocations(runtime, "strict")).isZero();
  }

  /** A refusal of a warm function leaves it warm and uncounted, too. */
  @Test
  void invoke_malformedJsonOnWarmFunction_isRefusedAndNotCounted() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = echo(Greeting.class, seen);
    runtime.invoke("echo", Payload.json("{\"name\":\"Ada\"}"));
    fixture.logs().clear();

    assertThatThrownBy(() -> runtime.invoke("echo", Payload.json("{\"name\"")))
        .isInstanceOf(InvalidRequestContentException.class);

    assertThat(fixture.logs().lines("echo")).noneMatch(line -> line.startsWith("START"));
    assertThat(invocations(runtime, "echo")).isEqualTo(1);
    assertThat(runtime.invoke("echo", Payload.json("{\"name\":\"Bo\"}")).report().coldStart())
        .isFalse();
  }

  static Stream<Arguments> misfits() {
    return Stream.of(
        arguments(Integer.class, "{\"a\":1}"),
        arguments(Integer.class, "\"twelve\""),
        arguments(Greeting.class, "[1,2]"),
        arguments(Greeting.class, "{\"times\":\"many\"}"),
        arguments(Boolean.class, "{}"));
  }

  /**
   * Valid JSON that does not fit the event type fails the invocation with Lambda's {@code
   * RuntimeException("An error occurred during JSON parsing")}; the handler does not run.
   */
  @ParameterizedTest(name = "{0} <- {1}")
  @MethodSource("misfits")
  void invoke_jsonNotFittingEventType_failsWithJsonParsingError(Class<?> type, String payload) {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = echo(type, seen);

    FunctionError error = error(runtime.invoke("echo", Payload.json(payload)));

    assertThat(error.errorType()).isEqualTo("java.lang.RuntimeException");
    assertThat(error.errorMessage()).isEqualTo("An error occurred during JSON parsing");
    assertThat(seen.get()).isNull();
    assertThat(invocations(runtime, "echo")).isEqualTo(1);
  }

  /** A response Jackson cannot write fails with Lambda's serialization error. */
  @Test
  void invoke_unwritableResponse_failsWithJsonSerializationError() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("unwritable"),
            FunctionCode.handler((Object in, Context context) -> new Unwritable()));

    FunctionError error = error(runtime.invoke("unwritable", Payload.json("{}")));

    assertThat(error.errorType()).isEqualTo("java.lang.RuntimeException");
    assertThat(error.errorMessage())
        .isEqualTo("An error occurred during JSON serialization of response");
  }

  /** A plain lambda without an event type gets plain JSON values. */
  @Test
  void invoke_lambdaWithoutEventType_readsPlainJsonValues() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("plain"),
            FunctionCode.handler(
                (@Nullable Object in, Context context) -> {
                  seen.set(in);
                  return in;
                }));

    String result = json(runtime.invoke("plain", Payload.json("[1,\"two\",{\"three\":3.5}]")));

    assertThat(seen.get()).isEqualTo(List.of(1, "two", Map.of("three", 3.5)));
    assertThat(result).isEqualTo("[1,\"two\",{\"three\":3.5}]");
  }
}
