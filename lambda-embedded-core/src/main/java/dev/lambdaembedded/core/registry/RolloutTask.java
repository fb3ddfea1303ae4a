/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import dev.lambdaembedded.api.Rollout;
import dev.lambdaembedded.api.RolloutStatus;
import dev.lambdaembedded.api.config.RolloutPlan;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.core.invoke.FunctionState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A guarded rollout on an alias: decides, on the runtime's clock, when to shift the next share of
 * traffic, when to finish and when to roll back; the registry applies each decision to the alias.
 *
 * <p>The error rate is measured from the target version's cumulative invocation and error counts,
 * sampled at every housekeeping tick (about once a second): the rate over the window is the growth
 * since the newest sample at least one window old (or since the rollout started).
 */
final class RolloutTask implements Rollout {

  /** What the registry should do next. */
  enum Action {
    NONE,
    SHIFT,
    COMPLETE,
    ROLL_BACK
  }

  /**
   * A decision with the evidence it was taken on.
   *
   * @param action what to do
   * @param weight the target version's share after it
   * @param invocations the target's invocations in the window
   * @param errors the target's errors in the window
   */
  record Decision(Action action, double weight, long invocations, long errors) {}

  /** Applies a cancellation; the registry. */
  interface Canceller {
    boolean cancel(RolloutTask task);
  }

  private final String functionName;
  private final String aliasName;
  private final String fromVersion;
  private final RolloutPlan plan;
  private final FunctionState target;
  private final TimeSource time;
  private final Canceller canceller;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, invocations, errors}
  private final List<RolloutStatus.Step> steps = new ArrayList<>();
  private final CompletableFuture<RolloutStatus> completion = new CompletableFuture<>();
  private final AtomicBoolean applying = new AtomicBoolean();
  private int stepIndex;
  private long stepStartedNanos;
  private RolloutStatus.State state = RolloutStatus.State.IN_PROGRESS;
  private double weight;

  RolloutTask(
      String functionName,
      String aliasName,
      String fromVersion,
      RolloutPlan plan,
      FunctionState target,
      TimeSource time,
      Canceller canceller) {
    this.functionName = functionName;
    this.aliasName = aliasName;
    this.fromVersion = fromVersion;
    this.plan = plan;
    this.target = target;
    this.time = time;
    this.canceller = canceller;
    target.watch();
    long now = time.nanoTime();
    this.stepStartedNanos = now;
    this.weight = plan.weights().get(0);
    samples.add(new long[] {now, target.invocations(), target.errors()});
  }

  String functionName() {
    return functionName;
  }

  String aliasName() {
    return aliasName;
  }

  String fromVersion() {
    return fromVersion;
  }

  String toVersion() {
    return plan.targetVersion();
  }

  /** Claims the right to apply one decision; released by {@link #applied()}. */
  boolean tryClaim() {
    return applying.compareAndSet(false, true);
  }

  void applied() {
    applying.set(false);
  }

  /**
   * Samples the target's counters and decides what to do now.
   *
   * @param nowNanos the runtime's time
   * @return the decision
   */
  Decision decide(long nowNanos) {
    lock.lock();
    try {
      if (state.isTerminal()) {
        return new Decision(Action.NONE, weight, 0, 0);
      }
      long invocations = target.invocations();
      long errors = target.errors();
      samples.add(new long[] {nowNanos, invocations, errors});
      long windowStart = nowNanos - plan.window().toNanos();
      while (samples.size() > 1) { // keep the newest sample at least one window old as the base
        long[] first = samples.removeFirst();
        if (samples.getFirst()[0] - windowStart > 0) {
          samples.addFirst(first);
          break;
        }
      }
      long[] base = samples.getFirst();
      long windowInvocations = invocations - base[1];
      long windowErrors = errors - base[2];
      if (windowInvocations >= plan.minInvocations()
          && (double) windowErrors / windowInvocations > plan.maxErrorRate()) {
        return new Decision(Action.ROLL_BACK, 0.0, windowInvocations, windowErrors);
      }
      if (nowNanos - stepStartedNanos >= plan.stepInterval().toNanos()) {
        return stepIndex + 1 < plan.weights().size()
            ? new Decision(
                Action.SHIFT, plan.weights().get(stepIndex + 1), windowInvocations, windowErrors)
            : new Decision(Action.COMPLETE, 1.0, windowInvocations, windowErrors);
      }
      return new Decision(Action.NONE, weight, windowInvocations, windowErrors);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records a step the registry applied, and completes the rollout if it ended it.
   *
   * @param decision what was applied
   * @param message the line written to the function's log
   */
  void record(Decision decision, String message) {
    RolloutStatus finished = null;
    lock.lock();
    try {
      switch (decision.action()) {
        case NONE -> {}
        case SHIFT -> {
          stepIndex++;
          stepStartedNanos = time.nanoTime();
        }
        case COMPLETE -> state = RolloutStatus.State.COMPLETED;
        case ROLL_BACK -> state = RolloutStatus.State.ROLLED_BACK;
      }
      weight = decision.weight();
      steps.add(
          new RolloutStatus.Step(
              time.instant(), state, weight, decision.invocations(), decision.errors(), message));
      if (state.isTerminal()) {
        finished = statusLocked();
      }
    } finally {
      lock.unlock();
    }
    if (finished != null) {
      completion.complete(finished);
    }
  }

  /**
   * Ends the rollout as cancelled.
   *
   * @param message why, as written to the function's log
   * @return {@code false} if it had already ended
   */
  boolean recordCancelled(String message) {
    RolloutStatus finished;
    lock.lock();
    try {
      if (state.isTerminal()) {
        return false;
      }
      state = RolloutStatus.State.CANCELLED;
      weight = 0.0;
      steps.add(new RolloutStatus.Step(time.instant(), state, weight, 0, 0, message));
      finished = statusLocked();
    } finally {
      lock.unlock();
    }
    completion.complete(finished);
    return true;
  }

  boolean ended() {
    lock.lock();
    try {
      return state.isTerminal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public RolloutStatus status() {
    lock.lock();
    try {
      return statusLocked();
    } finally {
      lock.unlock();
    }
  }

  private RolloutStatus statusLocked() {
    return new RolloutStatus(
        functionName, aliasName, fromVersion, plan.targetVersion(), state, weight, steps);
  }

  @Override
  public boolean cancel() {
    return canceller.cancel(this);
  }

  @Override
  public CompletionStage<RolloutStatus> completion() {
    return completion.minimalCompletionStage();
  }

  /** Describes the window for log lines: {@code 3 of 40 invocations in the last 60 s}. */
  String evidence(Decision decision) {
    return decision.errors()
        + " errors in "
        + decision.invocations()
        + " invocations of version "
        + plan.targetVersion()
        + " in the last "
        + seconds(plan.window())
        + " s";
  }

  double maxErrorRate() {
    return plan.maxErrorRate();
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100.0);
  }

  private static String seconds(Duration duration) {
    return Long.toString(duration.toSeconds());
  }
}
