/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.AliasInfo;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.Rollout;
import dev.lambdaembedded.api.RolloutStatus;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.config.RolloutPlan;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guarded rollout (not a Lambda feature; on AWS it takes CodeDeploy and an alarm): an alias's
 * traffic shifts to a new version step by step on the runtime's clock, and goes back to the old
 * version when the new one's error rate over the window exceeds the budget. Each step is reported.
 * The manual clock drives it: advancing the clock runs the housekeeping that advances rollouts.
 */
final class RolloutTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final RolloutPlan PLAN =
      RolloutPlan.of("2", List.of(0.1, 0.5), Duration.ofMinutes(1), 0.05);

  /** "fn": version 1 answers, version 2 answers or fails; alias "live" → 1. */
  private FunctionRegistry twoVersions(FunctionRuntime runtime, boolean secondFails) {
    FunctionRegistry registry = runtime.registry();
    registry.create(FunctionConfig.of("fn"), FunctionCode.handler((Object in, Context c) -> "one"));
    registry.publishVersion("fn", "");
    registry.updateCode(
        "fn",
        FunctionCode.handler(
            (Object in, Context c) -> {
              if (secondFails) {
                throw new IllegalStateException("version 2 is broken");
              }
              return "two";
            }));
    registry.publishVersion("fn", "");
    registry.createAlias("fn", AliasConfig.of("live", "1"));
    return registry;
  }

  private static void invoke(FunctionRuntime runtime, int times) {
    for (int i = 0; i < times; i++) {
      runtime.invoke("fn:live", Payload.json("{}"));
    }
  }

  @Test
  void newVersionBreaksTheErrorBudget_rolledBackAndReported() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.routingRandom(new Random(7)));
    FunctionRegistry registry = twoVersions(runtime, true);
    Rollout rollout = registry.startRollout("fn", "live", PLAN);
    assertThat(registry.getAlias("fn", "live").orElseThrow().config().additionalVersionWeights())
        .isEqualTo(Map.of("2", 0.1));

    invoke(runtime, 200); // about 20 reach version 2, and fail
    fixture.time().advance(Duration.ofSeconds(1));

    RolloutStatus status = rollout.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(status.state()).isEqualTo(RolloutStatus.State.ROLLED_BACK);
    assertThat(status.weight()).isZero();
    assertThat(status.steps()).hasSize(2);
    RolloutStatus.Step rollback = status.steps().get(1);
    assertThat(rollback.errors()).isEqualTo(rollback.invocations()).isPositive();
    assertThat(rollback.message())
        .startsWith("ROLLOUT fn:live rolled back to version 1: error rate 100.0% exceeds 5.0% (")
        .contains(" errors in " + rollback.invocations() + " invocations of version 2");
    assertThat(fixture.logs().lines("fn"))
        .contains(status.steps().get(0).message(), rollback.message());
    AliasInfo alias = registry.getAlias("fn", "live").orElseThrow();
    assertThat(alias.functionVersion()).isEqualTo("1");
    assertThat(alias.config().additionalVersionWeights()).isEmpty();
    for (int i = 0; i < 100; i++) {
      assertThat(runtime.invoke("fn:live", Payload.json("{}")).executedVersion()).isEqualTo("1");
    }
    assertThat(rollout.cancel()).isFalse();
  }

  @Test
  void healthyNewVersion_shiftedStepByStepThenPromoted() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.routingRandom(new Random(7)));
    FunctionRegistry registry = twoVersions(runtime, false);
    Rollout rollout = registry.startRollout("fn", "live", PLAN);
    assertThat(rollout.status().steps().get(0).message())
        .isEqualTo(
            "ROLLOUT fn:live started: version 2 gets 10.0% of invocations, version 1 the rest");

    invoke(runtime, 100);
    fixture.time().advance(Duration.ofMinutes(1));
    Await.until(() -> rollout.status().steps().size() == 2);

    assertThat(rollout.status().weight()).isEqualTo(0.5);
    assertThat(rollout.status().state()).isEqualTo(RolloutStatus.State.IN_PROGRESS);
    assertThat(registry.getAlias("fn", "live").orElseThrow().config().additionalVersionWeights())
        .isEqualTo(Map.of("2", 0.5));
    assertThat(rollout.status().steps().get(1).message())
        .startsWith("ROLLOUT fn:live version 2 gets 50.0% of invocations (0 errors in ");

    invoke(runtime, 100);
    fixture.time().advance(Duration.ofMinutes(1));
    RolloutStatus done = rollout.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(done.state()).isEqualTo(RolloutStatus.State.COMPLETED);
    assertThat(done.weight()).isEqualTo(1.0);
    assertThat(done.steps()).extracting(RolloutStatus.Step::weight).containsExactly(0.1, 0.5, 1.0);
    AliasInfo alias = registry.getAlias("fn", "live").orElseThrow();
    assertThat(alias.functionVersion()).isEqualTo("2");
    assertThat(alias.config().additionalVersionWeights()).isEmpty();
    assertThat(runtime.invoke("fn:live", Payload.json("{}")).executedVersion()).isEqualTo("2");
  }

  @Test
  void fewerInvocationsThanTheSample_notJudged() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.routingRandom(new Random(7)));
    FunctionRegistry registry = twoVersions(runtime, true);
    Rollout rollout =
        registry.startRollout("fn", "live", PLAN.withWindow(Duration.ofMinutes(1), 1_000_000));

    invoke(runtime, 50);
    fixture.time().advance(Duration.ofSeconds(1));
    fixture.time().advance(Duration.ofMinutes(1));
    Await.until(() -> rollout.status().steps().size() == 2);

    assertThat(rollout.status().state()).isEqualTo(RolloutStatus.State.IN_PROGRESS);
    assertThat(rollout.status().weight()).isEqualTo(0.5);
    assertThat(rollout.cancel()).isTrue();
  }

  @Test
  void cancel_pointsTheAliasBackAndEndsTheRollout() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = twoVersions(runtime, false);
    Rollout rollout = registry.startRollout("fn", "live", PLAN);

    assertThatThrownBy(() -> registry.updateAlias("fn", AliasConfig.of("live", "2")))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Cannot update alias live while a rollout to version 2 is running on it;"
                            + " cancel the rollout first"));
    assertThatThrownBy(() -> registry.deleteAlias("fn", "live"))
        .isInstanceOf(ResourceConflictException.class);
    assertThatThrownBy(() -> registry.deleteVersion("fn", "2"))
        .isInstanceOf(ResourceConflictException.class);
    assertThatThrownBy(() -> registry.startRollout("fn", "live", PLAN))
        .isInstanceOf(ResourceConflictException.class);

    assertThat(rollout.cancel()).isTrue();

    RolloutStatus status = rollout.completion().toCompletableFuture().get(1, TimeUnit.SECONDS);
    assertThat(status.state()).isEqualTo(RolloutStatus.State.CANCELLED);
    assertThat(status.steps().get(1).message())
        .isEqualTo("ROLLOUT fn:live cancelled: the alias points at version 1 again");
    assertThat(registry.getAlias("fn", "live").orElseThrow().config())
        .isEqualTo(AliasConfig.of("live", "1"));
    assertThat(rollout.cancel()).isFalse();
    registry.updateAlias("fn", AliasConfig.of("live", "2")); // allowed again
  }

  @Test
  void deletingTheFunction_cancelsItsRollout() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Rollout rollout = twoVersions(runtime, false).startRollout("fn", "live", PLAN);

    runtime.registry().delete("fn");

    RolloutStatus status = rollout.completion().toCompletableFuture().get(1, TimeUnit.SECONDS);
    assertThat(status.state()).isEqualTo(RolloutStatus.State.CANCELLED);
    assertThat(status.steps().getLast().message())
        .isEqualTo("ROLLOUT fn:live cancelled: the function was deleted");
  }

  @Test
  void startRollout_rules_refusedAndAliasUntouched() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = twoVersions(runtime, false);
    registry.createAlias("fn", AliasConfig.of("dev", "$LATEST"));
    registry.createAlias("fn", AliasConfig.of("split", "1").withRouting("2", 0.2));

    assertThatThrownBy(() -> registry.startRollout("fn", "split", PLAN))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.field()).isEqualTo("routingConfig"));
    assertThatThrownBy(() -> registry.startRollout("fn", "dev", PLAN))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.field()).isEqualTo("functionVersion"));
    assertThatThrownBy(
            () ->
                registry.startRollout(
                    "fn", "live", RolloutPlan.of("1", List.of(0.5), Duration.ofMinutes(1), 0.1)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.field()).isEqualTo("targetVersion"));
    assertThatThrownBy(
            () ->
                registry.startRollout(
                    "fn", "live", RolloutPlan.of("9", List.of(0.5), Duration.ofMinutes(1), 0.1)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> registry.startRollout("fn", "nope", PLAN))
        .isInstanceOf(ResourceNotFoundException.class);

    assertThat(registry.getAlias("fn", "live").orElseThrow().config())
        .isEqualTo(AliasConfig.of("live", "1"));
  }
}
