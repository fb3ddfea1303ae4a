/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.LambdaRuntime;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm synchronous invoke of a trivial handler ({@link EchoHandler}, a 32-character {@code
 * toUpperCase}) through the runtime, against a direct call of the same handler object.
 *
 * <p>The request is built once and uses object mode (a {@link Payload.Value} in, a {@code String}
 * response type out), so no JSON is involved: what is measured is the invoke path itself. The
 * runtime is {@link Scope#Benchmark} state, shared by every benchmark thread as a real runtime is,
 * and its first invocation (the cold start) happens in the trial's setup.
 *
 * <p>{@code config} selects one runtime and function per trial:
 *
 * <ul>
 *   <li>{@code caller}: {@link ExecutionMode#CALLER_THREAD} and every default: every limit on
 *       (concurrency, deadline, context, counters, REPORT accounting), MDC off, allocation tracking
 *       off, standard streams captured, the function's logger below INFO;
 *   <li>{@code caller-alias}: the same, invoked through an alias that routes half of its
 *       invocations to each of two published versions ({@code echo:live}): the qualifier lookup and
 *       the per-invocation draw of the version;
 *   <li>{@code caller-mdc}: the same with the SLF4J MDC filled ({@code mdc(true)});
 *   <li>{@code caller-alloc}: the same as {@code caller} with allocation tracking on;
 *   <li>{@code caller-log-info}: the function's logger at INFO, so its START, END and REPORT lines
 *       are formatted by logback and written to a discarding stream ({@code logback.xml});
 *   <li>{@code virtual}: {@link ExecutionMode#VIRTUAL_THREAD}, a new virtual thread per invocation.
 * </ul>
 *
 * <p>The {@code direct} benchmark uses none of those parameters, so it runs once. Run the
 * benchmarks from virtual-thread callers with {@code -jvmArgsAppend -Djmh.executor=VIRTUAL} (one
 * thread only: JMH 1.37 hangs with many virtual callers on 2 cores); the setup checks that the
 * callers are of the kind asked for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InvokeBenchmark {

  /** The event: 32 lower-case characters. */
  static final String INPUT = "lambda-embedded warm invoke path";

  /** Long enough never to fire while measuring. */
  static final Duration TIMEOUT = FunctionConfig.MAX_TIMEOUT; // 900 s

  /** The state of the direct call: the handler object, the event, a constant context. */
  @State(Scope.Benchmark)
  public static class Direct {
    final EchoHandler handler = new EchoHandler();
    final Context context = new DirectContext();
    String input = INPUT; // not final: keeps the JIT from folding the call

    /** Creates the state. */
    public Direct() {}
  }

  /** A runtime with one function, configured by {@link #config}. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Invoke {
    /** Which configuration this trial measures; see the class comment. */
    @Param({"caller", "caller-alias", "caller-mdc", "caller-alloc", "caller-log-info", "virtual"})
    public String config;

    FunctionRuntime runtime;
    InvocationRequest request;

    /** Creates the state; JMH sets the parameter and calls {@link #setUp()}. */
    public Invoke() {}

    /** Builds the runtime and function, and makes the cold-start invocation. */
    @Setup(Level.Trial)
    public void setUp() {
      checkCallerKind();
      LambdaRuntime.Builder builder = LambdaRuntime.builder().captureStandardStreams(true);
      ExecutionMode mode = ExecutionMode.CALLER_THREAD;
      String functionName = "echo";
      switch (config) {
        case "caller", "caller-alias" -> {}
        case "caller-mdc" -> builder.mdc(true);
        case "caller-alloc" -> builder.allocationTracking(true);
        case "caller-log-info" -> functionName = "echo-log-info";
        case "virtual" -> mode = ExecutionMode.VIRTUAL_THREAD;
        default -> throw new IllegalArgumentException("Unknown config " + config);
      }
      checkLogLevel(functionName, config.equals("caller-log-info"));
      runtime = builder.build();
      runtime
          .registry()
          .create(
              FunctionConfig.builder(functionName).timeout(TIMEOUT).executionMode(mode).build(),
              FunctionCode.handler(String.class, new EchoHandler()));
      String qualifier = functionName;
      if (config.equals("caller-alias")) {
        runtime.registry().publishVersion(functionName, "");
        runtime
            .registry()
            .updateConfig(
                FunctionConfig.builder(functionName)
                    .timeout(TIMEOUT)
                    .executionMode(mode)
                    .description("version 2")
                    .build());
        runtime.registry().publishVersion(functionName, "");
        runtime
            .registry()
            .createAlias(functionName, AliasConfig.of("live", "1").withRouting("2", 0.5));
        qualifier = functionName + ":live";
        invokeOnce(runtime, InvocationRequest.of(qualifier, Payload.of(INPUT), String.class));
      }
      request = InvocationRequest.of(qualifier, Payload.of(INPUT), String.class);

      Object response = invokeOnce(runtime, request);
      if (!INPUT.toUpperCase(Locale.ROOT).equals(response)) {
        throw new IllegalStateException("Unexpected response " + response);
      }
      if (config.equals("caller-log-info") && !DiscardingOutputStream.anythingWritten()) {
        throw new IllegalStateException(
            "caller-log-info wrote no log line: check logback.xml's DISCARD appender");
      }
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
      if (runtime.state() != FunctionRuntime.State.CLOSED) {
        throw new IllegalStateException("The runtime closed as " + runtime.state());
      }
    }

    private static void checkCallerKind() {
      boolean virtualAsked = "VIRTUAL".equals(System.getProperty("jmh.executor"));
      if (Thread.currentThread().isVirtual() != virtualAsked) {
        throw new IllegalStateException(
            "Expected a "
                + (virtualAsked ? "virtual" : "platform")
                + " caller, running on "
                + Thread.currentThread());
      }
    }

    private static void checkLogLevel(String functionName, boolean info) {
      Logger logger = LoggerFactory.getLogger("dev.lambdaembedded.function." + functionName);
      if (logger.isInfoEnabled() != info) {
        throw new IllegalStateException(
            "Logger "
                + logger.getName()
                + (info ? " must" : " must not")
                + " be at INFO: check logback.xml");
      }
    }
  }

  /** Creates the benchmark. */
  public InvokeBenchmark() {}

  /**
   * Calls the handler object directly.
   *
   * @param state the handler and event
   * @param blackhole consumes the response
   */
  @Benchmark
  public void direct(Direct state, Blackhole blackhole) {
    blackhole.consume(state.handler.handleRequest(state.input, state.context));
  }

  /**
   * Invokes the function through the runtime.
   *
   * @param state the runtime and request
   * @param blackhole consumes the response
   */
  @Benchmark
  public void invoke(Invoke state, Blackhole blackhole) {
    switch (state.runtime.invoke(state.request)) {
      case InvocationResult.Success(_, _, Payload.Value(Object value), _, _) ->
          blackhole.consume(value);
      case InvocationResult.Success success ->
          throw new IllegalStateException("Unexpected payload " + success.payload());
      case InvocationResult.Failure failure ->
          throw new IllegalStateException(failure.error().toJson());
    }
  }

  /**
   * Invokes once and returns the response object, failing on a function error.
   *
   * @param runtime the runtime
   * @param request the request
   * @return the response value
   */
  static Object invokeOnce(FunctionRuntime runtime, InvocationRequest request) {
    return switch (runtime.invoke(request)) {
      case InvocationResult.Success(_, _, Payload.Value(Object value), _, _) when value != null ->
          value;
      case InvocationResult.Success success ->
          throw new IllegalStateException("Unexpected payload " + success.payload());
      case InvocationResult.Failure failure ->
          throw new IllegalStateException(failure.error().toJson());
    };
  }
}
