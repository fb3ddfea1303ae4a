/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.spi.TimeSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Context} for calling a handler directly in a unit test, without a runtime, with the
 * values Lambda would give an unqualified invocation of a function with default settings.
 *
 * {@snippet :
 * TestContext context = TestContext.builder().functionName("orders").build();
 * Receipt receipt = new OrderHandler().handleRequest(order, context);
 * assertThat(context.logger().text()).contains("accepted");
 * }
 *
 * <p>Defaults: a random request id, function {@value #DEFAULT_FUNCTION_NAME} version {@code
 * $LATEST}, memory {@link FunctionConfig#DEFAULT_MEMORY_SIZE} MB, log group {@code
 * /aws/lambda/<name>}, a log stream named as Lambda names them ({@code yyyy/MM/dd/[$LATEST]<32 hex
 * digits>}), the ARN {@code arn:aws:lambda:us-east-1:000000000000:function:<name>} (the runtime's
 * default region and account), and a deadline {@link FunctionConfig#DEFAULT_TIMEOUT} after {@link
 * Builder#build()} on the system clock. Inject a {@link TimeSource} and advance it to test how a
 * handler behaves as its deadline nears; the remaining time stops at zero.
 *
 * <p>A context is immutable apart from its {@link CapturingLogger}, and safe to use from any
 * thread.
 */
public final class TestContext implements Context {
  /** The default function name. */
  public static final String DEFAULT_FUNCTION_NAME = "test-function";

  /** The default region of the ARN and {@code AWS_REGION}: the runtime's default. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The account id of the default ARN: the runtime's default. */
  public static final String DEFAULT_ACCOUNT_ID = "000000000000";

  private static final String LATEST = "$LATEST";
  private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
  private static final Pattern VERSION = Pattern.compile("\\$LATEST|[1-9][0-9]*");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

  /** The variables this context sets itself from its other values. */
  private static final Set<String> DERIVED_VARIABLES =
      Set.of(
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_REGION",
          "AWS_DEFAULT_REGION",
          "AWS_EXECUTION_ENV");

  private final String awsRequestId;
  private final String functionName;
  private final String functionVersion;
  private final int memoryLimitInMB;
  private final String logGroupName;
  private final String logStreamName;
  private final String invokedFunctionArn;
  private final Map<String, String> environment;
  private final CapturingLogger logger;
  private final TimeSource timeSource;
  private final long deadlineNanos;

  private TestContext(Builder builder) {
    this.timeSource = builder.timeSource;
    this.awsRequestId =
        builder.awsRequestId != null ? builder.awsRequestId : UUID.randomUUID().toString();
    this.functionName = builder.functionName;
    this.functionVersion = builder.functionVersion;
    this.memoryLimitInMB = builder.memoryLimitInMB;
    this.logGroupName =
        builder.logGroupName != null ? builder.logGroupName : "/aws/lambda/" + functionName;
    this.logStreamName = builder.logStreamName != null ? builder.logStreamName : newLogStreamName();
    this.invokedFunctionArn =
        builder.invokedFunctionArn != null
            ? builder.invokedFunctionArn
            : "arn:aws:lambda:"
                + builder.region
                + ":"
                + DEFAULT_ACCOUNT_ID
                + ":function:"
                + functionName
                + (functionVersion.equals(LATEST) ? "" : ":" + functionVersion);
    Map<String, String> variables = new HashMap<>(builder.environment);
    variables.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
    variables.put("AWS_LAMBDA_FUNCTION_VERSION", functionVersion);
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryLimitInMB));
    variables.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroupName);
    variables.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
    variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    variables.put("AWS_REGION", builder.region);
    variables.put("AWS_DEFAULT_REGION", builder.region);
    variables.put("AWS_EXECUTION_ENV", "lambda-embedded_java" + Runtime.version().feature());
    this.environment = Map.copyOf(variables);
    this.logger = builder.logger != null ? builder.logger : new CapturingLogger();
    this.deadlineNanos = timeSource.nanoTime() + builder.timeout.toNanos();
  }

  /**
   * Returns a context with every default.
   *
   * @return the context; each call has a new request id, log stream and deadline
   */
  public static TestContext ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a new builder holding the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private String newLogStreamName() {
    LocalDate day = LocalDate.ofInstant(timeSource.instant(), ZoneOffset.UTC);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        Locale.ROOT,
        "%04d/%02d/%02d/[%s]%016x%016x",
        day.getYear(),
        day.getMonthValue(),
        day.getDayOfMonth(),
        functionVersion,
        random.nextLong(),
        random.nextLong());
  }

  @Override
  public String awsRequestId() {
    return awsRequestId;
  }

  @Override
  public String invokedFunctionArn() {
    return invokedFunctionArn;
  }

  /**
   * Returns the time left before this context's deadline, read from its time source.
   *
   * @return the whole milliseconds left, zero once the deadline has passed, never negative
   */
  @Override
  public int remainingTimeInMillis() {
    long left = deadlineNanos - timeSource.nanoTime();
    return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, left / 1_000_000);
  }

  @Override
  public String functionName() {
    return functionName;
  }

  @Override
  public String functionVersion() {
    return functionVersion;
  }

  @Override
  public int memoryLimitInMB() {
    return memoryLimitInMB;
  }

  @Override
  public String logGroupName() {
    return logGroupName;
  }

  @Override
  public String logStreamName() {
    return logStreamName;
  }

  /**
   * Returns the environment variables: those given to the builder plus the ones Lambda sets ({@code
   * AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_FUNCTION_VERSION}, {@code
   * AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@code AWS_LAMBDA_LOG_GROUP_NAME}, {@code
   * AWS_LAMBDA_LOG_STREAM_NAME}, {@code AWS_LAMBDA_INITIALIZATION_TYPE}, {@code AWS_REGION}, {@code
   * AWS_DEFAULT_REGION}, {@code AWS_EXECUTION_ENV}), with this context's values.
   *
   * @return an immutable map
   */
  @Override
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Returns the logger that records what the handler logs.
   *
   * @return the logger
   */
  @Override
  public CapturingLogger logger() {
    return logger;
  }

  @Override
  public String toString() {
    return "TestContext[" + invokedFunctionArn + " request " + awsRequestId + "]";
  }

  /**
   * A mutable builder of {@link TestContext}, holding the defaults until set; every setter checks
   * its value at once. {@link #build()} may be called more than once: each context gets its own
   * deadline, and a new request id, log stream and logger unless they were set. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String awsRequestId;
    private String functionName = DEFAULT_FUNCTION_NAME;
    private String functionVersion = LATEST;
    private int memoryLimitInMB = FunctionConfig.DEFAULT_MEMORY_SIZE;
    private @Nullable String logGroupName;
    private @Nullable String logStreamName;
    private @Nullable String invokedFunctionArn;
    private String region = DEFAULT_REGION;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = FunctionConfig.DEFAULT_TIMEOUT;
    private TimeSource timeSource = TimeSource.system();
    private @Nullable CapturingLogger logger;

    private Builder() {}

    /**
     * Sets the request id; by default each context gets a random UUID.
     *
     * @param awsRequestId the id, usually a UUID's text
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder awsRequestId(String awsRequestId) {
      this.awsRequestId = requireText(awsRequestId, "awsRequestId");
      return this;
    }

    /**
     * Sets the function name, which the default log group, ARN and variables follow.
     *
     * @param functionName 1 to 64 letters, digits, {@code -} or {@code _}; default {@value
     *     #DEFAULT_FUNCTION_NAME}
     * @return this builder
     * @throws IllegalArgumentException if the name breaks Lambda's rule
     */
    public Builder functionName(String functionName) {
      requireNonNull(functionName, "functionName");
      if (!FUNCTION_NAME.matcher(functionName).matches()) {
        throw new IllegalArgumentException(
            "A function name has 1 to 64 letters, digits, - or _, not '" + functionName + "'");
      }
      this.functionName = functionName;
      return this;
    }

    /**
     * Sets the version the context reports; a published version also qualifies the default ARN.
     *
     * @param functionVersion {@code $LATEST} (the default) or a version number
     * @return this builder
     * @throws IllegalArgumentException if it is neither
     */
    public Builder functionVersion(String functionVersion) {
      requireNonNull(functionVersion, "functionVersion");
      if (!VERSION.matcher(functionVersion).matches()) {
        throw new IllegalArgumentException(
            "A version is $LATEST or a number from 1, not '" + functionVersion + "'");
      }
      this.functionVersion = functionVersion;
      return this;
    }

    /**
     * Sets the memory size.
     *
     * @param megabytes {@value FunctionConfig#MIN_MEMORY_SIZE} to {@value
     *     FunctionConfig#MAX_MEMORY_SIZE}; default {@value FunctionConfig#DEFAULT_MEMORY_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder memoryLimitInMB(int megabytes) {
      if (megabytes < FunctionConfig.MIN_MEMORY_SIZE
          || megabytes > FunctionConfig.MAX_MEMORY_SIZE) {
        throw new IllegalArgumentException(
            "memory "
                + megabytes
                + " MB is not between "
                + FunctionConfig.MIN_MEMORY_SIZE
                + " and "
                + FunctionConfig.MAX_MEMORY_SIZE);
      }
      this.memoryLimitInMB = megabytes;
      return this;
    }

    /**
     * Sets the log group name; by default {@code /aws/lambda/<function name>}.
     *
     * @param logGroupName the name
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder logGroupName(String logGroupName) {
      this.logGroupName = requireText(logGroupName, "logGroupName");
      return this;
    }

    /**
     * Sets the log stream name; by default each context gets a new one in Lambda's format, dated by
     * the time source.
     *
     * @param logStreamName the name
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder logStreamName(String logStreamName) {
      this.logStreamName = requireText(logStreamName, "logStreamName");
      return this;
    }

    /**
     * Sets the invoked ARN; by default {@code
     * arn:aws:lambda:<region>:000000000000:function:<name>}, with {@code :<version>} appended for a
     * published version.
     *
     * @param invokedFunctionArn the ARN, taken as is
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder invokedFunctionArn(String invokedFunctionArn) {
      this.invokedFunctionArn = requireText(invokedFunctionArn, "invokedFunctionArn");
      return this;
    }

    /**
     * Sets the region of the default ARN and of {@code AWS_REGION} and {@code AWS_DEFAULT_REGION}.
     *
     * @param region such as {@code eu-west-1}; default {@value #DEFAULT_REGION}
     * @return this builder
     * @throws IllegalArgumentException if it has characters other than lower-case letters, digits
     *     and {@code -}
     */
    public Builder region(String region) {
      requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException("Not a region name: '" + region + "'");
      }
      this.region = region;
      return this;
    }

    /**
     * Replaces the function's own environment variables; the context adds the ones Lambda sets.
     *
     * @param variables the variables, copied
     * @return this builder
     * @throws IllegalArgumentException if a key is one the context sets from its other values, such
     *     as {@code AWS_REGION} or {@code AWS_LAMBDA_FUNCTION_NAME}
     */
    public Builder environment(Map<String, String> variables) {
      requireNonNull(variables, "variables");
      Map<String, String> copy = new LinkedHashMap<>();
      variables.forEach((key, value) -> copy.put(checkKey(key), requireNonNull(value, key)));
      environment.clear();
      environment.putAll(copy);
      return this;
    }

    /**
     * Adds or replaces one of the function's own environment variables.
     *
     * @param key the name
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException as {@link #environment(Map)}
     */
    public Builder environmentVariable(String key, String value) {
      requireNonNull(value, "value");
      environment.put(checkKey(key), value);
      return this;
    }

    /**
     * Sets the time from {@link #build()} to the context's deadline.
     *
     * @param timeout zero or more, at most {@link Integer#MAX_VALUE} milliseconds; default {@link
     *     FunctionConfig#DEFAULT_TIMEOUT}
     * @return this builder
     * @throws IllegalArgumentException if negative or too long
     */
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException(
            "timeout " + timeout + " is not between zero and " + Integer.MAX_VALUE + " ms");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the time source the deadline and the default log stream's date are read from; a manual
     * one lets a test advance time instead of waiting.
     *
     * @param timeSource the time source; default {@link TimeSource#system()}
     * @return this builder
     */
    public Builder timeSource(TimeSource timeSource) {
      this.timeSource = requireNonNull(timeSource, "timeSource");
      return this;
    }

    /**
     * Sets the logger, to collect the lines of several contexts in one place; by default each
     * context gets a new one.
     *
     * @param logger the logger
     * @return this builder
     */
    public Builder logger(CapturingLogger logger) {
      this.logger = requireNonNull(logger, "logger");
      return this;
    }

    /**
     * Builds a context whose deadline is the timeout from now, as read from the time source.
     *
     * @return the context
     */
    public TestContext build() {
      return new TestContext(this);
    }

    private static String checkKey(String key) {
      requireNonNull(key, "key");
      if (DERIVED_VARIABLES.contains(key)) {
        throw new IllegalArgumentException(
            "The context sets " + key + " from its other values; set those instead");
      }
      return key;
    }

    private static String requireText(String value, String name) {
      requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " is blank");
      }
      return value;
    }
  }
}
