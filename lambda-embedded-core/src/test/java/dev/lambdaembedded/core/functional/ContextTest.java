/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.functional.Handlers.handler;
import static dev.lambdaembedded.core.testing.Results.json;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The invocation {@link Context}, Lambda's {@code Context} with record-style names (reference sheet
 * 1.2), and the thread context class loader a handler loaded by name runs with (1.4).
 */
final class ContextTest {
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:ctx";

  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  /** What a handler read from its context, copied during the invocation. */
  record Seen(
      String awsRequestId,
      String functionName,
      String functionVersion,
      int memoryLimitInMB,
      String invokedFunctionArn,
      int remainingBefore,
      int remainingAfter,
      String logGroupName,
      String logStreamName,
      Map<String, String> environment) {}

  private FunctionRuntime probe(ExecutionMode mode, AtomicReference<@Nullable Seen> seen) {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("ctx")
                .memorySize(1024)
                .timeout(Duration.ofSeconds(10))
                .environmentVariable("TABLE", "orders")
                .executionMode(mode)
                .build(),
            FunctionCode.handler(
                (@Nullable Object in, Context context) -> {
                  int before = context.remainingTimeInMillis();
                  fixture.time().advance(Duration.ofMillis(2_500));
                  seen.set(
                      new Seen(
                          context.awsRequestId(),
                          context.functionName(),
                          context.functionVersion(),
                          context.memoryLimitInMB(),
                          context.invokedFunctionArn(),
                          before,
                          context.remainingTimeInMillis(),
                          context.logGroupName(),
                          context.logStreamName(),
                          context.environment()));
                  return "ok";
                }));
    return runtime;
  }

  private static Seen seen(AtomicReference<@Nullable Seen> seen) {
    return requireNonNull(seen.get(), "the handler did not run");
  }

  /** Every context value, as Lambda's runtime fills it from its environment and headers. */
  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void invoke_handlerReadsContext_seesTheInvocationAndFunction(ExecutionMode mode) {
    AtomicReference<@Nullable Seen> seen = new AtomicReference<>();
    FunctionRuntime runtime = probe(mode, seen);

    InvocationResult result = runtime.invoke("ctx", Payload.json("{}"));

    Seen context = seen(seen);
    assertThat(context.awsRequestId()).isEqualTo(result.requestId().toString());
    assertThat(context.functionName()).isEqualTo("ctx");
    assertThat(context.functionVersion()).isEqualTo("$LATEST");
    assertThat(context.memoryLimitInMB()).isEqualTo(1024);
    assertThat(context.invokedFunctionArn()).isEqualTo(ARN);
    assertThat(context.remainingBefore()).isEqualTo(10_000);
    assertThat(context.remainingAfter()).isEqualTo(7_500);
    assertThat(context.logGroupName()).isEqualTo("/aws/lambda/ctx");
    assertThat(context.logStreamName()).matches("2026/11/27/\\[\\$LATEST][0-9a-f]{32}");
  }

  /** The invoked ARN is qualified exactly when the caller named a qualifier. */
  @ParameterizedTest
  @CsvSource({
    "ctx, " + ARN,
    "ctx:$LATEST, " + ARN + ":$LATEST",
    ARN + ", " + ARN,
    ARN + ":$LATEST, " + ARN + ":$LATEST",
    "000000000000:function:ctx, " + ARN
  })
  void invoke_qualifierForm_setsInvokedFunctionArn(String qualifier, String expectedArn) {
    AtomicReference<@Nullable Seen> seen = new AtomicReference<>();
    FunctionRuntime runtime = probe(ExecutionMode.CALLER_THREAD, seen);

    runtime.invoke(qualifier, Payload.json("{}"));

    assertThat(seen(seen).invokedFunctionArn()).isEqualTo(expectedArn);
  }

  /**
   * {@code environment()} holds the configured variables and the reserved ones Lambda sets, and
   * cannot be changed; one log stream serves every invocation of an environment.
   */
  @Test
  void invoke_handlerReadsEnvironment_seesConfiguredAndReservedVariables() {
    AtomicReference<@Nullable Seen> seen = new AtomicReference<>();
    FunctionRuntime runtime = probe(ExecutionMode.CALLER_THREAD, seen);

    runtime.invoke("ctx", Payload.json("{}"));
    Seen first = seen(seen);
    runtime.invoke("ctx", Payload.json("{}"));
    Seen second = seen(seen);

    Map<String, String> environment = first.environment();
    assertThat(environment)
        .containsEntry("TABLE", "orders")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "ctx")
        .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/ctx")
        .containsEntry("AWS_LAMBDA_LOG_STREAM_NAME", first.logStreamName())
        .containsEntry("AWS_REGION", "us-east-1");
    assertThatThrownBy(() -> environment.put("TABLE", "other"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> environment.remove("AWS_REGION"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(second.logStreamName()).isEqualTo(first.logStreamName());
    assertThat(second.awsRequestId()).isNotEqualTo(first.awsRequestId());
  }

  /** A handler loaded by name sees its handler string as {@code _HANDLER}, as on Lambda. */
  @Test
  void invoke_handlerLoadedByName_environmentHoldsHandlerString() {
    FunctionRuntime runtime = fixture.runtime();
    String handler = handler(Handlers.HandlerVariable.class, "handle");
    runtime
        .registry()
        .create(FunctionConfig.builder("named").handler(handler).build(), FunctionCode.classpath());

    assertThat(json(runtime.invoke("named", Payload.json("{}")))).isEqualTo("\"" + handler + "\"");
  }

  /**
   * The thread context class loader is the function's class loader during its init hook and its
   * invocations (Lambda sets the customer class loader), and the caller's own again afterwards.
   */
  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void invoke_handlerLoadedByName_runsWithFunctionClassLoaderAsContextLoader(ExecutionMode mode)
      throws IOException {
    Handlers.LoaderProbe.AT_INIT.set(null);
    Handlers.LoaderProbe.AT_INVOKE.set(null);
    ClassLoader callers = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader functionLoader =
        new URLClassLoader("function", new URL[0], ContextTest.class.getClassLoader())) {
      FunctionRuntime runtime = fixture.runtime();
      runtime
          .registry()
          .create(
              FunctionConfig.builder("loader")
                  .handler(handler(Handlers.LoaderProbe.class, "handle"))
                  .executionMode(mode)
                  .build(),
              FunctionCode.classLoader(functionLoader));

      String response = json(runtime.invoke("loader", Payload.json("{}")));

      assertThat(response).isEqualTo("\"probed\"");
      assertThat(Handlers.LoaderProbe.AT_INIT.get()).isSameAs(functionLoader);
      assertThat(Handlers.LoaderProbe.AT_INVOKE.get()).isSameAs(functionLoader);
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callers);
    }
  }

  /** Inline code has no class loader of its own: its handler runs with the caller's. */
  @Test
  void invoke_inlineHandler_keepsCallersContextLoader() {
    AtomicReference<@Nullable ClassLoader> seen = new AtomicReference<>();
    ClassLoader callers = Thread.currentThread().getContextClassLoader();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("inline"),
            FunctionCode.handler(
                (@Nullable Object in, Context context) -> {
                  seen.set(Thread.currentThread().getContextClassLoader());
                  return "ok";
                }));

    runtime.invoke("inline", Payload.json("{}"));

    assertThat(seen.get()).isSameAs(callers);
  }
}
