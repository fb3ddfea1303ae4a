/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.InvalidRequestContentException;
import dev.lambdaembedded.api.InvocationReport;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LogType;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.RequestTooLargeException;
import dev.lambdaembedded.api.ThrottleReason;
import dev.lambdaembedded.api.TooManyRequestsException;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.execution.Environment;
import dev.lambdaembedded.core.execution.InitFailure;
import dev.lambdaembedded.core.json.JsonFailure;
import dev.lambdaembedded.core.observe.LogLines;
import dev.lambdaembedded.core.observe.LogTail;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The synchronous invocation path: qualifier, admission, execution environment, run, report.
 *
 * <p>The warm path takes no lock: the registry's snapshot is a volatile read and a map lookup,
 * admission one compare-and-set on a padded counter, a warm environment one compare-and-set, the
 * deadline one slot in the watchdog's table. The handler then runs on the calling thread (or, for a
 * function in {@link ExecutionMode#VIRTUAL_THREAD} mode, on a new virtual thread the caller waits
 * for) inside a {@link ScopedValue} that carries the invocation.
 */
public final class InvokePipeline {
  private final Engine engine;
  private final FunctionResolver resolver;

  /**
   * Creates the pipeline.
   *
   * @param engine the runtime's engine
   * @param resolver finds the function version a qualifier names
   */
  public InvokePipeline(Engine engine, FunctionResolver resolver) {
    this.engine = requireNonNull(engine);
    this.resolver = requireNonNull(resolver);
  }

  /**
   * Counts invocations running now: registered with the watchdog, stuck ones included.
   *
   * @param functionName the function to count, or null for all
   * @return the count
   */
  public int running(@Nullable String functionName) {
    int[] count = {0};
    engine
        .watchdog()
        .forEach(
            run -> {
              if (run instanceof Invocation invocation
                  && (functionName == null || invocation.belongsTo(functionName))) {
                count[0]++;
              }
            });
    return count[0];
  }

  /**
   * Invokes a function synchronously.
   *
   * @param request the request
   * @return the result
   */
  public InvocationResult invoke(InvocationRequest request) {
    return invoke(request, null);
  }

  /**
   * Invokes a function synchronously with a given request id: an asynchronous event's attempts
   * share one.
   *
   * @param request the request
   * @param requestId the request id, or null for a new one
   * @return the result
   */
  public InvocationResult invoke(InvocationRequest request, @Nullable UUID requestId) {
    FunctionState function = resolver.resolve(request.qualifier());
    Payload payload = request.payload();
    int size = // a value passed by reference has no bytes to measure
        payload instanceof Payload.Json json
            ? json.size()
            : payload instanceof Payload.Bytes raw ? raw.size() : 0;
    if (size > engine.settings().requestLimitBytes()) {
      throw new RequestTooLargeException(
          request.qualifier(), size, engine.settings().requestLimitBytes());
    }
    ConcurrencyLimiter limiter = admit(function, request.qualifier());
    boolean handedOver = false;
    try {
      UUID id = requestId != null ? requestId : engine.settings().requestIds().get();
      Environment environment = function.acquire();
      if (environment == null) {
        refuseMalformedJson(function, request); // before an init phase, as Lambda's API refuses it
        Started started = startEnvironment(function, request, id);
        if (started.failure != null) {
          return started.failure;
        }
        environment = requireNonNull(started.environment);
      }
      Invocation invocation =
          new Invocation(
              function,
              environment,
              request,
              id,
              limiter,
              environment.takeInitDurationNanos(),
              engine.timeSource().nanoTime());
      handedOver = true;
      return function.spec.config().executionMode() == ExecutionMode.CALLER_THREAD
          ? invocation.runOnCaller()
          : invocation.runOnVirtualThread();
    } finally {
      if (!handedOver) {
        limiter.release();
      }
    }
  }

  private static void refuseMalformedJson(FunctionState function, InvocationRequest request) {
    if (request.payload() instanceof Payload.Json json) {
      try {
        function.codec.validate(json.bytes());
      } catch (JsonFailure e) {
        throw new InvalidRequestContentException(request.qualifier(), e.detail());
      }
    }
  }

  private ConcurrencyLimiter admit(FunctionState function, String qualifier) {
    if (engine.overdueLimitReached()) {
      function.counters.throttled();
      throw engine.overdueRefusal(qualifier);
    }
    ConcurrencyLimiter reserved = function.reservation.limiter();
    if (reserved != null) {
      if (reserved.tryAcquire()) {
        return reserved;
      }
      function.counters.throttled();
      throw new TooManyRequestsException(
          qualifier,
          ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED,
          reserved.limit());
    }
    ConcurrencyLimiter unreserved = engine.unreserved();
    if (unreserved.tryAcquire()) {
      return unreserved;
    }
    function.counters.throttled();
    throw new TooManyRequestsException(
        qualifier, ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, unreserved.limit());
  }

  /** The outcome of a cold start: an environment, or the failed invocation's result. */
  private record Started(@Nullable Environment environment, @Nullable InvocationResult failure) {}

  /** Runs the init phase of a new on-demand environment for an invocation. */
  private Started startEnvironment(
      FunctionState function, InvocationRequest request, UUID requestId) {
    function.counters.coldStart();
    InitRun init = InitRun.start(engine, function, function.pool);
    Environment environment = init.environment();
    if (environment == null) {
      return new Started(null, initFailed(function, request, requestId, init, init.failure()));
    }
    function.pool.add(environment);
    return new Started(environment, null);
  }

  /**
   * Reports an invocation whose init phase failed or timed out: the error in the function log (as
   * Lambda's Java runtime logs it, cause chain included), INIT_REPORT, START, END and REPORT lines,
   * and a failure result. No environment is kept.
   *
   * <p>The invocation started an execution environment whose init phase ran, so it is a cold start:
   * its report and its REPORT line carry the init phase's duration as Init Duration, the same
   * figure as INIT_REPORT (Lambda prints Init Duration in the first REPORT of an environment,
   * reference sheet 5.4 and 7.1). Its own duration is what ran after the init phase: nothing, so
   * zero.
   */
  private InvocationResult initFailed(
      FunctionState function,
      InvocationRequest request,
      UUID requestId,
      InitRun init,
      @Nullable InitFailure failure) {
    String id = requestId.toString();
    java.util.OptionalInt exited =
        failure == null ? init.exitStatus() : java.util.OptionalInt.empty();
    boolean timedOut = failure == null && exited.isEmpty();
    long initDuration =
        failure == null
            ? init.expiredAtNanos() - init.startNanos()
            : engine.timeSource().nanoTime() - init.startNanos();
    FunctionError error;
    if (failure != null) {
      error = failure.error();
    } else if (exited.isPresent()) {
      error =
          new FunctionError(
              FunctionError.EXIT_ERROR,
              "RequestId: "
                  + id
                  + " Error: Runtime exited with error: exit status "
                  + exited.getAsInt(),
              List.of());
    } else {
      error =
          new FunctionError(
              FunctionError.TIMEOUT,
              "RequestId: "
                  + id
                  + " Error: Init phase timed out after "
                  + LogLines.seconds(initDuration)
                  + " seconds",
              List.of());
    }
    LogTail tail =
        request.logType() == LogType.TAIL ? new LogTail(engine.settings().logTailBytes()) : null;
    String status = timedOut ? "timeout" : "error";
    String errorType = timedOut ? null : error.errorType();
    if (failure != null) {
      line(function, tail, LogRecord.Source.FUNCTION, LogLevel.ERROR, id, failure.reportable());
    } else if (exited.isPresent()) {
      line(function, tail, LogRecord.Source.PLATFORM, LogLevel.WARN, id, error.errorMessage());
    }
    line(
        function,
        tail,
        LogRecord.Source.PLATFORM,
        LogLevel.WARN,
        id,
        LogLines.initReport(initDuration, status, errorType));
    line(
        function,
        tail,
        LogRecord.Source.PLATFORM,
        LogLevel.INFO,
        id,
        LogLines.start(id, function.spec.version()));
    line(function, tail, LogRecord.Source.PLATFORM, LogLevel.INFO, id, LogLines.end(id));
    long duration = 0;
    long billed = LogLines.billedMillis(duration);
    int memory = function.spec.config().memorySize();
    line(
        function,
        tail,
        LogRecord.Source.PLATFORM,
        LogLevel.INFO,
        id,
        LogLines.report(id, duration, billed, memory, initDuration, status, errorType));
    function.invoked(duration);
    function.errored();
    if (timedOut) {
      function.counters.timedOut();
    }
    return new InvocationResult.Failure(
        requestId,
        function.spec.version(),
        error,
        new InvocationReport(duration, billed, memory, initDuration, -1),
        tail == null ? Optional.empty() : Optional.of(tail.contents()));
  }

  private static void line(
      FunctionState function,
      @Nullable LogTail tail,
      LogRecord.Source source,
      LogLevel level,
      String requestId,
      String text) {
    if (tail != null) {
      tail.append(text);
    }
    if (function.spec.log().enabled(level)) {
      function.spec.log().write(source, level, requestId, text);
    }
  }
}
