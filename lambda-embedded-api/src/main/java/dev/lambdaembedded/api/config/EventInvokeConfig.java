/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.InvalidParameterValueException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How asynchronous invocations of a function, version or alias are retried and where their outcomes
 * go, as Lambda's {@code PutFunctionEventInvokeConfig} takes them.
 *
 * <p>Lambda's rules: {@code maximumRetryAttempts} 0 to 2 (default 2), {@code maximumEventAge} 60
 * seconds to 6 hours in whole seconds (default 6 hours); a destination is the ARN of a function
 * ({@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}, invoked asynchronously
 * with the record), an in-process queue ({@code arn:aws:sqs:...}) or an in-process topic ({@code
 * arn:aws:sns:...}, whose subscribers are host callbacks).
 *
 * @param maximumRetryAttempts retries after a function error or timeout, 0 to 2
 * @param maximumEventAge how long an event may wait, retries and throttles included
 * @param onSuccess where the record of a successful invocation goes
 * @param onFailure where the record of an event that failed for good goes
 */
public record EventInvokeConfig(
    int maximumRetryAttempts,
    Duration maximumEventAge,
    Optional<String> onSuccess,
    Optional<String> onFailure) {

  /** The longest an event may wait, Lambda's default: 6 hours. */
  public static final Duration MAX_EVENT_AGE = Duration.ofHours(6);

  /** The shortest maximum event age: 60 seconds. */
  public static final Duration MIN_EVENT_AGE = Duration.ofSeconds(60);

  private static final Pattern DESTINATION =
      Pattern.compile(
          "arn:aws[a-zA-Z-]*:(lambda:[a-z0-9-]+:[0-9]{12}:function:[a-zA-Z0-9-_]{1,64}"
              + "(:(\\$LATEST|[a-zA-Z0-9-_]{1,128}))?"
              + "|(sqs|sns):[a-z0-9-]+:[0-9]{12}:[a-zA-Z0-9_.-]{1,256})");

  /**
   * Checks the configuration against Lambda's rules.
   *
   * @throws InvalidParameterValueException if a value breaks its rule
   */
  public EventInvokeConfig {
    requireNonNull(maximumEventAge, "maximumEventAge");
    requireNonNull(onSuccess, "onSuccess");
    requireNonNull(onFailure, "onFailure");
    if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
      throw InvalidParameterValueException.of(
          "maximumRetryAttempts",
          maximumRetryAttempts,
          "Member must have value greater than or equal to 0 and less than or equal to 2");
    }
    if (maximumEventAge.compareTo(MIN_EVENT_AGE) < 0
        || maximumEventAge.compareTo(MAX_EVENT_AGE) > 0
        || maximumEventAge.toNanosPart() != 0) {
      throw InvalidParameterValueException.of(
          "maximumEventAgeInSeconds",
          maximumEventAge,
          "Member must be whole seconds, greater than or equal to 60 and less than or equal to"
              + " 21600");
    }
    onSuccess.ifPresent(arn -> checkDestination("destinationConfig.onSuccess", arn));
    onFailure.ifPresent(arn -> checkDestination("destinationConfig.onFailure", arn));
  }

  /**
   * Returns Lambda's defaults: 2 retries, 6 hours, no destinations.
   *
   * @return the configuration
   */
  public static EventInvokeConfig defaults() {
    return Defaults.INSTANCE;
  }

  /** Holds the defaults, built once the record class is initialised. */
  private static final class Defaults {
    static final EventInvokeConfig INSTANCE =
        new EventInvokeConfig(2, MAX_EVENT_AGE, Optional.empty(), Optional.empty());
  }

  /**
   * Returns this configuration with another number of retries.
   *
   * @param retries 0 to 2
   * @return the configuration
   */
  public EventInvokeConfig withMaximumRetryAttempts(int retries) {
    return new EventInvokeConfig(retries, maximumEventAge, onSuccess, onFailure);
  }

  /**
   * Returns this configuration with another maximum event age.
   *
   * @param age 60 seconds to 6 hours, whole seconds
   * @return the configuration
   */
  public EventInvokeConfig withMaximumEventAge(Duration age) {
    return new EventInvokeConfig(maximumRetryAttempts, age, onSuccess, onFailure);
  }

  /**
   * Returns this configuration with an on-success destination.
   *
   * @param destinationArn a function, queue or topic ARN
   * @return the configuration
   */
  public EventInvokeConfig withOnSuccess(String destinationArn) {
    return new EventInvokeConfig(
        maximumRetryAttempts, maximumEventAge, Optional.of(destinationArn), onFailure);
  }

  /**
   * Returns this configuration with an on-failure destination.
   *
   * @param destinationArn a function, queue or topic ARN
   * @return the configuration
   */
  public EventInvokeConfig withOnFailure(String destinationArn) {
    return new EventInvokeConfig(
        maximumRetryAttempts, maximumEventAge, onSuccess, Optional.of(destinationArn));
  }

  private static void checkDestination(String field, String arn) {
    if (!DESTINATION.matcher(arn).matches()) {
      throw InvalidParameterValueException.of(
          field,
          arn,
          "Member must be the ARN of a function (arn:aws:lambda:<region>:<account>:function:"
              + "<name>[:<qualifier>]), a queue (arn:aws:sqs:<region>:<account>:<name>) or a topic"
              + " (arn:aws:sns:<region>:<account>:<name>)");
    }
  }
}
