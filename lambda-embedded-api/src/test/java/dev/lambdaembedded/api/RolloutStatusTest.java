/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.RolloutStatus.State;
import dev.lambdaembedded.api.RolloutStatus.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class RolloutStatusTest {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  private static final Step STARTED = new Step(T0, State.IN_PROGRESS, 0.1, 0, 0, "started");
  private static final Step WIDENED =
      new Step(T0.plusSeconds(60), State.IN_PROGRESS, 0.5, 40, 1, "widened");

  @Test
  void accessors_returnTheComponents() {
    RolloutStatus status =
        new RolloutStatus(
            "fn", "live", "1", "2", State.IN_PROGRESS, 0.5, List.of(STARTED, WIDENED));

    assertThat(status.functionName()).isEqualTo("fn");
    assertThat(status.aliasName()).isEqualTo("live");
    assertThat(status.fromVersion()).isEqualTo("1");
    assertThat(status.toVersion()).isEqualTo("2");
    assertThat(status.state()).isEqualTo(State.IN_PROGRESS);
    assertThat(status.weight()).isEqualTo(0.5);
    assertThat(status.steps()).containsExactly(STARTED, WIDENED);
  }

  @Test
  void constructor_callersListMutatedAfterwards_statusUnchanged() {
    List<Step> steps = new ArrayList<>(List.of(STARTED));
    RolloutStatus status = new RolloutStatus("fn", "live", "1", "2", State.IN_PROGRESS, 0.1, steps);

    steps.add(WIDENED);
    steps.set(0, WIDENED);

    assertThat(status.steps()).containsExactly(STARTED);
  }

  @Test
  void steps_isUnmodifiable() {
    RolloutStatus status =
        new RolloutStatus(
            "fn", "live", "1", "2", State.IN_PROGRESS, 0.1, new ArrayList<>(List.of(STARTED)));

    assertThatThrownBy(() -> status.steps().add(WIDENED))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @SuppressWarnings("NullAway") // deliberately passes a null step
  void constructor_nullStep_throwsNpe() {
    List<Step> steps = Arrays.asList(STARTED, null);

    assertThatThrownBy(
            () -> new RolloutStatus("fn", "live", "1", "2", State.IN_PROGRESS, 0.1, steps))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void isTerminal_inProgress_isFalse() {
    assertThat(State.IN_PROGRESS.isTerminal()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = State.class,
      names = {"IN_PROGRESS"},
      mode = EnumSource.Mode.EXCLUDE)
  void isTerminal_ended_isTrue(State state) {
    assertThat(state.isTerminal()).isTrue();
  }

  @Test
  void state_isInProgressOrOneOfThreeEndings() {
    assertThat(State.values())
        .containsExactly(State.IN_PROGRESS, State.COMPLETED, State.ROLLED_BACK, State.CANCELLED);
  }

  @Test
  void step_accessors_returnTheComponents() {
    Step step = new Step(T0, State.ROLLED_BACK, 0.0, 40, 9, "error rate 0.225 > 0.1");

    assertThat(step.time()).isEqualTo(T0);
    assertThat(step.state()).isEqualTo(State.ROLLED_BACK);
    assertThat(step.weight()).isZero();
    assertThat(step.invocations()).isEqualTo(40);
    assertThat(step.errors()).isEqualTo(9);
    assertThat(step.message()).isEqualTo("error rate 0.225 > 0.1");
  }

  @Test
  void constructors_nullArguments_throwNpe() {
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(State.class, State.IN_PROGRESS)
            .setDefault(Instant.class, T0)
            .setDefault(List.class, List.of(STARTED));

    tester.testAllPublicConstructors(RolloutStatus.class);
    tester.testAllPublicConstructors(Step.class);
  }
}
