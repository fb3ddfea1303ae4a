/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Qualifier} against Lambda Invoke's FunctionName and Qualifier forms (reference sheet
 * sections 3.1, 4 and 8).
 */
final class QualifierTest {

  private static final String ARN = "arn:aws:lambda:us-east-2:123456789012:function:";

  /** Lambda Invoke: FunctionName as name, name:qualifier, full ARN or partial ARN. */
  static Stream<Arguments> validTexts() {
    return Stream.of(
        Arguments.of("my-function", "my-function", null),
        Arguments.of("my-function:$LATEST", "my-function", "$LATEST"),
        Arguments.of("my-function:7", "my-function", "7"),
        Arguments.of("my-function:live", "my-function", "live"),
        Arguments.of("my-function:LATEST", "my-function", "LATEST"),
        Arguments.of("my-function:v1-blue_2", "my-function", "v1-blue_2"),
        Arguments.of("x".repeat(64), "x".repeat(64), null),
        // Lambda Alias: 1-128 characters; version: digits
        Arguments.of("f:" + "a".repeat(128), "f", "a".repeat(128)),
        Arguments.of("f:" + "9".repeat(128), "f", "9".repeat(128)),
        Arguments.of(ARN + "helloworld", "helloworld", null),
        Arguments.of(ARN + "helloworld:$LATEST", "helloworld", "$LATEST"),
        Arguments.of(ARN + "helloworld:42", "helloworld", "42"),
        Arguments.of(ARN + "helloworld:PROD", "helloworld", "PROD"),
        Arguments.of("arn:aws-cn:lambda:cn-north-1:123456789012:function:f:1", "f", "1"),
        Arguments.of("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f", "f", null),
        Arguments.of("123456789012:function:my-function", "my-function", null),
        Arguments.of("123456789012:function:my-function:v1", "my-function", "v1"),
        Arguments.of("123456789012:function:my-function:$LATEST", "my-function", "$LATEST"));
  }

  @ParameterizedTest
  @MethodSource("validTexts")
  void parse_validForm_yieldsNameAndQualifier(
      String text, String name, @Nullable String qualifier) {
    Qualifier parsed = Qualifier.parse(text);

    assertThat(parsed.functionName()).isEqualTo(name);
    assertThat(parsed.qualifier()).isEqualTo(Optional.ofNullable(qualifier));
  }

  @ParameterizedTest
  @MethodSource("validTexts")
  void toString_ofParsed_parsesBackToEqualQualifier(String text) {
    Qualifier parsed = Qualifier.parse(text);

    assertThat(Qualifier.parse(parsed.toString())).isEqualTo(parsed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fn", "fn:$LATEST", "fn:7", "fn:live"})
  void toString_shortForm_isTheTextParsed(String text) {
    assertThat(Qualifier.parse(text)).hasToString(text);
  }

  @Test
  void toString_arn_isNameColonQualifier() {
    assertThat(Qualifier.parse(ARN + "helloworld:PROD")).hasToString("helloworld:PROD");
    assertThat(Qualifier.parse(ARN + "helloworld")).hasToString("helloworld");
  }

  /** The text, and the field and value the exception must name. */
  static Stream<Arguments> invalidTexts() {
    return Stream.of(
        // Lambda FunctionName: 1-64 characters of [a-zA-Z0-9-_]
        Arguments.of("", "functionName", ""),
        Arguments.of("x".repeat(65), "functionName", "x".repeat(65)),
        Arguments.of("my function", "functionName", "my function"),
        Arguments.of("my.function", "functionName", "my.function"),
        Arguments.of(":live", "functionName", ""),
        // three or four parts are only the partial ARN <account>:function:<name>[:<qualifier>]
        Arguments.of("a:b:c", "functionName", "a:b:c"),
        Arguments.of("a:b:c:d", "functionName", "a:b:c:d"),
        Arguments.of("12345678901:function:f", "functionName", "12345678901:function:f"),
        Arguments.of("1234567890123:function:f", "functionName", "1234567890123:function:f"),
        Arguments.of("123456789012:functions:f", "functionName", "123456789012:functions:f"),
        Arguments.of("123456789012:function:", "functionName", ""),
        // full ARN parts
        Arguments.of(
            "arn:aws:lambda::123456789012:function:f",
            "functionName",
            "arn:aws:lambda::123456789012:function:f"),
        Arguments.of(
            "arn:aws:s3:us-east-1:123456789012:function:f",
            "functionName",
            "arn:aws:s3:us-east-1:123456789012:function:f"),
        Arguments.of(
            "arn:gcp:lambda:us-east-1:123456789012:function:f",
            "functionName",
            "arn:gcp:lambda:us-east-1:123456789012:function:f"),
        Arguments.of(
            "urn:aws:lambda:us-east-1:123456789012:function:f",
            "functionName",
            "urn:aws:lambda:us-east-1:123456789012:function:f"),
        Arguments.of(
            "arn:aws:lambda:us-east-1:12345678901x:function:f",
            "functionName",
            "arn:aws:lambda:us-east-1:12345678901x:function:f"),
        Arguments.of(
            "arn:aws:lambda:us-east-1:123456789012:layer:f",
            "functionName",
            "arn:aws:lambda:us-east-1:123456789012:layer:f"),
        Arguments.of(
            "arn:aws:lambda:us-east-1:123456789012:function:f:1:extra",
            "functionName",
            "arn:aws:lambda:us-east-1:123456789012:function:f:1:extra"),
        Arguments.of("arn:aws:lambda:us-east-1:123456789012:function:a b", "functionName", "a b"),
        Arguments.of("a:b:c:d:e", "functionName", "a:b:c:d:e"),
        // Lambda Qualifier: $LATEST, a version (digits) or an alias (1-128 of [a-zA-Z0-9-_])
        Arguments.of("fn:", "qualifier", ""),
        Arguments.of("fn:$latest", "qualifier", "$latest"),
        Arguments.of("fn:$LATEST ", "qualifier", "$LATEST "),
        Arguments.of("fn:live now", "qualifier", "live now"),
        Arguments.of("fn: live", "qualifier", " live"),
        Arguments.of("fn:al.ias", "qualifier", "al.ias"),
        Arguments.of("fn:$1", "qualifier", "$1"),
        Arguments.of("fn:" + "a".repeat(129), "qualifier", "a".repeat(129)),
        // all digits is a version, never an alias, so the alias length does not apply either
        Arguments.of("fn:" + "9".repeat(129), "qualifier", "9".repeat(129)),
        Arguments.of(ARN + "f:$latest", "qualifier", "$latest"),
        Arguments.of(ARN + "f:", "qualifier", ""),
        Arguments.of("123456789012:function:f:", "qualifier", ""),
        Arguments.of("123456789012:function:f:live now", "qualifier", "live now"));
  }

  @ParameterizedTest
  @MethodSource("invalidTexts")
  void parse_invalidForm_isRejectedNamingFieldAndValue(String text, String field, String value) {
    assertThatThrownBy(() -> Qualifier.parse(text))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.value()).isEqualTo(value);
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Value '"
                          + value
                          + "' at '"
                          + field
                          + "' failed to satisfy constraint: "
                          + e.rule());
            });
  }

  /** Lambda FunctionArn: the partition matches aws[a-zA-Z-]* (aws, aws-cn, aws-us-gov, ...). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws2:lambda:us-east-1:123456789012:function:f",
        "arn:aws_cn:lambda:cn-north-1:123456789012:function:f",
        "arn:aws.cn:lambda:cn-north-1:123456789012:function:f:1"
      })
  void parse_arnPartitionNotAwsFollowedByLettersOrHyphens_isRejected(String text) {
    assertThatThrownBy(() -> Qualifier.parse(text))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo("functionName");
              assertThat(e.value()).isEqualTo(text);
            });
  }

  @Test
  void of_invalidQualifier_isRejected() {
    assertThatThrownBy(() -> Qualifier.of("fn", "$latest"))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(() -> new Qualifier("fn", Optional.of("")))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(() -> Qualifier.of("bad name"))
        .isInstanceOf(InvalidParameterValueException.class);
  }

  /** Lambda: a version number is all digits; an alias can never be all digits. */
  @Test
  void parse_allDigitQualifier_isAVersionNotLatest() {
    Qualifier version = Qualifier.parse("fn:0042");

    assertThat(version.qualifier()).hasValue("0042");
    assertThat(version.isLatest()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fn", "fn:$LATEST", ARN + "fn", ARN + "fn:$LATEST"})
  void isLatest_unqualifiedOrLatest_isTrue(String text) {
    assertThat(Qualifier.parse(text).isLatest()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fn:7", "fn:live", "fn:LATEST", "fn:latest", ARN + "fn:1"})
  void isLatest_versionOrAlias_isFalse(String text) {
    assertThat(Qualifier.parse(text).isLatest()).isFalse();
  }

  @Test
  void latest_isLambdasSpelling() {
    assertThat(Qualifier.LATEST).isEqualTo("$LATEST");
  }

  @Test
  void factories_equalParse() {
    assertThat(Qualifier.of("fn")).isEqualTo(Qualifier.parse("fn"));
    assertThat(Qualifier.of("fn", "live")).isEqualTo(Qualifier.parse("fn:live"));
    assertThat(Qualifier.of("fn", "live")).isEqualTo(new Qualifier("fn", Optional.of("live")));
  }

  @Test
  void publicFactoriesAndConstructor_nullArguments_throwNpe() {
    NullPointerTester tester = new NullPointerTester().setDefault(String.class, "fn");

    tester.testAllPublicStaticMethods(Qualifier.class);
    tester.testAllPublicConstructors(Qualifier.class);
  }
}
