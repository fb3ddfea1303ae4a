/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.internal;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.spi.LogSink;
import dev.lambdaembedded.api.spi.TimeSource;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The runtime-wide limits and options a runtime was built with; immutable, shared by every package.
 *
 * @param accountConcurrency the most invocations running at once, all functions together
 * @param unreservedConcurrencyMinimum what reservations must leave to functions without one
 * @param timeSource where durations, deadlines and timestamps come from
 * @param logSink where every function's log lines go
 * @param region the region in ARNs and {@code AWS_REGION}
 * @param accountId the account id in ARNs
 * @param requestLimitBytes the largest synchronous request payload
 * @param responseLimitBytes the largest response payload
 * @param initTimeout how long an init phase may take
 * @param shutdownTimeout how long an environment's shutdown hook may take
 * @param closeTimeout how long close() waits for running invocations
 * @param idleTimeout how long an idle execution environment is kept
 * @param stuckThreshold how long past its deadline a handler may run before it is reported stuck
 * @param stuckInvocationLimit how many handlers may run past their timeouts before the runtime
 *     refuses new invocations
 * @param logTailBytes the size of the log tail a result carries
 * @param mdc whether request id, function and version are put in the SLF4J MDC
 * @param captureStandardStreams whether handler writes to System.out and System.err are captured
 * @param allocationTracking whether bytes allocated by a handler are measured (platform threads)
 * @param requestIds makes request ids
 * @param routingRandom picks the version of each invocation of an alias routing to two versions
 * @param isolation the settings for deployed code: work directory, shared packages, limits
 * @param async the settings for asynchronous invocation: store, retry delays, backoff
 */
public record RuntimeSettings(
    int accountConcurrency,
    int unreservedConcurrencyMinimum,
    TimeSource timeSource,
    LogSink logSink,
    String region,
    String accountId,
    int requestLimitBytes,
    int responseLimitBytes,
    Duration initTimeout,
    Duration shutdownTimeout,
    Duration closeTimeout,
    Duration idleTimeout,
    Duration stuckThreshold,
    int stuckInvocationLimit,
    int logTailBytes,
    boolean mdc,
    boolean captureStandardStreams,
    boolean allocationTracking,
    Supplier<UUID> requestIds,
    RandomGenerator routingRandom,
    IsolationSettings isolation,
    AsyncSettings async) {

  /** Checks that no component is null. */
  public RuntimeSettings {
    requireNonNull(timeSource, "timeSource");
    requireNonNull(logSink, "logSink");
    requireNonNull(region, "region");
    requireNonNull(accountId, "accountId");
    requireNonNull(initTimeout, "initTimeout");
    requireNonNull(shutdownTimeout, "shutdownTimeout");
    requireNonNull(closeTimeout, "closeTimeout");
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(stuckThreshold, "stuckThreshold");
    requireNonNull(requestIds, "requestIds");
    requireNonNull(routingRandom, "routingRandom");
    requireNonNull(isolation, "isolation");
    requireNonNull(async, "async");
  }

  /**
   * Returns the unqualified ARN of a function.
   *
   * @param functionName the function
   * @return {@code arn:aws:lambda:<region>:<account>:function:<name>}
   */
  public String functionArn(String functionName) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
  }
}
