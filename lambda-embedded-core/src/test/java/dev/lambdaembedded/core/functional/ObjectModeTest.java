/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.functional.Handlers.handler;
import static dev.lambdaembedded.core.testing.Results.json;
import static dev.lambdaembedded.core.testing.Results.payload;
import static dev.lambdaembedded.core.testing.Results.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.reflect.TypeToken;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.functional.Events.Greeting;
import dev.lambdaembedded.core.testing.JacksonAccess;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In-process payloads ({@code Payload.of(obj)}), which Lambda does not have: the object is handed
 * over by reference when the handler's event type accepts it, and the response returned by
 * reference when the requested response type accepts it; otherwise each is converted through JSON
 * with the same lenient rules as a JSON payload ({@code Payload} and {@code InvocationRequest}
 * javadoc).
 */
final class ObjectModeTest {
  private static final Type LIST_OF_GREETINGS = new TypeToken<List<Greeting>>() {}.getType();

  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @BeforeAll
  static void openEventsToJackson() {
    JacksonAccess.open(Events.class);
  }

  @Test
  void invoke_objectOfEventType_handsOverTheSameInstance() {
    Greeting event = new Greeting("Ada", 1);
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("same"),
            FunctionCode.handler(
                Greeting.class,
                (Greeting in, Context context) -> {
                  seen.set(in);
                  return in.name();
                }));

    Object response =
        value(runtime.invoke(InvocationRequest.of("same", Payload.of(event), String.class)));

    assertThat(seen.get()).isSameAs(event);
    assertThat(response).isEqualTo("Ada");
  }

  /**
   * {@code asString()} reads a response without a cast: a JSON response as its JSON text, a value
   * response of type String as the string itself; an object that is not a String is refused.
   */
  @Test
  void invoke_responseAsString_jsonTextOrTheStringValue() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("name"),
            FunctionCode.handler(Greeting.class, (Greeting in, Context context) -> in.name()));
    Payload event = Payload.of(new Greeting("Cy", 3));

    Payload asJson = payload(runtime.invoke("name", event));
    Payload asString = payload(runtime.invoke(InvocationRequest.of("name", event, String.class)));
    Payload asObject = payload(runtime.invoke(InvocationRequest.of("name", event, Object.class)));

    assertThat(asJson.asString()).isEqualTo("\"Cy\"");
    assertThat(asString.asString()).isEqualTo("Cy");
    assertThat(asObject.asString()).isEqualTo("Cy");
    runtime
        .registry()
        .create(
            FunctionConfig.of("echo"),
            FunctionCode.handler(Greeting.class, (Greeting in, Context context) -> in));
    Payload greeting = payload(runtime.invoke(InvocationRequest.of("echo", event, Greeting.class)));
    assertThatThrownBy(greeting::asString)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Greeting.class.getName());
  }

  @Test
  void invoke_responseOfRequestedType_returnsTheSameInstance() {
    Greeting reply = new Greeting("Bo", 2);
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("reply"),
            FunctionCode.handler((@Nullable Object in, Context context) -> reply));

    Object asRecord =
        value(runtime.invoke(InvocationRequest.of("reply", Payload.of(null), Greeting.class)));
    Object asObject =
        value(runtime.invoke(InvocationRequest.of("reply", Payload.of(null), Object.class)));

    assertThat(asRecord).isSameAs(reply);
    assertThat(asObject).isSameAs(reply);
  }

  @Test
  void invoke_mapForRecordEventType_convertsThroughJson() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("convert"),
            FunctionCode.handler(
                Greeting.class,
                (Greeting in, Context context) -> {
                  seen.set(in);
                  return in.times();
                }));

    String result =
        json(
            runtime.invoke(
                "convert", Payload.of(Map.of("name", "Ada", "times", 2, "unknown", true))));

    assertThat(seen.get()).isEqualTo(new Greeting("Ada", 2));
    assertThat(result).isEqualTo("2");
  }

  @Test
  void invoke_numberOfOtherBoxedType_convertsIt() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("long"),
            FunctionCode.handler(
                Long.class,
                (Long in, Context context) -> {
                  seen.set(in);
                  return in + 1;
                }));

    Object response =
        value(runtime.invoke(InvocationRequest.of("long", Payload.of(41), Integer.class)));

    assertThat(seen.get()).isEqualTo(41L);
    assertThat(response).isEqualTo(42);
  }

  @Test
  void invoke_mapResponseForRecordResponseType_convertsThroughJson() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("map-reply"),
            FunctionCode.handler(
                (@Nullable Object in, Context context) -> Map.of("name", "Cy", "times", 3)));

    Object response =
        value(runtime.invoke(InvocationRequest.of("map-reply", Payload.of(null), Greeting.class)));

    assertThat(response).isEqualTo(new Greeting("Cy", 3));
  }

  @Test
  void invoke_objectPayloadWithoutResponseType_answersJson() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("to-json"),
            FunctionCode.handler(Greeting.class, (Greeting in, Context context) -> in));

    assertThat(json(runtime.invoke("to-json", Payload.of(new Greeting("Di", 4)))))
        .isEqualTo("{\"name\":\"Di\",\"times\":4}");
  }

  @Test
  void invoke_nullObject_handlerReceivesNullAndNullIsReturned() {
    AtomicReference<@Nullable Object> seen = new AtomicReference<>(new Object());
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("null"),
            FunctionCode.handler(
                Greeting.class,
                (@Nullable Greeting in, Context context) -> {
                  seen.set(in);
                  return null;
                }));

    Object response =
        value(runtime.invoke(InvocationRequest.of("null", Payload.of(null), Greeting.class)));

    assertThat(seen.get()).isNull();
    assertThat(response).isNull();
  }

  /**
   * A list of maps does not fit a {@code List<Item>} parameter, even though it is a List: the
   * handler must get Items, converted through JSON, not the caller's maps.
   */
  @Test
  void invoke_listOfMapsForGenericListParameter_convertsTheElements() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("total").handler(handler(Handlers.Lists.class, "total")).build(),
            FunctionCode.classpath());

    String result =
        json(
            runtime.invoke(
                "total",
                Payload.of(List.of(Map.of("name", "a", "qty", 2), Map.of("name", "b", "qty", 5)))));

    assertThat(result).isEqualTo("7");
  }

  /** Asking for {@code List<Greeting>} must give Greetings, not the maps the handler returned. */
  @Test
  void invoke_listOfMapsForGenericListResponseType_convertsTheElements() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("list-reply"),
            FunctionCode.handler(
                (@Nullable Object in, Context context) ->
                    List.of(Map.of("name", "Ed", "times", 5))));

    Object response =
        value(
            runtime.invoke(
                InvocationRequest.of("list-reply", Payload.of(null), LIST_OF_GREETINGS)));

    assertThat(response).isEqualTo(List.of(new Greeting("Ed", 5)));
  }

  /** A stream handler's bytes are read into the requested response type. */
  @Test
  void invoke_streamHandlerWithResponseType_readsOutputIntoType() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("stream-reply"),
            FunctionCode.streamHandler(
                (in, out, context) -> out.write("{\"name\":\"Fy\",\"times\":6}".getBytes(UTF_8))));

    Object response =
        value(
            runtime.invoke(
                InvocationRequest.of("stream-reply", Payload.json("{}"), Greeting.class)));

    assertThat(response).isEqualTo(new Greeting("Fy", 6));
  }
}
