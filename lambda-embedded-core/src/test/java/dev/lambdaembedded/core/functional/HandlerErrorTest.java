/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.functional.Handlers.handler;
import static dev.lambdaembedded.core.testing.Results.coldStarts;
import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a handler throws becomes Lambda's error shape (reference sheet 3.2): {@code errorType} the
 * class, {@code errorMessage} the message or the class name, {@code stackTrace} innermost first
 * down to the handler. An exception leaves the environment warm; an {@link Error} resets it, as
 * Lambda's runtime exits after a {@code VirtualMachineError} and re-initialises.
 */
final class HandlerErrorTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  /** Throws from a helper so the trace has two frames of its own (and no bridge method). */
  static final class Thrower implements RequestHandler<@Nullable Object, @Nullable Object> {
    private final @Nullable String message;

    Thrower(@Nullable String message) {
      this.message = message;
    }

    @Override
    public @Nullable Object handleRequest(@Nullable Object input, Context context) {
      return explode();
    }

    private String explode() {
      throw new IllegalStateException(message);
    }
  }

  private static List<String> runtimeAndCallerFrames(List<String> frames) {
    return frames.stream()
        .filter(
            frame ->
                frame.startsWith("dev.lambdaembedded.core.execution.")
                    || frame.startsWith("dev.lambdaembedded.core.invoke.")
                    || frame.startsWith("dev.lambdaembedded.core.EmbeddedRuntime")
                    || frame.startsWith("java.lang.reflect.")
                    || frame.startsWith("jdk.internal.")
                    || frame.startsWith("java.lang.Thread.")
                    || frame.startsWith("java.lang.VirtualThread.")
                    || frame.startsWith(HandlerErrorTest.class.getName() + ".invoke")
                    || frame.startsWith("org.junit."))
        .toList();
  }

  /**
   * An exception fails the invocation with its class and message; the trace starts where it was
   * thrown and ends at the handler's entry, with no frame of the runtime or the caller.
   */
  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void invoke_handlerThrowsException_failsWithLambdasErrorShape(ExecutionMode mode) {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("thrower").executionMode(mode).build(),
            FunctionCode.handler(new Thrower("it broke")));

    FunctionError error = error(runtime.invoke("thrower", Payload.json("{}")));

    String thrower = Thrower.class.getName();
    assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.errorMessage()).isEqualTo("it broke");
    assertThat(error.stackTrace()).hasSize(2);
    assertThat(error.stackTrace().get(0)).startsWith(thrower + ".explode(HandlerErrorTest.java:");
    assertThat(error.stackTrace().get(1))
        .startsWith(thrower + ".handleRequest(HandlerErrorTest.java:");
    assertThat(error.toJson())
        .startsWith(
            "{\"errorMessage\":\"it broke\",\"errorType\":\"java.lang.IllegalStateException\","
                + "\"stackTrace\":[\""
                + thrower
                + ".explode(");
  }

  /** Lambda reports the class name as the message of an exception without one. */
  @Test
  void invoke_exceptionWithoutMessage_usesClassNameAsMessage() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.of("silent"), FunctionCode.handler(new Thrower(null)));

    FunctionError error = error(runtime.invoke("silent", Payload.json("{}")));

    assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.errorMessage()).isEqualTo("java.lang.IllegalStateException");
  }

  /**
   * A method resolved by name fails the same way: its trace ends at the handler method, without the
   * reflection frames the runtime calls it through (Lambda's runtime calls it through a method
   * handle, whose frames are hidden).
   */
  @Test
  void invoke_methodHandlerThrows_traceEndsAtHandlerMethod() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("method-thrower")
                .handler(handler(Handlers.MethodThrower.class, "handle"))
                .build(),
            FunctionCode.classpath());

    FunctionError error = error(runtime.invoke("method-thrower", Payload.json("\"x\"")));

    String thrower = Handlers.MethodThrower.class.getName();
    assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.errorMessage()).isEqualTo("method handler failed on x");
    assertThat(runtimeAndCallerFrames(error.stackTrace())).isEmpty();
    assertThat(error.stackTrace()).first().asString().startsWith(thrower + ".explode(");
    assertThat(error.stackTrace()).last().asString().startsWith(thrower + ".handle(");
  }

  /**
   * Handled exceptions do not discard the environment: the same instance serves the next calls
   * (awsdocs/aws-lambda-developer-guide#74), and it is still one cold start.
   */
  @Test
  void invoke_handlerThrowsException_keepsEnvironmentAndItsState() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("flaky")
                .handler(handler(Handlers.Flaky.class, "handle"))
                .build(),
            FunctionCode.classpath());

    String first = json(runtime.invoke("flaky", Payload.json("\"ok\"")));
    FunctionError failed = error(runtime.invoke("flaky", Payload.json("\"fail\"")));
    InvocationResult third = runtime.invoke("flaky", Payload.json("\"ok\""));

    assertThat(first).isEqualTo("\"call 1\"");
    assertThat(failed.errorType()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(failed.errorMessage()).isEqualTo("failed on call 2");
    assertThat(json(third)).isEqualTo("\"call 3\"");
    assertThat(third.report().coldStart()).isFalse();
    assertThat(coldStarts(runtime, "flaky")).isEqualTo(1);
  }

  /** A custom Error, to show any Error resets the environment, not only the JVM's own. */
  static final class FatalError extends Error {
    private static final long serialVersionUID = 1L;

    FatalError(String message) {
      super(message);
    }
  }

  static Stream<Supplier<Error>> errors() {
    return Stream.of(
        named("StackOverflowError", StackOverflowError::new),
        named("OutOfMemoryError", () -> new OutOfMemoryError("Java heap space")),
        named("custom Error", () -> new FatalError("fatal")));
  }

  private static Supplier<Error> named(String name, Supplier<Error> supplier) {
    return new Supplier<>() {
      @Override
      public Error get() {
        return supplier.get();
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /**
   * An Error fails the invocation like an exception, and then the environment is discarded: the
   * next invocation builds a new handler in a new environment (Lambda's {@code AWSLambda} exits its
   * loop after a {@code VirtualMachineError}; reference sheet 3.2 on {@code OutOfMemoryError}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void invoke_handlerThrowsError_failsAndResetsEnvironment(Supplier<Error> thrown) {
    AtomicInteger built = new AtomicInteger();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("fatal"),
            FunctionCode.handlerFactory(
                String.class,
                () -> {
                  int instance = built.incrementAndGet();
                  return (String in, Context context) -> {
                    if (in.equals("crash")) {
                      throw thrown.get();
                    }
                    return "instance " + instance;
                  };
                }));

    String before = json(runtime.invoke("fatal", Payload.json("\"hi\"")));
    FunctionError error = error(runtime.invoke("fatal", Payload.json("\"crash\"")));
    InvocationResult after = runtime.invoke("fatal", Payload.json("\"hi\""));

    Error expected = thrown.get();
    String type = expected.getClass().getName();
    assertThat(before).isEqualTo("\"instance 1\"");
    assertThat(error.errorType()).isEqualTo(type);
    assertThat(error.errorMessage())
        .isEqualTo(expected.getMessage() != null ? expected.getMessage() : type);
    assertThat(error.stackTrace()).isNotEmpty();
    assertThat(after.report().coldStart()).isTrue();
    assertThat(json(after)).isEqualTo("\"instance 2\"");
    assertThat(coldStarts(runtime, "fatal")).isEqualTo(2);
  }

  private FunctionError failWith(String name, ExecutionMode mode, Supplier<Exception> thrown) {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder(name).executionMode(mode).build(),
            FunctionCode.handler(
                (RequestHandler<Object, Object>)
                    (in, context) -> {
                      throw thrown.get();
                    }));
    return error(runtime.invoke(name, Payload.json("{}")));
  }

  /** The function's own ERROR lines: what the handler's failure wrote to the function log. */
  private List<String> errorLines(String name) {
    return fixture.logs().records().stream()
        .filter(r -> r.functionName().equals(name) && r.source() == LogRecord.Source.FUNCTION)
        .filter(r -> r.level() == dev.lambdaembedded.api.handler.LogLevel.ERROR)
        .map(LogRecord::message)
        .toList();
  }

  /**
   * The cause chain is kept (the error's {@code cause()}, each level in Lambda's shape), the body
   * stays Lambda's top-level one ({@code LambdaErrorConverter.fromThrowable}), and the function log
   * gets Lambda's {@code UserFault.reportableError} text: message and type, then Java's stack trace
   * with {@code Caused by:}, frames below the handler cut at every level.
   */
  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void invoke_exceptionWithCause_keepsCauseChainAndLogsReportableErrorText(ExecutionMode mode) {
    FunctionError error =
        failWith("disk", mode, () -> new IOException("disk on fire", new RuntimeException("root")));

    assertThat(error.errorType()).isEqualTo("java.io.IOException");
    assertThat(error.errorMessage()).isEqualTo("disk on fire");
    // thrown by the supplier the handler calls: those two frames, none of the runtime's
    assertThat(error.stackTrace()).hasSize(2);
    assertThat(error.stackTrace().getLast()).contains(".lambda$failWith$");
    FunctionError cause = error.cause().orElseThrow();
    assertThat(cause.errorType()).isEqualTo("java.lang.RuntimeException");
    assertThat(cause.errorMessage()).isEqualTo("root");
    assertThat(cause.stackTrace()).isEqualTo(error.stackTrace()); // made on the same line
    assertThat(cause.cause()).isEmpty();
    assertThat(error.toJson())
        .isEqualTo(
            "{\"errorMessage\":\"disk on fire\",\"errorType\":\"java.io.IOException\","
                + "\"stackTrace\":[\""
                + String.join("\",\"", error.stackTrace())
                + "\"]}");
    assertThat(errorLines("disk"))
        .containsExactly(
            "disk on fire: java.io.IOException\n"
                + "java.io.IOException: disk on fire\n"
                + "\tat "
                + error.stackTrace().get(0)
                + "\n"
                + "\tat "
                + error.stackTrace().get(1)
                + "\n"
                + "Caused by: java.lang.RuntimeException: root\n"
                + "\t... 2 more\n");
  }

  /**
   * A suppressed exception is in the log text, as Java prints it ({@code UserFault.trace} is {@code
   * printStackTrace}), with its frames cut too; it is not a cause, so not in the chain.
   */
  @Test
  void invoke_exceptionWithSuppressed_logsSuppressedAndKeepsNoCause() {
    FunctionError error =
        failWith(
            "closer",
            ExecutionMode.CALLER_THREAD,
            () -> {
              IllegalStateException failed = new IllegalStateException("write failed");
              failed.addSuppressed(new IOException("close failed"));
              return failed;
            });

    assertThat(error.errorMessage()).isEqualTo("write failed");
    assertThat(error.cause()).isEmpty();
    String frame = error.stackTrace().getFirst();
    assertThat(errorLines("closer"))
        .singleElement()
        .asString()
        .startsWith("write failed: java.lang.IllegalStateException\n")
        .contains("\tSuppressed: java.io.IOException: close failed\n")
        .doesNotContain("HandlerCall")
        .doesNotContain("dev.lambdaembedded.core.invoke.")
        .contains("\tat " + frame + "\n");
  }

  /**
   * A cause cycle ends the chain where it closes, and the log marks it as Java does ({@code
   * [CIRCULAR REFERENCE: ...]}); neither loops.
   */
  @Test
  void invoke_causeCycle_endsChainAndLogsCircularReference() {
    FunctionError error =
        failWith(
            "cycle",
            ExecutionMode.CALLER_THREAD,
            () -> {
              IllegalStateException first = new IllegalStateException("first");
              IllegalArgumentException second = new IllegalArgumentException("second", first);
              first.initCause(second);
              return first;
            });

    assertThat(error.errorMessage()).isEqualTo("first");
    assertThat(error.cause().orElseThrow().errorMessage()).isEqualTo("second");
    assertThat(error.cause().orElseThrow().cause()).isEmpty();
    assertThat(errorLines("cycle"))
        .singleElement()
        .asString()
        .contains("Caused by: java.lang.IllegalArgumentException: second\n")
        .endsWith("Caused by: [CIRCULAR REFERENCE: java.lang.IllegalStateException: first]\n");
  }
}
