/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Refuses a request whose parameter breaks one of Lambda's rules: a configuration value out of
 * range, a malformed function name or qualifier. The message names the field, the value and the
 * rule, in the form of Lambda's validation errors: {@code Value '20000' at 'memorySize' failed to
 * satisfy constraint: Member must have value less than or equal to 10240}.
 *
 * <p>The request changed nothing: a rejected registration or update leaves the registry as it was.
 */
public final class InvalidParameterValueException extends LambdaException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;
  private final String rule;

  private InvalidParameterValueException(
      String field, String value, String rule, @Nullable String resource) {
    super(
        "Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + rule,
        resource,
        true);
    this.field = field;
    this.value = value;
    this.rule = rule;
  }

  /**
   * Returns an exception for a value that breaks a rule.
   *
   * @param field the parameter's name, for example {@code memorySize}
   * @param value the rejected value, shown with {@link String#valueOf(Object)}
   * @param rule the rule it breaks, for example {@code Member must have value less than or equal to
   *     10240}
   * @return the exception
   */
  public static InvalidParameterValueException of(
      String field, @Nullable Object value, String rule) {
    return new InvalidParameterValueException(
        requireNonNull(field, "field"), String.valueOf(value), requireNonNull(rule, "rule"), null);
  }

  /**
   * Returns an exception for a value of a named resource that breaks a rule.
   *
   * @param resource the function name or qualifier concerned
   * @param field the parameter's name
   * @param value the rejected value
   * @param rule the rule it breaks
   * @return the exception
   */
  public static InvalidParameterValueException of(
      String resource, String field, @Nullable Object value, String rule) {
    return new InvalidParameterValueException(
        requireNonNull(field, "field"),
        String.valueOf(value),
        requireNonNull(rule, "rule"),
        requireNonNull(resource, "resource"));
  }

  /**
   * Returns the name of the parameter that was rejected.
   *
   * @return the field name
   */
  public String field() {
    return field;
  }

  /**
   * Returns the rejected value as text.
   *
   * @return the value
   */
  public String value() {
    return value;
  }

  /**
   * Returns the rule the value breaks.
   *
   * @return the rule
   */
  public String rule() {
    return rule;
  }

  @Override
  public int statusCode() {
    return 400;
  }
}
