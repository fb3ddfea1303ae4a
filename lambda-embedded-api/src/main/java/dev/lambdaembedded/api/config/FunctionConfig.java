/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.InvalidParameterValueException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A function's configuration, validated with AWS Lambda's rules and defaulted with Lambda's values.
 *
 * <p>Defaults: memory {@value #DEFAULT_MEMORY_SIZE} MB, timeout 3 seconds, no environment
 * variables, no reserved concurrency (the function draws from the runtime's unreserved pool), one
 * invocation at a time per execution environment, handler on the caller's thread.
 *
 * <p>Rules, each checked when a value is set and again when the record is constructed; a violation
 * throws {@link InvalidParameterValueException} naming the field, the value and the rule:
 *
 * <ul>
 *   <li>{@code functionName}: 1 to 64 characters of {@code [a-zA-Z0-9-_]};
 *   <li>{@code handler}: 1 to 128 characters without whitespace;
 *   <li>{@code description}: at most 256 characters;
 *   <li>{@code memorySize}: 128 to 10,240 MB;
 *   <li>{@code timeout}: 1 to 900 seconds, in whole seconds;
 *   <li>{@code environment}: keys match {@code [a-zA-Z][a-zA-Z0-9_]+} and are not reserved by
 *       Lambda ({@code AWS_REGION}, {@code AWS_LAMBDA_FUNCTION_NAME}, ...); all variables together,
 *       measured as their JSON object in UTF-8, take at most 4 KB (4,096 bytes);
 *   <li>{@code reservedConcurrency}: at least 0 (and, checked by the runtime, at most its account
 *       concurrency minus the unreserved minimum); 0 throttles every invocation;
 *   <li>{@code perEnvironmentConcurrency}: at least 1;
 *   <li>{@code layers}: at most 5 layer version ARNs ({@code
 *       arn:aws:lambda:<region>:<account>:layer:<name>:<version>}), no layer twice; the runtime
 *       checks that each exists.
 * </ul>
 *
 * <p>Instances are immutable; {@link #toBuilder()} starts a modified copy.
 *
 * @param functionName the function's name, unique within a runtime
 * @param handler the handler string ({@code com.acme.Hello::handle} or {@code com.acme.Hello}),
 *     required for code loaded by class name and absent for inline handlers
 * @param description free text
 * @param memorySize the memory size in MB; reported, not enforced (see the README)
 * @param timeout how long an invocation may run before it fails with {@code Sandbox.Timedout}
 * @param environment the function's environment variables, visible through {@code
 *     Context.environment()}
 * @param reservedConcurrency the concurrency reserved for, and capping, this function
 * @param perEnvironmentConcurrency how many invocations one execution environment serves at once: 1
 *     as on classic Lambda; more declares the handler thread-safe (Lambda Managed Instances style)
 * @param executionMode on which thread the handler runs
 * @param layers the layer version ARNs whose code the function's class loader searches after the
 *     function's own code, in order; only for code deployed as an archive or directory
 * @param deadLetterTarget Lambda's {@code DeadLetterConfig.TargetArn}: the ARN of an in-process
 *     queue ({@code arn:aws:sqs:...}) or topic ({@code arn:aws:sns:...}) that receives an
 *     asynchronous event, as it was sent, once its retries are exhausted or it is too old
 */
public record FunctionConfig(
    String functionName,
    Optional<String> handler,
    String description,
    int memorySize,
    Duration timeout,
    Map<String, String> environment,
    OptionalInt reservedConcurrency,
    int perEnvironmentConcurrency,
    ExecutionMode executionMode,
    List<String> layers,
    Optional<String> deadLetterTarget) {

  /** The smallest memory size, in MB. */
  public static final int MIN_MEMORY_SIZE = 128;

  /** The largest memory size, in MB. */
  public static final int MAX_MEMORY_SIZE = 10_240;

  /** The memory size of a function that sets none, in MB. */
  public static final int DEFAULT_MEMORY_SIZE = 128;

  /** The shortest timeout. */
  public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  /** The longest timeout, 15 minutes. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

  /** The timeout of a function that sets none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** The largest total size of a function's environment variables, in bytes of their JSON form. */
  public static final int MAX_ENVIRONMENT_SIZE = 4_096;

  /** The longest function name. */
  public static final int MAX_FUNCTION_NAME_LENGTH = 64;

  /** The longest handler string. */
  public static final int MAX_HANDLER_LENGTH = 128;

  /** The most layers a function can use. */
  public static final int MAX_LAYERS = 5;

  /** The longest description. */
  public static final int MAX_DESCRIPTION_LENGTH = 256;

  /** The environment variable names Lambda reserves for its runtime; a function cannot set them. */
  public static final Set<String> RESERVED_ENVIRONMENT_KEYS =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]+");
  private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
  private static final Pattern LAYER_VERSION_ARN =
      Pattern.compile("arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+");
  private static final Pattern ENVIRONMENT_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");

  /** Validates every component and copies the environment into an immutable map. */
  public FunctionConfig {
    checkFunctionName(functionName);
    requireNonNull(handler, "handler");
    handler.ifPresent(FunctionConfig::checkHandler);
    checkDescription(description);
    checkMemorySize(memorySize);
    checkTimeout(timeout);
    environment = checkEnvironment(environment);
    requireNonNull(reservedConcurrency, "reservedConcurrency");
    reservedConcurrency.ifPresent(FunctionConfig::checkReservedConcurrency);
    checkPerEnvironmentConcurrency(perEnvironmentConcurrency);
    requireNonNull(executionMode, "executionMode");
    layers = checkLayers(layers);
    requireNonNull(deadLetterTarget, "deadLetterTarget")
        .ifPresent(FunctionConfig::checkDeadLetterTarget);
  }

  /**
   * Returns a configuration with every default and the given name.
   *
   * @param functionName the function's name
   * @return the configuration
   * @throws InvalidParameterValueException if the name breaks the naming rule
   */
  public static FunctionConfig of(String functionName) {
    return builder(functionName).build();
  }

  /**
   * Starts a configuration with every default.
   *
   * @param functionName the function's name
   * @return a new builder
   * @throws InvalidParameterValueException if the name breaks the naming rule
   */
  public static Builder builder(String functionName) {
    return new Builder(functionName);
  }

  /**
   * Starts a builder holding this configuration's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(functionName);
    builder.handler = handler.orElse(null);
    builder.description = description;
    builder.memorySize = memorySize;
    builder.timeout = timeout;
    builder.environment.putAll(environment);
    builder.reservedConcurrency = reservedConcurrency;
    builder.perEnvironmentConcurrency = perEnvironmentConcurrency;
    builder.executionMode = executionMode;
    builder.layers = layers;
    builder.deadLetterTarget = deadLetterTarget.orElse(null);
    return builder;
  }

  /**
   * A mutable builder of {@link FunctionConfig}; every setter validates its value at once. Not
   * thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final String functionName;
    private @Nullable String handler;
    private String description = "";
    private int memorySize = DEFAULT_MEMORY_SIZE;
    private Duration timeout = DEFAULT_TIMEOUT;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private OptionalInt reservedConcurrency = OptionalInt.empty();
    private int perEnvironmentConcurrency = 1;
    private ExecutionMode executionMode = ExecutionMode.CALLER_THREAD;
    private List<String> layers = List.of();
    private @Nullable String deadLetterTarget;

    private Builder(String functionName) {
      checkFunctionName(functionName);
      this.functionName = functionName;
    }

    /**
     * Sets the handler string, resolved inside the function's code: {@code package.Class::method}
     * or {@code package.Class} (which must implement a handler interface).
     *
     * @param handler the handler string
     * @return this builder
     * @throws InvalidParameterValueException if the string is empty, too long or has whitespace
     */
    public Builder handler(String handler) {
      checkHandler(handler);
      this.handler = handler;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description free text of at most 256 characters
     * @return this builder
     * @throws InvalidParameterValueException if the text is too long
     */
    public Builder description(String description) {
      checkDescription(description);
      this.description = description;
      return this;
    }

    /**
     * Sets the memory size.
     *
     * @param megabytes 128 to 10,240
     * @return this builder
     * @throws InvalidParameterValueException if the size is out of range
     */
    public Builder memorySize(int megabytes) {
      checkMemorySize(megabytes);
      this.memorySize = megabytes;
      return this;
    }

    /**
     * Sets the timeout.
     *
     * @param timeout 1 to 900 whole seconds
     * @return this builder
     * @throws InvalidParameterValueException if the timeout is out of range or not whole seconds
     */
    public Builder timeout(Duration timeout) {
      checkTimeout(timeout);
      this.timeout = timeout;
      return this;
    }

    /**
     * Replaces the environment variables.
     *
     * @param variables the variables
     * @return this builder
     * @throws InvalidParameterValueException if a key breaks the key rule or the total is too large
     */
    public Builder environment(Map<String, String> variables) {
      Map<String, String> copy = new LinkedHashMap<>(checkEnvironment(variables));
      environment.clear();
      environment.putAll(copy);
      return this;
    }

    /**
     * Adds or replaces one environment variable.
     *
     * @param key the name
     * @param value the value
     * @return this builder
     * @throws InvalidParameterValueException if the key breaks the key rule or the total becomes
     *     too large
     */
    public Builder environmentVariable(String key, String value) {
      Map<String, String> candidate = new LinkedHashMap<>(environment);
      candidate.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      checkEnvironment(candidate);
      environment.put(key, value);
      return this;
    }

    /**
     * Reserves concurrency for the function, which also caps it; 0 throttles every invocation.
     *
     * @param reserved at least 0
     * @return this builder
     * @throws InvalidParameterValueException if negative
     */
    public Builder reservedConcurrency(int reserved) {
      checkReservedConcurrency(reserved);
      this.reservedConcurrency = OptionalInt.of(reserved);
      return this;
    }

    /**
     * Removes the reservation: the function draws from the runtime's unreserved pool.
     *
     * @return this builder
     */
    public Builder unreservedConcurrency() {
      this.reservedConcurrency = OptionalInt.empty();
      return this;
    }

    /**
     * Sets how many invocations one execution environment serves at once; above 1 declares the
     * handler thread-safe.
     *
     * @param invocations at least 1
     * @return this builder
     * @throws InvalidParameterValueException if below 1
     */
    public Builder perEnvironmentConcurrency(int invocations) {
      checkPerEnvironmentConcurrency(invocations);
      this.perEnvironmentConcurrency = invocations;
      return this;
    }

    /**
     * Sets on which thread the handler runs.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder executionMode(ExecutionMode mode) {
      this.executionMode = requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the layers the function uses, replacing any set before, as Lambda's {@code Layers}
     * parameter does: full layer version ARNs, at most {@value #MAX_LAYERS}, searched in the given
     * order after the function's own code.
     *
     * @param layerVersionArns the layer version ARNs, for example {@code
     *     arn:aws:lambda:us-east-1:000000000000:layer:shared-lib:3}
     * @return this builder
     */
    public Builder layers(List<String> layerVersionArns) {
      this.layers = checkLayers(layerVersionArns);
      return this;
    }

    /**
     * Sets the layers the function uses; see {@link #layers(List)}.
     *
     * @param layerVersionArns the layer version ARNs, in search order
     * @return this builder
     */
    public Builder layers(String... layerVersionArns) {
      return layers(Arrays.asList(layerVersionArns));
    }

    /**
     * Sets where asynchronous events go once their retries are exhausted or they are too old,
     * Lambda's dead-letter queue: the original event with the attributes {@code RequestID}, {@code
     * ErrorCode} and {@code ErrorMessage}.
     *
     * @param targetArn an in-process queue's ARN {@code arn:aws:sqs:<region>:<account>:<name>} or
     *     topic's ARN {@code arn:aws:sns:<region>:<account>:<name>}
     * @return this builder
     * @throws InvalidParameterValueException if the ARN names neither
     */
    public Builder deadLetterTarget(String targetArn) {
      checkDeadLetterTarget(targetArn);
      this.deadLetterTarget = targetArn;
      return this;
    }

    /**
     * Removes the dead-letter target.
     *
     * @return this builder
     */
    public Builder noDeadLetterTarget() {
      this.deadLetterTarget = null;
      return this;
    }

    /**
     * Returns the configuration; the builder can be used again.
     *
     * @return a new configuration
     */
    public FunctionConfig build() {
      return new FunctionConfig(
          functionName,
          Optional.ofNullable(handler),
          description,
          memorySize,
          timeout,
          environment,
          reservedConcurrency,
          perEnvironmentConcurrency,
          executionMode,
          layers,
          Optional.ofNullable(deadLetterTarget));
    }
  }

  private static final Pattern DEAD_LETTER_TARGET =
      Pattern.compile("arn:aws[a-zA-Z-]*:(sqs|sns):[a-z0-9-]+:[0-9]{12}:[a-zA-Z0-9_.-]{1,256}");

  private static void checkDeadLetterTarget(String arn) {
    requireNonNull(arn, "deadLetterTarget");
    if (!DEAD_LETTER_TARGET.matcher(arn).matches()) {
      throw InvalidParameterValueException.of(
          "deadLetterConfig.targetArn",
          arn,
          "Member must be the ARN of a queue (arn:aws:sqs:<region>:<account>:<name>) or topic"
              + " (arn:aws:sns:<region>:<account>:<name>)");
    }
  }

  private static void checkFunctionName(String name) {
    requireNonNull(name, "functionName");
    if (name.isEmpty() || name.length() > MAX_FUNCTION_NAME_LENGTH) {
      throw InvalidParameterValueException.of(
          "functionName", name, "Member must have length between 1 and 64");
    }
    if (!FUNCTION_NAME.matcher(name).matches()) {
      throw InvalidParameterValueException.of(
          "functionName",
          name,
          "Member must satisfy regular expression pattern: " + FUNCTION_NAME.pattern());
    }
  }

  private static void checkHandler(String handler) {
    requireNonNull(handler, "handler");
    if (handler.isEmpty() || handler.length() > MAX_HANDLER_LENGTH) {
      throw InvalidParameterValueException.of(
          "handler", handler, "Member must have length between 1 and 128");
    }
    if (!HANDLER.matcher(handler).matches()) {
      throw InvalidParameterValueException.of(
          "handler",
          handler,
          "Member must satisfy regular expression pattern: " + HANDLER.pattern());
    }
  }

  private static void checkDescription(String description) {
    requireNonNull(description, "description");
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      throw InvalidParameterValueException.of(
          "description", description, "Member must have length less than or equal to 256");
    }
  }

  private static void checkMemorySize(int megabytes) {
    if (megabytes < MIN_MEMORY_SIZE) {
      throw InvalidParameterValueException.of(
          "memorySize", megabytes, "Member must have value greater than or equal to 128");
    }
    if (megabytes > MAX_MEMORY_SIZE) {
      throw InvalidParameterValueException.of(
          "memorySize", megabytes, "Member must have value less than or equal to 10240");
    }
  }

  private static void checkTimeout(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.toNanosPart() != 0) {
      throw InvalidParameterValueException.of(
          "timeout", timeout, "Member must be a whole number of seconds");
    }
    if (timeout.compareTo(MIN_TIMEOUT) < 0) {
      throw InvalidParameterValueException.of(
          "timeout", timeout, "Member must have value greater than or equal to 1 second");
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw InvalidParameterValueException.of(
          "timeout", timeout, "Member must have value less than or equal to 900 seconds");
    }
  }

  private static Map<String, String> checkEnvironment(Map<String, String> variables) {
    requireNonNull(variables, "environment");
    for (Map.Entry<String, String> entry : variables.entrySet()) {
      String key = requireNonNull(entry.getKey(), "environment key");
      requireNonNull(entry.getValue(), () -> "environment value of " + key);
      if (!ENVIRONMENT_KEY.matcher(key).matches()) {
        throw InvalidParameterValueException.of(
            "environment",
            key,
            "Member must satisfy regular expression pattern: " + ENVIRONMENT_KEY.pattern());
      }
      if (RESERVED_ENVIRONMENT_KEYS.contains(key)) {
        throw InvalidParameterValueException.of(
            "environment",
            key,
            "Member must not be a key Lambda reserves for its runtime, such as AWS_REGION or"
                + " AWS_LAMBDA_FUNCTION_NAME");
      }
    }
    int size = jsonSize(variables);
    if (size > MAX_ENVIRONMENT_SIZE) {
      throw InvalidParameterValueException.of(
          "environment",
          size + " bytes",
          "Member must have a total size (the variables as a JSON object, UTF-8) less than or"
              + " equal to 4096 bytes");
    }
    return Map.copyOf(variables);
  }

  private static List<String> checkLayers(List<String> layers) {
    requireNonNull(layers, "layers");
    if (layers.size() > MAX_LAYERS) {
      throw InvalidParameterValueException.of(
          "layers", layers, "Member must have length less than or equal to 5");
    }
    Set<String> seen = new HashSet<>();
    for (String arn : layers) {
      requireNonNull(arn, "layer version ARN");
      if (arn.length() > 140 || !LAYER_VERSION_ARN.matcher(arn).matches()) {
        throw InvalidParameterValueException.of(
            "layers",
            arn,
            "Member must be a layer version ARN of at most 140 characters matching "
                + LAYER_VERSION_ARN.pattern());
      }
      String layerArn = arn.substring(0, arn.lastIndexOf(':'));
      if (!seen.add(layerArn)) {
        throw InvalidParameterValueException.of(
            "layers", arn, "Member must not list two versions of the same layer");
      }
    }
    return List.copyOf(layers);
  }

  private static void checkReservedConcurrency(int reserved) {
    if (reserved < 0) {
      throw InvalidParameterValueException.of(
          "reservedConcurrency", reserved, "Member must have value greater than or equal to 0");
    }
  }

  private static void checkPerEnvironmentConcurrency(int invocations) {
    if (invocations < 1) {
      throw InvalidParameterValueException.of(
          "perEnvironmentConcurrency",
          invocations,
          "Member must have value greater than or equal to 1");
    }
  }

  /** The UTF-8 size of {@code {"k":"v",...}}, the measure Lambda applies to the 4 KB limit. */
  private static int jsonSize(Map<String, String> variables) {
    if (variables.isEmpty()) {
      return 2;
    }
    int size = 2 + (variables.size() - 1); // braces and commas
    for (Map.Entry<String, String> entry : variables.entrySet()) {
      size += jsonStringSize(entry.getKey()) + 1 + jsonStringSize(entry.getValue());
    }
    return size;
  }

  private static int jsonStringSize(String value) {
    int size = 2; // quotes
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
        size += 2;
      } else if (c < 0x20) {
        size += 6;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        size += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        size += 1; // an unpaired surrogate encodes as '?'
      } else if (c < 0x80) {
        size += 1;
      } else if (c < 0x800) {
        size += 2;
      } else {
        size += 3;
      }
    }
    return size;
  }
}
