/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.AsyncOutcome;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.api.spi.LogSink;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.core.internal.AsyncSettings;
import dev.lambdaembedded.core.internal.IsolationSettings;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.invoke.RequestIds;
import dev.lambdaembedded.core.observe.Slf4jLogSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds embedded AWS Lambda runtimes: {@code FunctionRuntime runtime =
 * LambdaRuntime.builder().build();}.
 *
 * <p>Every limit defaults to Lambda's value and can be changed on the builder:
 *
 * <ul>
 *   <li>account concurrency {@value Builder#DEFAULT_ACCOUNT_CONCURRENCY}, of which reservations
 *       must leave a tenth unreserved (Lambda's 100 of 1,000);
 *   <li>synchronous request payload {@value Builder#DEFAULT_REQUEST_PAYLOAD_LIMIT} bytes (6 MB),
 *       response payload {@value Builder#DEFAULT_RESPONSE_PAYLOAD_LIMIT} bytes;
 *   <li>init phase 10 seconds; log tail {@value Builder#DEFAULT_LOG_TAIL_BYTES} bytes;
 *   <li>ARNs in region {@code us-east-1} of account {@code 000000000000}.
 * </ul>
 *
 * <p>The runtime's log lines go to the SLF4J logger {@code dev.lambdaembedded.function.<function
 * name>} unless another {@link LogSink} is set. When the host has no SLF4J provider, they go to the
 * JDK's {@link System.Logger} of that name instead (standard error, by default), and the runtime
 * logs one warning saying so. With {@link Builder#mdc(boolean) mdc(true)}, the SLF4J MDC holds
 * {@code AWSRequestId}, {@code functionName} and {@code functionVersion} while a handler runs.
 */
public final class LambdaRuntime {
  private LambdaRuntime() {}

  /**
   * Starts a builder with Lambda's defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a runtime. Each option may be set once; a bad value fails at the setter with a message
   * naming it. Not thread-safe; {@link #build()} may be called again for another runtime.
   */
  public static final class Builder {
    /** The default account concurrency, Lambda's regional default. */
    public static final int DEFAULT_ACCOUNT_CONCURRENCY = 1_000;

    /** The default largest synchronous request payload: 6 MB. */
    public static final int DEFAULT_REQUEST_PAYLOAD_LIMIT = 6_291_456;

    /** The default largest response payload: 6 MB and 100 bytes, as Lambda enforces. */
    public static final int DEFAULT_RESPONSE_PAYLOAD_LIMIT = 6_291_556;

    /** The default size of a result's log tail: 4 KB, as Lambda's {@code LogType=Tail}. */
    public static final int DEFAULT_LOG_TAIL_BYTES = 4_096;

    /** The default init phase limit, Lambda's 10 seconds. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The default limit of a shutdown hook: 2 seconds, Lambda's shutdown budget with extensions.
     */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    /** The default time close() waits for running invocations. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** The default time an idle execution environment is kept. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** The default time past its deadline after which a running handler is reported stuck. */
    public static final Duration DEFAULT_STUCK_THRESHOLD = Duration.ofSeconds(1);

    /**
     * The default number of handlers that may run past their timeouts before the runtime refuses
     * new invocations: 100, a tenth of the default account concurrency.
     */
    public static final int DEFAULT_STUCK_INVOCATION_LIMIT = 100;

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private int accountConcurrency = -1;
    private int unreservedConcurrencyMinimum = -1;
    private @Nullable TimeSource timeSource;
    private @Nullable LogSink logSink;
    private @Nullable String region;
    private @Nullable String accountId;
    private int requestPayloadLimit = -1;
    private int responsePayloadLimit = -1;
    private int logTailBytes = -1;
    private @Nullable Duration initTimeout;
    private @Nullable Duration shutdownTimeout;
    private @Nullable Duration closeTimeout;
    private @Nullable Duration idleTimeout;
    private @Nullable Duration stuckThreshold;
    private int stuckInvocationLimit = -1;
    private @Nullable Boolean mdc;
    private @Nullable Boolean captureStandardStreams;
    private @Nullable Boolean allocationTracking;
    private @Nullable Supplier<UUID> requestIds;
    private @Nullable RandomGenerator routingRandom;
    private @Nullable EventStore eventStore;
    private @Nullable List<Duration> asyncRetryDelays;
    private @Nullable Duration asyncBackoffInitial;
    private @Nullable Duration asyncBackoffMax;
    private @Nullable Duration asyncCloseGrace;
    private @Nullable Consumer<AsyncOutcome> asyncOutcomes;
    private @Nullable Path workDirectory;
    private final List<String> sharedPackages = new ArrayList<>();
    private @Nullable ClassLoader sharedClassLoader;
    private @Nullable SplitPackages splitPackages;
    private long maxZippedBytes = -1;
    private long maxUnzippedBytes = -1;
    private @Nullable Boolean verifyUnloading;
    private @Nullable Duration unloadCheckDelay;

    private static final Pattern PACKAGE_NAME =
        Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private Builder() {}

    /**
     * Sets how many invocations may run at once, all functions together.
     *
     * @param concurrency at least 1; default 1,000
     * @return this builder
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if already set
     */
    public Builder accountConcurrency(int concurrency) {
      requireState(accountConcurrency < 0, "accountConcurrency", accountConcurrency);
      requireArgument(concurrency >= 1, "accountConcurrency %s must be at least 1", concurrency);
      this.accountConcurrency = concurrency;
      return this;
    }

    /**
     * Sets how much of the account concurrency reservations must leave to functions without one.
     *
     * @param minimum 0 to the account concurrency; default a tenth of it
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder unreservedConcurrencyMinimum(int minimum) {
      requireState(
          unreservedConcurrencyMinimum < 0,
          "unreservedConcurrencyMinimum",
          unreservedConcurrencyMinimum);
      requireArgument(
          minimum >= 0, "unreservedConcurrencyMinimum %s must not be negative", minimum);
      this.unreservedConcurrencyMinimum = minimum;
      return this;
    }

    /**
     * Sets where the runtime reads time; a test injects a manual time source to fire timeouts
     * without waiting.
     *
     * @param timeSource the time source; default {@link TimeSource#system()}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder timeSource(TimeSource timeSource) {
      requireState(this.timeSource == null, "timeSource", this.timeSource);
      this.timeSource = requireNonNull(timeSource, "timeSource");
      return this;
    }

    /**
     * Sets where every function's log lines go.
     *
     * @param logSink the sink; default SLF4J, a logger per function ({@code System.Logger} when
     *     SLF4J has no provider)
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder logSink(LogSink logSink) {
      requireState(this.logSink == null, "logSink", this.logSink);
      this.logSink = requireNonNull(logSink, "logSink");
      return this;
    }

    /**
     * Sets the region in ARNs and in {@code AWS_REGION}.
     *
     * @param region an AWS region name such as {@code eu-west-1}; default {@code us-east-1}
     * @return this builder
     * @throws IllegalArgumentException if it is not a region name
     * @throws IllegalStateException if already set
     */
    public Builder region(String region) {
      requireState(this.region == null, "region", this.region);
      requireArgument(
          REGION.matcher(requireNonNull(region, "region")).matches(),
          "region '%s' must be an AWS region name like us-east-1",
          region);
      this.region = region;
      return this;
    }

    /**
     * Sets the account id in ARNs.
     *
     * @param accountId twelve digits; default {@code 000000000000}
     * @return this builder
     * @throws IllegalArgumentException if not twelve digits
     * @throws IllegalStateException if already set
     */
    public Builder accountId(String accountId) {
      requireState(this.accountId == null, "accountId", this.accountId);
      requireArgument(
          ACCOUNT.matcher(requireNonNull(accountId, "accountId")).matches(),
          "accountId '%s' must be twelve digits",
          accountId);
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets the largest synchronous request payload.
     *
     * @param bytes at least 1; default 6 MB
     * @return this builder
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if already set
     */
    public Builder requestPayloadLimit(int bytes) {
      requireState(requestPayloadLimit < 0, "requestPayloadLimit", requestPayloadLimit);
      requireArgument(bytes >= 1, "requestPayloadLimit %s must be at least 1 byte", bytes);
      this.requestPayloadLimit = bytes;
      return this;
    }

    /**
     * Sets the largest response payload.
     *
     * @param bytes at least 1; default 6 MB and 100 bytes
     * @return this builder
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if already set
     */
    public Builder responsePayloadLimit(int bytes) {
      requireState(responsePayloadLimit < 0, "responsePayloadLimit", responsePayloadLimit);
      requireArgument(bytes >= 1, "responsePayloadLimit %s must be at least 1 byte", bytes);
      this.responsePayloadLimit = bytes;
      return this;
    }

    /**
     * Sets how much of its log a result carries when asked for the tail.
     *
     * @param bytes at least 1; default 4 KB
     * @return this builder
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if already set
     */
    public Builder logTailBytes(int bytes) {
      requireState(logTailBytes < 0, "logTailBytes", logTailBytes);
      requireArgument(bytes >= 1, "logTailBytes %s must be at least 1 byte", bytes);
      this.logTailBytes = bytes;
      return this;
    }

    /**
     * Sets how long an init phase may take.
     *
     * @param timeout positive; default 10 seconds
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder initTimeout(Duration timeout) {
      requireState(initTimeout == null, "initTimeout", initTimeout);
      this.initTimeout = positive("initTimeout", timeout);
      return this;
    }

    /**
     * Sets how long an environment's shutdown hook may take.
     *
     * @param timeout positive; default 2 seconds
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder shutdownTimeout(Duration timeout) {
      requireState(shutdownTimeout == null, "shutdownTimeout", shutdownTimeout);
      this.shutdownTimeout = positive("shutdownTimeout", timeout);
      return this;
    }

    /**
     * Sets how long {@code close()} waits for running invocations before interrupting them. This
     * wait is measured on the system clock, whatever the time source.
     *
     * @param timeout zero or more; default 30 seconds
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder closeTimeout(Duration timeout) {
      requireState(closeTimeout == null, "closeTimeout", closeTimeout);
      requireArgument(!timeout.isNegative(), "closeTimeout %s must not be negative", timeout);
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Sets how long an idle execution environment is kept before it is shut down.
     *
     * @param timeout positive; default 10 minutes
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder environmentIdleTimeout(Duration timeout) {
      requireState(idleTimeout == null, "environmentIdleTimeout", idleTimeout);
      this.idleTimeout = positive("environmentIdleTimeout", timeout);
      return this;
    }

    /**
     * Sets how long past its deadline a handler may keep running before it is reported stuck.
     *
     * @param threshold positive; default 1 second
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder stuckThreshold(Duration threshold) {
      requireState(stuckThreshold == null, "stuckThreshold", stuckThreshold);
      this.stuckThreshold = positive("stuckThreshold", threshold);
      return this;
    }

    /**
     * Sets how many handlers may go on running past their timeouts before the runtime refuses new
     * invocations. A timed-out invocation gives its concurrency place back at the timeout, as
     * Lambda frees it with the environment, so a function whose handlers ignore their deadline
     * stays available; those handlers count against this runtime-wide bound instead, until they
     * return. At the bound every invocation is refused with {@link
     * dev.lambdaembedded.api.TooManyRequestsException} ({@code StuckInvocationLimitExceeded}), and
     * asynchronous events wait with backoff.
     *
     * @param limit 1 or more; default {@value #DEFAULT_STUCK_INVOCATION_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     * @throws IllegalStateException if already set
     */
    public Builder stuckInvocationLimit(int limit) {
      requireState(stuckInvocationLimit < 0, "stuckInvocationLimit", stuckInvocationLimit);
      requireArgument(limit >= 1, "stuckInvocationLimit %s must be at least 1", limit);
      this.stuckInvocationLimit = limit;
      return this;
    }

    /**
     * Sets whether the request id, function and version are put in the SLF4J MDC (keys {@code
     * AWSRequestId}, {@code functionName}, {@code functionVersion}) while a handler runs. Off by
     * default, as in Lambda's Java runtime, which fills the MDC only when a function uses its
     * log4j2 appender: with logback the six MDC updates and the request id's text cost about 160 ns
     * and 176 bytes per invocation, as much as the rest of the warm path.
     *
     * @param enabled default {@code false}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder mdc(boolean enabled) {
      requireState(mdc == null, "mdc", mdc);
      this.mdc = enabled;
      return this;
    }

    /**
     * Sets whether what a handler writes to {@code System.out} and {@code System.err} on its thread
     * goes to the function's log, as on Lambda. When on, the runtime replaces the two streams while
     * it is open; writes from other threads pass through unchanged.
     *
     * @param enabled default {@code true}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder captureStandardStreams(boolean enabled) {
      requireState(
          captureStandardStreams == null, "captureStandardStreams", captureStandardStreams);
      this.captureStandardStreams = enabled;
      return this;
    }

    /**
     * Sets whether the bytes a handler allocates are measured (exact on platform threads, unknown
     * on virtual threads) and reported in the invocation's report. Off by default: reading the
     * JVM's per-thread counter twice costs about 30 to 40 ns per invocation, a sixth of the warm
     * path.
     *
     * @param enabled default {@code false}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder allocationTracking(boolean enabled) {
      requireState(allocationTracking == null, "allocationTracking", allocationTracking);
      this.allocationTracking = enabled;
      return this;
    }

    /**
     * Sets where request ids come from; a test injects a sequence to get predictable ids.
     *
     * @param requestIds thread-safe; default random version 4 UUIDs
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder requestIds(Supplier<UUID> requestIds) {
      requireState(this.requestIds == null, "requestIds", this.requestIds);
      this.requestIds = requireNonNull(requestIds, "requestIds");
      return this;
    }

    /**
     * Sets where asynchronous events wait. The runtime owns the store and closes it.
     *
     * @param store default {@link EventStores#inMemory()}: fast, lost with the process; {@code
     *     SqliteEventStore} from {@code lambda-embedded-sqlite} survives a crash
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder eventStore(EventStore store) {
      requireState(this.eventStore == null, "eventStore", this.eventStore);
      this.eventStore = requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the waits before the retries of an asynchronous event whose invocation failed (a
     * function error or timeout); the last wait repeats if there are more retries than waits.
     *
     * @param delays default Lambda's: 1 minute, then 2 minutes
     * @return this builder
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if empty or a wait is negative
     */
    public Builder asyncRetryDelays(Duration... delays) {
      requireState(asyncRetryDelays == null, "asyncRetryDelays", asyncRetryDelays);
      requireArgument(delays.length > 0, "asyncRetryDelays must not be empty: %s", delays.length);
      for (Duration delay : delays) {
        requireArgument(!delay.isNegative(), "asyncRetryDelays must not be negative: %s", delay);
      }
      this.asyncRetryDelays = List.of(delays);
      return this;
    }

    /**
     * Sets the backoff of an asynchronous event that was throttled or hit a runtime-side failure:
     * the first wait, doubled per requeue up to the longest.
     *
     * @param initial default Lambda's 1 second
     * @param max default Lambda's 5 minutes
     * @return this builder
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if not positive, or max is below initial
     */
    public Builder asyncBackoff(Duration initial, Duration max) {
      requireState(asyncBackoffInitial == null, "asyncBackoff", asyncBackoffInitial);
      requireArgument(
          initial.isPositive() && max.compareTo(initial) >= 0,
          "asyncBackoff needs 0 < initial <= max: %s",
          initial + ", " + max);
      this.asyncBackoffInitial = initial;
      this.asyncBackoffMax = max;
      return this;
    }

    /**
     * Sets how long {@code close()} lets running asynchronous events finish before it interrupts
     * them; events not started stay in a durable store, or are reported dropped from the in-memory
     * one.
     *
     * @param grace default 10 seconds
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder asyncCloseGrace(Duration grace) {
      requireState(asyncCloseGrace == null, "asyncCloseGrace", asyncCloseGrace);
      requireArgument(!grace.isNegative(), "asyncCloseGrace must not be negative: %s", grace);
      this.asyncCloseGrace = grace;
      return this;
    }

    /**
     * Sets a listener told of every asynchronous event's outcome, on the thread that decided it.
     *
     * @param listener quick and thread-safe; exceptions are logged and ignored
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder asyncOutcomes(Consumer<AsyncOutcome> listener) {
      requireState(asyncOutcomes == null, "asyncOutcomes", asyncOutcomes);
      this.asyncOutcomes = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the random source that picks the version of each invocation of an alias routing to two
     * versions; a test injects a seeded one to get a repeatable sequence.
     *
     * @param random called from every invoking thread, so thread-safe if the host invokes from
     *     several; default {@link java.util.concurrent.ThreadLocalRandom}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder routingRandom(RandomGenerator random) {
      requireState(this.routingRandom == null, "routingRandom", this.routingRandom);
      this.routingRandom = requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets the directory deployed code is unpacked into; each archive gets a subdirectory, deleted
     * when the code is no longer used.
     *
     * @param directory an existing, writable directory; default a temporary directory created on
     *     first use and deleted by {@code close()}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder workDirectory(Path directory) {
      requireState(workDirectory == null, "workDirectory", workDirectory);
      this.workDirectory = requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Shares host packages with deployed functions: classes in these packages (and their
     * subpackages) are loaded from the host's class loader, so host and functions can exchange
     * objects of those types. Everything else on the host's classpath stays invisible to functions.
     * The lambda-embedded API is always shared.
     *
     * @param packageNames package names such as {@code com.acme.model}
     * @return this builder
     * @throws IllegalArgumentException if a name is not a package name, or is a {@code java}
     *     package (always visible)
     */
    public Builder sharedPackages(String... packageNames) {
      for (String name : packageNames) {
        requireNonNull(name, "package name");
        requireArgument(
            PACKAGE_NAME.matcher(name).matches()
                && !name.equals("java")
                && !name.startsWith("java."),
            "shared package %s must be a package name outside java.*",
            name);
        sharedPackages.add(name);
      }
      return this;
    }

    /**
     * Sets the host class loader shared packages are loaded from.
     *
     * @param loader default the class loader of lambda-embedded's runtime classes
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder sharedClassLoader(ClassLoader loader) {
      requireState(sharedClassLoader == null, "sharedClassLoader", sharedClassLoader);
      this.sharedClassLoader = requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Sets what happens when a package is split between a function's code and one of its layers, or
     * between two layers: each part is loaded by a different class loader, so package-private
     * access across the parts fails and classes can appear twice.
     *
     * @param policy default {@link SplitPackages#WARN}, which registers the function and logs the
     *     packages, as Lambda accepts such code
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder splitPackages(SplitPackages policy) {
      requireState(splitPackages == null, "splitPackages", splitPackages);
      this.splitPackages = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the size limits of deployed code.
     *
     * @param maxZippedBytes the largest archive; default Lambda's 50 MB (52,428,800 bytes)
     * @param maxUnzippedBytes the largest unpacked function including its layers; default Lambda's
     *     250 MB (262,144,000 bytes)
     * @return this builder
     * @throws IllegalArgumentException if a limit is not positive
     * @throws IllegalStateException if already set
     */
    public Builder codeSizeLimits(long maxZippedBytes, long maxUnzippedBytes) {
      requireState(this.maxZippedBytes < 0, "codeSizeLimits", this.maxZippedBytes);
      requireArgument(maxZippedBytes > 0, "maxZippedBytes %s must be positive", maxZippedBytes);
      requireArgument(
          maxUnzippedBytes > 0, "maxUnzippedBytes %s must be positive", maxUnzippedBytes);
      this.maxZippedBytes = maxZippedBytes;
      this.maxUnzippedBytes = maxUnzippedBytes;
      return this;
    }

    /**
     * Sets whether the runtime verifies, with garbage collections, that the class loaders of
     * retired environments were collected, and how long after a release it checks in the
     * background. A loader still pinned is reported with what pins it (see {@link
     * dev.lambdaembedded.api.RuntimeInspector#leakReports()}).
     *
     * @param enabled default {@code true}
     * @param delay default 10 seconds; checks are batched, so one collection serves many releases
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder unloadVerification(boolean enabled, Duration delay) {
      requireState(verifyUnloading == null, "unloadVerification", verifyUnloading);
      this.verifyUnloading = enabled;
      this.unloadCheckDelay = positive("delay", delay);
      return this;
    }

    /**
     * Builds and starts a runtime: its watchdog thread runs from now until {@code close()}.
     *
     * @return a running runtime
     * @throws IllegalArgumentException if the unreserved minimum exceeds the account concurrency
     */
    public FunctionRuntime build() {
      int account = accountConcurrency < 0 ? DEFAULT_ACCOUNT_CONCURRENCY : accountConcurrency;
      int minimum = unreservedConcurrencyMinimum < 0 ? account / 10 : unreservedConcurrencyMinimum;
      requireArgument(
          minimum <= account,
          "unreservedConcurrencyMinimum %s must not exceed accountConcurrency " + account,
          minimum);
      RuntimeSettings settings =
          new RuntimeSettings(
              account,
              minimum,
              timeSource != null ? timeSource : TimeSource.system(),
              logSink != null ? logSink : new Slf4jLogSink(),
              region != null ? region : "us-east-1",
              accountId != null ? accountId : "000000000000",
              requestPayloadLimit < 0 ? DEFAULT_REQUEST_PAYLOAD_LIMIT : requestPayloadLimit,
              responsePayloadLimit < 0 ? DEFAULT_RESPONSE_PAYLOAD_LIMIT : responsePayloadLimit,
              initTimeout != null ? initTimeout : DEFAULT_INIT_TIMEOUT,
              shutdownTimeout != null ? shutdownTimeout : DEFAULT_SHUTDOWN_TIMEOUT,
              closeTimeout != null ? closeTimeout : DEFAULT_CLOSE_TIMEOUT,
              idleTimeout != null ? idleTimeout : DEFAULT_IDLE_TIMEOUT,
              stuckThreshold != null ? stuckThreshold : DEFAULT_STUCK_THRESHOLD,
              stuckInvocationLimit < 0 ? DEFAULT_STUCK_INVOCATION_LIMIT : stuckInvocationLimit,
              logTailBytes < 0 ? DEFAULT_LOG_TAIL_BYTES : logTailBytes,
              mdc != null && mdc,
              captureStandardStreams == null || captureStandardStreams,
              allocationTracking != null && allocationTracking,
              requestIds != null ? requestIds : RequestIds.RANDOM,
              routingRandom != null ? routingRandom : new ThreadLocalRandomSource(),
              isolationSettings(),
              new AsyncSettings(
                  eventStore != null ? eventStore : EventStores.inMemory(),
                  asyncRetryDelays != null ? asyncRetryDelays : AsyncSettings.LAMBDA_RETRY_DELAYS,
                  asyncBackoffInitial != null ? asyncBackoffInitial : Duration.ofSeconds(1),
                  asyncBackoffMax != null ? asyncBackoffMax : Duration.ofMinutes(5),
                  account,
                  asyncCloseGrace != null ? asyncCloseGrace : Duration.ofSeconds(10),
                  asyncOutcomes != null ? asyncOutcomes : outcome -> {}));
      return new EmbeddedRuntime(settings);
    }

    private IsolationSettings isolationSettings() {
      IsolationSettings defaults =
          IsolationSettings.defaults(
              sharedClassLoader != null ? sharedClassLoader : LambdaRuntime.class.getClassLoader());
      return new IsolationSettings(
          Optional.ofNullable(workDirectory),
          sharedPackages,
          defaults.sharedClassLoader(),
          splitPackages == SplitPackages.REFUSE,
          maxZippedBytes < 0 ? defaults.maxZippedBytes() : maxZippedBytes,
          maxUnzippedBytes < 0 ? defaults.maxUnzippedBytes() : maxUnzippedBytes,
          verifyUnloading == null || verifyUnloading,
          unloadCheckDelay != null ? unloadCheckDelay : defaults.unloadCheckDelay());
    }

    private static Duration positive(String name, Duration value) {
      requireNonNull(value, name);
      requireArgument(!value.isNegative() && !value.isZero(), name + " %s must be positive", value);
      return value;
    }

    private static void requireState(boolean unset, String option, @Nullable Object current) {
      if (!unset) {
        throw new IllegalStateException(option + " was already set to " + current);
      }
    }

    private static void requireArgument(boolean valid, String template, @Nullable Object value) {
      if (!valid) {
        throw new IllegalArgumentException(String.format(template, value));
      }
    }
  }

  /** What registering code whose packages are split across class loaders does. */
  public enum SplitPackages {
    /** Register the code and log a warning naming the packages. */
    WARN,
    /** Refuse the registration with an error naming the packages. */
    REFUSE
  }

  /**
   * Draws from the calling thread's {@link ThreadLocalRandom}. The instance {@code current()}
   * returns must not be shared: a thread that never called {@code current()} itself draws from an
   * uninitialised seed, the same sequence in every run.
   */
  private static final class ThreadLocalRandomSource implements RandomGenerator {
    @Override
    public long nextLong() {
      return ThreadLocalRandom.current().nextLong();
    }

    @Override
    public double nextDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }
}
