/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.functional.Handlers.handler;
import static dev.lambdaembedded.core.testing.Results.coldStarts;
import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static dev.lambdaembedded.core.testing.Results.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.JacksonAccess;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resolving a handler string by name, with the rules of Lambda's Java runtime ({@code
 * EventHandlerLoader}; reference sheet 1.3): {@code package.Class::method} and {@code
 * package.Class}, the accepted parameter shapes, overload order, one instance per execution
 * environment, and the faults that fail every invocation the same way.
 */
final class HandlerResolutionTest {
  private static final String EVENT = "{\"name\":\"Ada\",\"times\":1}";

  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @BeforeAll
  static void openEventsToJackson() {
    JacksonAccess.open(Events.class);
  }

  private FunctionRuntime runtimeWith(String functionName, String handler) {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder(functionName).handler(handler).build(),
            FunctionCode.classpath());
    return runtime;
  }

  // ---- shapes ----

  static Stream<Arguments> shapes() {
    return Stream.of(
        arguments("inOutContext", "inOutContext " + EVENT + " shapes", null),
        arguments("inOut", "inOut " + EVENT, null),
        arguments("outContext", "outContext shapes", null),
        arguments("inContext", "null", "inContext " + EVENT + " shapes"),
        arguments("in", "null", "in " + EVENT),
        arguments("out", "out", null),
        arguments("context", "\"context shapes\"", null),
        arguments("pojoContext", "\"pojoContext Ada shapes\"", null),
        arguments("pojo", "\"pojo Ada\"", null),
        arguments("none", "\"none\"", null));
  }

  /**
   * Every parameter shape Lambda accepts runs, static or instance; stream methods see the raw
   * payload, and one without an OutputStream answers {@code null} as Lambda's runtime writes it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void invoke_classAndMethodOfEachAcceptedShape_runsThatMethod(
      String method, String expectedResponse, @Nullable String expectedSeen) {
    Handlers.LAST.set(null);
    FunctionRuntime runtime = runtimeWith("shapes", handler(Handlers.Shapes.class, method));

    InvocationResult result = runtime.invoke("shapes", Payload.json(EVENT));

    // stream methods write text, not JSON: bytes, read as text like a JSON response
    assertThat(payload(result).asString()).isEqualTo(expectedResponse);
    assertThat(Handlers.LAST.get()).isEqualTo(expectedSeen);
  }

  // ---- overloads ----

  static Stream<Arguments> overloads() {
    return Stream.of(
        arguments(Handlers.WidestWins.class, "\"(InputStream,OutputStream,Context)\""),
        arguments(Handlers.ContextCountsOneMore.class, "\"(T,Context)\""),
        arguments(Handlers.ContextBeatsInput.class, "\"(Context)\""),
        arguments(Handlers.InputBeatsNothing.class, "\"(T)\""));
  }

  /**
   * Overloads are tried longest first, a trailing Context counting one more, and the first with an
   * accepted shape wins (Lambda's {@code EventHandlerLoader} method comparator).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("overloads")
  void invoke_overloadedMethod_runsLongestAcceptedSignature(Class<?> type, String expected) {
    FunctionRuntime runtime = runtimeWith("overloads", handler(type, "handle"));

    assertThat(json(runtime.invoke("overloads", Payload.json("\"x\"")))).isEqualTo(expected);
  }

  /** Lambda sorts non-bridge methods first, so the event is decoded into the concrete type. */
  @Test
  void invoke_genericClassWithBridgeMethod_decodesIntoConcreteParameterType() {
    FunctionRuntime runtime =
        runtimeWith("bridged", handler(Handlers.BridgedGreeter.class, "handle"));

    assertThat(json(runtime.invoke("bridged", Payload.json(EVENT)))).isEqualTo("\"Hello Ada\"");
  }

  /** {@code Class::handleRequest} on a RequestHandler also skips the interface's bridge method. */
  @Test
  void invoke_requestHandlerNamedWithMethod_usesNonBridgeHandleRequest() {
    FunctionRuntime runtime =
        runtimeWith("greeter", handler(Handlers.Greeter.class, "handleRequest"));

    assertThat(json(runtime.invoke("greeter", Payload.json(EVENT)))).isEqualTo("\"Hello Ada x1\"");
  }

  // ---- instances ----

  /** Lambda builds one handler instance per execution environment, at init. */
  @Test
  void invoke_instanceMethodWarmInvocations_constructsOneInstancePerEnvironment() {
    Handlers.Counted.CONSTRUCTED.set(0);
    FunctionRuntime runtime = runtimeWith("counted", handler(Handlers.Counted.class, "handle"));

    List<String> responses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      responses.add(json(runtime.invoke("counted", Payload.json("{}"))));
    }

    assertThat(responses).containsExactly("1", "2", "3");
    assertThat(Handlers.Counted.CONSTRUCTED).hasValue(1);
    assertThat(coldStarts(runtime, "counted")).isEqualTo(1);
  }

  /** A static handler method needs no instance, so the constructor is never called. */
  @Test
  void invoke_staticMethod_neverConstructsTheClass() {
    FunctionRuntime runtime = runtimeWith("static", handler(Handlers.StaticOnly.class, "handle"));

    assertThat(json(runtime.invoke("static", Payload.json("\"call\""))))
        .isEqualTo("\"static call\"");
  }

  // ---- class names alone ----

  /** {@code package.Class} of a RequestHandler: the event type comes from its type arguments. */
  @Test
  void invoke_requestHandlerClassName_decodesEventTypeFromTypeArguments() {
    FunctionRuntime runtime = runtimeWith("greeter", Handlers.Greeter.class.getName());

    assertThat(json(runtime.invoke("greeter", Payload.json("{\"name\":\"Bo\",\"times\":3}"))))
        .isEqualTo("\"Hello Bo x3\"");
  }

  /** The type arguments may be bound by a generic superclass (Lambda's breadth-first search). */
  @Test
  void invoke_requestHandlerWithGenericSuperclass_resolvesEventTypeThroughHierarchy() {
    FunctionRuntime runtime = runtimeWith("inherited", Handlers.InheritedGreeter.class.getName());

    assertThat(json(runtime.invoke("inherited", Payload.json(EVENT)))).isEqualTo("\"Hi Ada\"");
  }

  /** {@code package.Class} of a StreamHandler: raw bytes in and out. */
  @Test
  void invoke_streamHandlerClassName_passesRawBytes() {
    FunctionRuntime runtime = runtimeWith("upper", Handlers.Upper.class.getName());

    assertThat(json(runtime.invoke("upper", Payload.json("{\"a\": \"b\"}"))))
        .isEqualTo("{\"A\": \"B\"}");
  }

  // ---- faults ----

  static Stream<Arguments> faults() {
    String prefix = Handlers.class.getName() + "$";
    String greeter = Handlers.Greeter.class.getName();
    return Stream.of(
        arguments(
            prefix + "Missing::handle",
            "java.lang.ClassNotFoundException",
            "Class not found: " + prefix + "Missing"),
        arguments(
            prefix + "Missing",
            "java.lang.ClassNotFoundException",
            "Class not found: " + prefix + "Missing"),
        arguments(
            greeter + "::nope",
            FunctionError.BAD_FUNCTION_CODE,
            "No public method named nope with appropriate method signature found on class "
                + greeter),
        arguments(
            handler(Handlers.BadSignatures.class, "handle"),
            FunctionError.BAD_FUNCTION_CODE,
            "No public method named handle with appropriate method signature found on class "
                + Handlers.BadSignatures.class.getName()),
        arguments(
            greeter + "::",
            FunctionError.BAD_FUNCTION_CODE,
            "Invalid handler: `" + greeter + "::'"),
        arguments("::handle", FunctionError.BAD_FUNCTION_CODE, "Invalid handler: `::handle'"),
        arguments(
            Handlers.NotAHandler.class.getName(),
            FunctionError.BAD_FUNCTION_CODE,
            "Class "
                + Handlers.NotAHandler.class.getName()
                + " does not implement an appropriate handler interface:"
                + " dev.lambdaembedded.api.handler.RequestHandler or"
                + " dev.lambdaembedded.api.handler.StreamHandler"),
        arguments(
            Handlers.RawHandler.class.getName(),
            FunctionError.BAD_FUNCTION_CODE,
            "Class "
                + Handlers.RawHandler.class.getName()
                + " does not implement RequestHandler with concrete type parameters"),
        arguments(
            Handlers.Unbound.class.getName(),
            FunctionError.BAD_FUNCTION_CODE,
            "Class "
                + Handlers.Unbound.class.getName()
                + " does not implement RequestHandler with concrete type parameters"));
  }

  /**
   * A missing class, a bad handler string or no fitting method is not fatal on Lambda: the runtime
   * installs a fault handler, so every invocation fails with the same error, without a stack trace,
   * in the one environment that was started.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void invoke_unresolvableHandler_failsEveryInvocationTheSameWay(
      String handler, String errorType, String errorMessage) {
    FunctionRuntime runtime = runtimeWith("faulty", handler);

    List<FunctionError> errors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      errors.add(error(runtime.invoke("faulty", Payload.json(EVENT))));
    }

    FunctionError expected = new FunctionError(errorType, errorMessage, List.of());
    assertThat(errors).containsExactly(expected, expected, expected);
    assertThat(coldStarts(runtime, "faulty")).isEqualTo(1);
  }
}
