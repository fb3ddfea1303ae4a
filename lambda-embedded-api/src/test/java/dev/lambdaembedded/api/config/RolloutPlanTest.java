/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.InvalidParameterValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RolloutPlan}: each rule of its constructor at its boundaries, and its factories. */
final class RolloutPlanTest {

  private static final String TARGET = "2";
  private static final List<Double> WEIGHTS = List.of(0.1, 0.5, 0.9);
  private static final Duration STEP = Duration.ofMinutes(1);

  private static final String WEIGHTS_EMPTY = "Member must have length greater than or equal to 1";
  private static final String WEIGHTS_RULE =
      "Member must be strictly increasing shares, each greater than 0.0 and less than 1.0";
  private static final String AT_LEAST_ONE_SECOND = "Member must be at least 1 second";
  private static final String ERROR_RATE_RULE =
      "Member must have value greater than or equal to 0.0 and less than or equal to 1.0";
  private static final String MIN_INVOCATIONS_RULE =
      "Member must have value greater than or equal to 1";
  private static final String TARGET_RULE = "Member must be a published version number ([0-9]+)";

  // ---------------------------------------------------------------- targetVersion

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "42", "007"})
  void constructor_numericTargetVersion_isAccepted(String version) {
    assertThat(RolloutPlan.of(version, WEIGHTS, STEP, 0.1).targetVersion()).isEqualTo(version);
  }

  @Test
  void constructor_targetVersion1024Digits_isAcceptedAnd1025Refused() {
    String longest = "9".repeat(1_024);
    String tooLong = "9".repeat(1_025);

    assertThat(RolloutPlan.of(longest, WEIGHTS, STEP, 0.1).targetVersion()).isEqualTo(longest);
    assertRejected(
        () -> RolloutPlan.of(tooLong, WEIGHTS, STEP, 0.1), "targetVersion", tooLong, TARGET_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"$LATEST", "", "live", "v2", "2.0", " 2", "-2"})
  void constructor_targetVersionNotANumber_isRefusedNamingVersion(String version) {
    assertRejected(
        () -> RolloutPlan.of(version, WEIGHTS, STEP, 0.1), "targetVersion", version, TARGET_RULE);
  }

  // ---------------------------------------------------------------- weights

  static Stream<List<Double>> validWeights() {
    return Stream.of(
        List.of(0.5),
        List.of(Double.MIN_VALUE),
        List.of(Math.nextDown(1.0)),
        List.of(0.01, 0.02),
        List.of(0.1, 0.25, 0.5, 0.75, 0.99));
  }

  @ParameterizedTest
  @MethodSource("validWeights")
  void constructor_strictlyIncreasingWeightsBetweenZeroAndOne_areAccepted(List<Double> weights) {
    assertThat(RolloutPlan.of(TARGET, weights, STEP, 0.1).weights()).isEqualTo(weights);
  }

  @Test
  void constructor_noWeights_isRefused() {
    assertRejected(
        () -> RolloutPlan.of(TARGET, List.of(), STEP, 0.1), "weights", "[]", WEIGHTS_EMPTY);
  }

  static Stream<List<Double>> invalidWeights() {
    return Stream.of(
        List.of(0.0),
        List.of(-0.0),
        List.of(-0.1),
        List.of(1.0),
        List.of(1.5),
        List.of(Double.NaN),
        List.of(Double.POSITIVE_INFINITY),
        List.of(0.5, 0.5),
        List.of(0.5, 0.4),
        List.of(0.1, 0.2, 0.2),
        List.of(0.1, 1.0),
        List.of(0.1, Double.NaN),
        List.of(0.9, 0.1));
  }

  @ParameterizedTest
  @MethodSource("invalidWeights")
  void constructor_weightsNotStrictlyIncreasingBetweenZeroAndOne_areRefusedNamingWeights(
      List<Double> weights) {
    assertRejected(
        () -> RolloutPlan.of(TARGET, weights, STEP, 0.1),
        "weights",
        weights.toString(),
        WEIGHTS_RULE);
  }

  @Test
  @SuppressWarnings("NullAway") // deliberately passes a null weight
  void constructor_nullWeight_throwsNpe() {
    List<Double> weights = Arrays.asList(0.1, null);

    assertThatThrownBy(() -> RolloutPlan.of(TARGET, weights, STEP, 0.1))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void constructor_callersListMutatedAfterwards_planUnchanged() {
    List<Double> weights = new ArrayList<>(List.of(0.1, 0.5));
    RolloutPlan plan = RolloutPlan.of(TARGET, weights, STEP, 0.1);

    weights.add(0.9);
    weights.set(0, 0.2);

    assertThat(plan.weights()).containsExactly(0.1, 0.5);
  }

  @Test
  void weights_isUnmodifiable() {
    RolloutPlan plan = RolloutPlan.of(TARGET, new ArrayList<>(WEIGHTS), STEP, 0.1);

    assertThatThrownBy(() -> plan.weights().add(0.95))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------- stepInterval and window

  @Test
  void constructor_oneSecondStepAndWindow_isAccepted() {
    RolloutPlan plan =
        new RolloutPlan(TARGET, WEIGHTS, Duration.ofSeconds(1), Duration.ofSeconds(1), 0.1, 1);

    assertThat(plan.stepInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(plan.window()).isEqualTo(Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @ValueSource(longs = {999, 1, 0, -1_000})
  void constructor_stepIntervalUnderOneSecond_isRefused(long millis) {
    Duration step = Duration.ofMillis(millis);

    assertRejected(
        () -> new RolloutPlan(TARGET, WEIGHTS, step, STEP, 0.1, 1),
        "stepInterval",
        step.toString(),
        AT_LEAST_ONE_SECOND);
  }

  @Test
  void constructor_stepIntervalOneNanosecondUnderOneSecond_isRefused() {
    Duration step = Duration.ofSeconds(1).minusNanos(1);

    assertRejected(
        () -> new RolloutPlan(TARGET, WEIGHTS, step, STEP, 0.1, 1),
        "stepInterval",
        "PT0.999999999S",
        AT_LEAST_ONE_SECOND);
  }

  @ParameterizedTest
  @ValueSource(longs = {999, 1, 0, -1_000})
  void constructor_windowUnderOneSecond_isRefused(long millis) {
    Duration window = Duration.ofMillis(millis);

    assertRejected(
        () -> new RolloutPlan(TARGET, WEIGHTS, STEP, window, 0.1, 1),
        "window",
        window.toString(),
        AT_LEAST_ONE_SECOND);
  }

  @Test
  void constructor_windowLongerThanStep_isAccepted() {
    RolloutPlan plan = new RolloutPlan(TARGET, WEIGHTS, STEP, STEP.multipliedBy(10), 0.1, 1);

    assertThat(plan.window()).isEqualTo(STEP.multipliedBy(10));
  }

  // ---------------------------------------------------------------- maxErrorRate

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05, 1.0})
  void constructor_maxErrorRateFromZeroToOne_isAccepted(double rate) {
    assertThat(RolloutPlan.of(TARGET, WEIGHTS, STEP, rate).maxErrorRate()).isEqualTo(rate);
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        -0.1,
        -Double.MIN_VALUE,
        1.1,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
      })
  void constructor_maxErrorRateOutsideZeroToOne_isRefused(double rate) {
    assertRejected(
        () -> RolloutPlan.of(TARGET, WEIGHTS, STEP, rate),
        "maxErrorRate",
        String.valueOf(rate),
        ERROR_RATE_RULE);
  }

  // ---------------------------------------------------------------- minInvocations

  @ParameterizedTest
  @ValueSource(longs = {1, 100, Long.MAX_VALUE})
  void constructor_minInvocationsAtLeastOne_isAccepted(long min) {
    assertThat(new RolloutPlan(TARGET, WEIGHTS, STEP, STEP, 0.1, min).minInvocations())
        .isEqualTo(min);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void constructor_minInvocationsUnderOne_isRefused(long min) {
    assertRejected(
        () -> new RolloutPlan(TARGET, WEIGHTS, STEP, STEP, 0.1, min),
        "minInvocations",
        String.valueOf(min),
        MIN_INVOCATIONS_RULE);
  }

  // ---------------------------------------------------------------- factories

  @Test
  void of_windowIsStepIntervalAndMinInvocationsIsOne() {
    RolloutPlan plan = RolloutPlan.of(TARGET, WEIGHTS, STEP, 0.05);

    assertThat(plan).isEqualTo(new RolloutPlan(TARGET, WEIGHTS, STEP, STEP, 0.05, 1));
    assertThat(plan.window()).isEqualTo(STEP);
    assertThat(plan.minInvocations()).isEqualTo(1);
  }

  @Test
  void of_stepUnderOneSecond_isRefusedAtStepInterval() {
    assertRejected(
        () -> RolloutPlan.of(TARGET, WEIGHTS, Duration.ofMillis(500), 0.05),
        "stepInterval",
        "PT0.5S",
        AT_LEAST_ONE_SECOND);
  }

  @Test
  void withWindow_replacesWindowAndMinInvocationsOnly() {
    RolloutPlan plan = RolloutPlan.of(TARGET, WEIGHTS, STEP, 0.05);

    RolloutPlan widened = plan.withWindow(Duration.ofMinutes(5), 20);

    assertThat(widened)
        .isEqualTo(new RolloutPlan(TARGET, WEIGHTS, STEP, Duration.ofMinutes(5), 0.05, 20));
    assertThat(plan.window()).isEqualTo(STEP);
    assertThat(plan.minInvocations()).isEqualTo(1);
  }

  @Test
  void withWindow_invalidValues_areRefused() {
    RolloutPlan plan = RolloutPlan.of(TARGET, WEIGHTS, STEP, 0.05);

    assertRejected(() -> plan.withWindow(Duration.ZERO, 20), "window", "PT0S", AT_LEAST_ONE_SECOND);
    assertRejected(() -> plan.withWindow(STEP, 0), "minInvocations", "0", MIN_INVOCATIONS_RULE);
  }

  // ---------------------------------------------------------------- null checks

  @Test
  void publicFactoriesAndConstructor_nullArguments_throwNpe() {
    tester().testAllPublicStaticMethods(RolloutPlan.class);
    tester().testAllPublicConstructors(RolloutPlan.class);
  }

  @Test
  void withWindow_nullArguments_throwNpe() {
    tester().testAllPublicInstanceMethods(RolloutPlan.of(TARGET, WEIGHTS, STEP, 0.05));
  }

  /** A tester whose defaults pass validation, so that every null reaches its null check. */
  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(String.class, TARGET)
        .setDefault(List.class, WEIGHTS)
        .setDefault(Duration.class, STEP)
        .setDefault(double.class, 0.05)
        .setDefault(long.class, 1L);
  }

  // ---------------------------------------------------------------- helpers

  private static void assertRejected(
      ThrowingCallable call, String field, String value, String rule) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.value()).isEqualTo(value);
              assertThat(e.rule()).isEqualTo(rule);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Value '"
                          + value
                          + "' at '"
                          + field
                          + "' failed to satisfy constraint: "
                          + rule);
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.resource()).isEmpty();
            });
  }
}
