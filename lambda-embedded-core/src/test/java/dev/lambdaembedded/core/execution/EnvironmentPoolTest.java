/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import static dev.lambdaembedded.core.execution.TestEnvironments.start;
import static dev.lambdaembedded.core.execution.TestEnvironments.started;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pool's contracts: a warm environment is reused, one serves up to its per-environment
 * concurrency at once, a free one is found among very many busy ones, slots are reused after
 * removals, and retirement, discard, draining and shrinking leave no invocation on an environment
 * it may not take.
 */
final class EnvironmentPoolTest {

  @Test
  void acquire_emptyPool_returnsNull() {
    EnvironmentPool pool = new EnvironmentPool(1);

    assertThat(pool.acquire()).isNull();
    assertThat(pool.size()).isZero();
  }

  @Test
  void acquire_singleCaller_alwaysTakesTheSameEnvironment() {
    EnvironmentPool pool = new EnvironmentPool(1);
    List<Environment> environments = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      environments.add(started(pool));
    }
    for (Environment environment : environments) {
      pool.release(environment, 0);
    }

    Environment first = take(pool);
    pool.release(first, 1);
    for (int i = 0; i < 100; i++) {
      Environment again = take(pool);
      assertThat(again).isSameAs(first);
      pool.release(again, 2 + i);
    }
  }

  @Test
  void acquire_singleCallerInABigPool_takesTheMostRecentlyReleased() {
    EnvironmentPool pool = new EnvironmentPool(1);
    List<Environment> environments = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      environments.add(started(pool));
    }
    // all busy but one: whichever slots the caller's thread looks at first, the spare list has it
    Environment released = environments.get(617);
    pool.release(released, 0);

    assertThat(pool.acquire()).isSameAs(released);
    assertThat(pool.acquire()).isNull();
  }

  @Test
  void acquire_perEnvironmentConcurrencyThree_oneEnvironmentServesThreeAtOnce() {
    EnvironmentPool pool = new EnvironmentPool(3);
    Environment environment = started(pool);

    assertThat(pool.acquire()).isSameAs(environment);
    assertThat(pool.acquire()).isSameAs(environment);
    assertThat(environment.inFlight()).isEqualTo(3);
    assertThat(pool.acquire()).as("full").isNull();

    assertThat(pool.release(environment, 0)).isFalse();
    assertThat(pool.acquire()).isSameAs(environment);
    assertThat(pool.size()).isOne();
  }

  @Test
  void acquire_manyFullEnvironmentsWithConcurrencyTwo_findsTheOneWithRoom() {
    EnvironmentPool pool = new EnvironmentPool(2);
    List<Environment> environments = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Environment environment = started(pool);
      assertThat(pool.acquire()).as("the new environment has room").isSameAs(environment);
      environments.add(environment);
    }
    assertThat(pool.acquire()).as("all full").isNull();

    Environment halfFree = environments.get(123);
    pool.release(halfFree, 0);

    assertThat(pool.acquire()).isSameAs(halfFree);
    assertThat(pool.acquire()).isNull();
  }

  @Test
  void add_afterManyRemovals_reusesTheFreedSlots() {
    EnvironmentPool pool = new EnvironmentPool(1);
    List<Environment> environments = new ArrayList<>();
    for (int i = 0; i < 1_024; i++) {
      environments.add(started(pool));
    }
    for (int i = 0; i < 1_000; i++) {
      Environment environment = environments.get(i);
      pool.discard(environment);
      assertThat(pool.release(environment, 0)).isTrue();
    }
    assertThat(pool.size()).isEqualTo(24);

    List<Environment> more = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      more.add(started(pool));
    }

    assertThat(pool.size()).isEqualTo(1_024);
    Set<Integer> slots = new HashSet<>();
    for (Environment environment : environments.subList(1_000, 1_024)) {
      slots.add(environment.slot);
    }
    for (Environment environment : more) {
      slots.add(environment.slot);
    }
    assertThat(slots).as("distinct slots, none beyond the first 1,024").hasSize(1_024);
    assertThat(slots).allMatch(slot -> slot >= 0 && slot < 1_024);
    for (Environment environment : environments.subList(0, 1_000)) {
      assertThat(environment.slot).isEqualTo(-1);
    }
    releaseAll(pool, environments.subList(1_000, 1_024));
    releaseAll(pool, more);
    assertThat(drainByAcquiring(pool)).hasSize(1_024);
  }

  @Test
  void discard_busyEnvironmentWithRoom_neverTakenAgain() {
    EnvironmentPool pool = new EnvironmentPool(4);
    Environment environment = started(pool);
    assertThat(pool.acquire()).isSameAs(environment);

    pool.discard(environment);

    assertThat(pool.acquire()).isNull();
    assertThat(pool.size()).isZero();
    assertThat(pool.release(environment, 0)).as("one still in flight").isFalse();
    assertThat(pool.release(environment, 0)).as("the last one retires it").isTrue();
    assertThat(environment.inFlight()).isEqualTo(-1);
  }

  @Test
  void discard_environmentNeverAdded_isRetiredByItsRelease() {
    EnvironmentPool pool = new EnvironmentPool(1);
    Environment other = started(pool);
    Environment abandoned = start(pool); // an init phase that finished after its deadline

    pool.discard(abandoned);

    assertThat(pool.release(abandoned, 0)).isTrue();
    assertThat(pool.size()).isOne();
    assertThat(pool.release(other, 0)).isFalse();
    assertThat(pool.acquire()).isSameAs(other);
  }

  @Test
  void retireAll_whileBusy_retiresIdleOnesNowAndBusyOnesOnRelease() {
    EnvironmentPool pool = new EnvironmentPool(2);
    Environment idle = started(pool);
    pool.release(idle, 0);
    Environment busy = started(pool);

    assertThat(pool.retireAll()).containsExactly(idle);

    assertThat(pool.retired()).isTrue();
    assertThat(pool.acquire()).as("the busy one has room but is retiring").isNull();
    assertThat(pool.size()).isOne();
    assertThat(pool.release(busy, 1)).isTrue();
    assertThat(pool.size()).isZero();

    Environment late = start(pool);
    assertThat(pool.add(late)).as("a retired pool refuses new environments").isFalse();
    assertThat(late.discardRequested()).isTrue();
    assertThat(pool.release(late, 2)).isTrue();
  }

  @Test
  void drain_busyEnvironments_retireOnReleaseUntilKept() {
    EnvironmentPool pool = new EnvironmentPool(1);
    Environment idle = started(pool);
    pool.release(idle, 0);
    Environment busy = started(pool);
    Environment kept = started(pool);

    assertThat(pool.drain()).containsExactly(idle);
    assertThat(pool.release(busy, 1)).isTrue();
    pool.keep();

    assertThat(pool.release(kept, 2)).isFalse();
    assertThat(pool.acquire()).isSameAs(kept);
    assertThat(pool.size()).isOne();
  }

  @Test
  void shrinkTo_busyAndIdle_retiresIdleNowAndEnoughBusyOnRelease() {
    EnvironmentPool pool = new EnvironmentPool(1);
    List<Environment> idle = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      idle.add(started(pool));
    }
    releaseAll(pool, idle);
    List<Environment> busy = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      busy.add(started(pool));
    }

    assertThat(pool.shrinkTo(3)).containsExactlyInAnyOrderElementsOf(idle);

    assertThat(busy.stream().filter(Environment::discardRequested)).hasSize(1);
    int retiredOnRelease = 0;
    for (Environment environment : busy) {
      if (pool.release(environment, 1)) {
        retiredOnRelease++;
      }
    }
    assertThat(retiredOnRelease).isOne();
    assertThat(pool.size()).isEqualTo(3);
    assertThat(drainByAcquiring(pool)).hasSize(3);
  }

  @Test
  void retireIdle_onDemandPool_retiresOnlyThoseIdleSinceBefore() {
    EnvironmentPool pool = new EnvironmentPool(1);
    Environment old = started(pool);
    Environment recent = started(pool);
    Environment busy = started(pool);
    pool.release(old, 10);
    pool.release(recent, 30);

    assertThat(pool.retireIdle(20)).containsExactly(old);

    assertThat(pool.size()).isEqualTo(2);
    assertThat(pool.acquire()).isSameAs(recent);
    assertThat(pool.release(busy, 40)).isFalse();
  }

  @Test
  void retireIdle_provisionedPool_keepsItsEnvironmentsWarm() {
    EnvironmentPool pool = new EnvironmentPool(1, true);
    Environment environment = started(pool);
    pool.release(environment, 0);

    assertThat(pool.retireIdle(Long.MAX_VALUE)).isEmpty();

    assertThat(pool.acquire()).isSameAs(environment);
    assertThat(environment.provisioned()).isTrue();
  }

  @Test
  void acquireAndRelease_manyThreads_neverOverfillAndLoseNoEnvironment() throws Exception {
    int max = 2;
    int threads = 8;
    int rounds = 20_000;
    EnvironmentPool pool = new EnvironmentPool(max);
    Map<Environment, AtomicInteger> claims = new ConcurrentHashMap<>();
    List<Future<Integer>> workers = new ArrayList<>();
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        workers.add(
            executor.submit(
                () -> {
                  int overfilled = 0;
                  for (int i = 0; i < rounds; i++) {
                    Environment environment = pool.acquire();
                    if (environment == null) {
                      environment = started(pool);
                    }
                    AtomicInteger held =
                        claims.computeIfAbsent(environment, e -> new AtomicInteger());
                    if (held.incrementAndGet() > max) {
                      overfilled++;
                    }
                    held.decrementAndGet();
                    pool.release(environment, i);
                  }
                  return overfilled;
                }));
      }
      for (Future<Integer> worker : workers) {
        assertThat(worker.get()).as("claims beyond the per-environment concurrency").isZero();
      }
    }

    Set<Environment> all = claims.keySet();
    assertThat(pool.size()).isEqualTo(all.size());
    for (Environment environment : all) {
      assertThat(environment.inFlight()).isZero();
    }
    // every environment is found again: no release left one off the spare list
    Map<Environment, Integer> taken = new HashMap<>();
    for (int i = 0; i < all.size() * max; i++) {
      Environment environment = pool.acquire();
      assertThat(environment).as("claim %s of %s", i, all.size() * max).isNotNull();
      taken.merge(environment, 1, Integer::sum);
    }
    assertThat(pool.acquire()).isNull();
    assertThat(taken)
        .hasSameSizeAs(all)
        .allSatisfy((environment, n) -> assertThat(n).isEqualTo(max));
  }

  private static Environment take(EnvironmentPool pool) {
    return requireNonNull(pool.acquire(), "no free environment");
  }

  private static void releaseAll(EnvironmentPool pool, List<Environment> environments) {
    for (Environment environment : environments) {
      assertThat(pool.release(environment, 0)).isFalse();
    }
  }

  /** Acquires until the pool has none free; per-environment concurrency 1. */
  private static Set<Environment> drainByAcquiring(EnvironmentPool pool) {
    Set<Environment> taken = new HashSet<>();
    Environment environment;
    while ((environment = pool.acquire()) != null) {
      assertThat(taken.add(environment)).as("taken twice: %s", environment).isTrue();
    }
    return taken;
  }
}
