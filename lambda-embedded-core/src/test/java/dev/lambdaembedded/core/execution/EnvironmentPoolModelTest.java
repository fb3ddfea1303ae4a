/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded model-based test of the environment pool: random operations run against a pool and
 * against a plain model of its rules (a list of environments with their claims), single-threaded,
 * and after every step the two must agree.
 *
 * <p>Operations: acquire (the pool must return an environment exactly when the model has one with
 * room, and one the model allows); a cold start (a new environment added, or refused by a retired
 * pool); release a random claim (retired exactly when it was the last claim and the environment was
 * discarded or the pool retired or draining); discard an environment then release its claim, as a
 * timed-out invocation does; retire those idle since a random time; drain; keep; shrink to a random
 * size; and, rarely, retire the pool. Per seed, the per-environment concurrency is 1 to 3 and the
 * pool is on-demand or provisioned.
 *
 * <p>Checks after each step: the pool's size is the model's, every environment's claims and discard
 * mark are the model's, and a retired or discarded environment is held by the pool no more (neither
 * in a slot nor on its spare list). Twenty random seeds per run; each is named in a failure, with
 * the step log. Replay one with {@code -Dpool.model.seed=<seed>} (and {@code
 * -Dpool.model.steps=<n>}).
 */
final class EnvironmentPoolModelTest {
  private static final String SEED_PROPERTY = "pool.model.seed";
  private static final String STEPS_PROPERTY = "pool.model.steps";
  private static final int SEEDS = 20;
  private static final int STEPS = 400;

  static LongStream seeds() {
    String fixed = System.getProperty(SEED_PROPERTY);
    if (fixed != null) {
      return LongStream.of(Long.parseLong(fixed.strip()));
    }
    return new SplittableRandom().longs(SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomOperations_agreeWithTheModel(long seed) {
    new Run(seed, Integer.getInteger(STEPS_PROPERTY, STEPS)).play();
  }

  /** An environment as the model sees it. */
  private static final class Env {
    final Environment real;
    final int id;
    int claims = 1; // started by the invocation that holds the first claim
    boolean discarded;
    boolean inPool;
    long lastReleased;

    Env(Environment real, int id) {
      this.real = real;
      this.id = id;
    }

    @Override
    public String toString() {
      return "e" + id + "(claims " + claims + (discarded ? ", discarded" : "") + ")";
    }
  }

  /** One seed's run: the pool under test and the model, side by side. */
  private static final class Run {
    private final long seed;
    private final int steps;
    private final SplittableRandom random;
    private final int max;
    private final boolean provisioned;
    private final EnvironmentPool pool;
    private final Map<Environment, Env> byReal = new HashMap<>(); // identity: no equals
    private final List<Env> alive = new ArrayList<>(); // in the pool, or outside it still busy
    private final List<Env> claims = new ArrayList<>(); // one entry per claim held
    private final List<String> log = new ArrayList<>();
    private boolean retired;
    private boolean draining;
    private long now;
    private int step;

    Run(long seed, int steps) {
      this.seed = seed;
      this.steps = steps;
      this.random = new SplittableRandom(seed);
      this.max = 1 + random.nextInt(3);
      this.provisioned = random.nextInt(4) == 0;
      this.pool = new EnvironmentPool(max, provisioned);
      log.add("pool: per-environment concurrency " + max + (provisioned ? ", provisioned" : ""));
    }

    void play() {
      for (step = 1; step <= steps; step++) {
        int dice = random.nextInt(200);
        if (dice < 60) {
          acquire();
        } else if (dice < 90) {
          coldStart();
        } else if (dice < 150) {
          release();
        } else if (dice < 160) {
          discard();
        } else if (dice < 170) {
          retireIdle();
        } else if (dice < 177) {
          drain();
        } else if (dice < 185) {
          keep();
        } else if (dice < 199) {
          shrink();
        } else {
          retireAll();
        }
        check();
      }
    }

    private void acquire() {
      boolean room = false;
      for (Env env : alive) {
        room |= env.inPool && !env.discarded && env.claims < max;
      }
      Environment real = pool.acquire();
      note("acquire: " + (real == null ? "none" : byReal.get(real)));
      if (real == null) {
        expect(!room, "acquire found none though the model has an environment with room");
        return;
      }
      Env env = byReal.get(real);
      expect(env != null, "acquire returned an environment the model does not know");
      Env taken = Objects.requireNonNull(env);
      expect(taken.inPool, "acquire returned " + taken + ", which is not in the pool");
      expect(!taken.discarded, "acquire returned " + taken + ", which is discarded");
      expect(taken.claims < max, "acquire returned " + taken + ", which was full");
      taken.claims++;
      claims.add(taken);
    }

    private void coldStart() {
      Environment real = TestEnvironments.start(pool);
      Env env = new Env(real, byReal.size());
      byReal.put(real, env);
      alive.add(env);
      claims.add(env);
      boolean added = pool.add(real);
      note("cold start " + env + (added ? "" : ": refused"));
      expect(added == !retired, "add returned " + added + " with the pool retired=" + retired);
      env.inPool = added;
      env.discarded = !added;
    }

    private void release() {
      if (claims.isEmpty()) {
        return;
      }
      Env env = claims.remove(random.nextInt(claims.size()));
      releaseClaim(env, "release");
    }

    private void discard() {
      if (claims.isEmpty()) {
        return;
      }
      Env env = claims.remove(random.nextInt(claims.size()));
      pool.discard(env.real);
      expect(!env.real.spare && env.real.slot == -1, env + " discarded but still in the pool");
      env.discarded = true;
      env.inPool = false;
      releaseClaim(env, "discard and release");
    }

    private void releaseClaim(Env env, String what) {
      now++;
      boolean retiredNow = pool.release(env.real, now);
      env.claims--;
      env.lastReleased = now;
      boolean expected = env.claims == 0 && (env.discarded || retired || draining);
      note(what + " " + env + (retiredNow ? ": retired" : ""));
      expect(retiredNow == expected, what + " of " + env + " retired it: " + retiredNow);
      if (retiredNow) {
        gone(env);
      }
    }

    private void retireIdle() {
      long idleSince = random.nextLong(now + 2);
      List<Env> expected = new ArrayList<>();
      if (!provisioned) {
        for (Env env : alive) {
          if (env.inPool && env.claims == 0 && env.lastReleased < idleSince) {
            expected.add(env);
          }
        }
      }
      List<Env> actual = known(pool.retireIdle(idleSince));
      note("retire idle since " + idleSince + ": " + actual);
      expectSame(actual, expected, "retireIdle(" + idleSince + ")");
      actual.forEach(this::gone);
    }

    private void drain() {
      draining = true;
      List<Env> expected = idleInPool();
      List<Env> actual = known(pool.drain());
      note("drain: " + actual);
      expectSame(actual, expected, "drain()");
      actual.forEach(this::gone);
    }

    private void keep() {
      draining = false;
      pool.keep();
      note("keep");
    }

    private void shrink() {
      int size = inPool().size();
      int keep = random.nextInt(size + 2);
      int excess = Math.max(0, size - keep);
      List<Env> idle = idleInPool();
      List<Env> busyUnmarked = new ArrayList<>();
      for (Env env : inPool()) {
        if (env.claims > 0 && !env.discarded) {
          busyUnmarked.add(env);
        }
      }
      List<Env> actual = known(pool.shrinkTo(keep));
      note("shrink to " + keep + ": " + actual);
      expect(
          actual.size() == Math.min(excess, idle.size()),
          "shrinkTo(" + keep + ") retired " + actual + " of the idle " + idle);
      expect(idle.containsAll(actual), "shrinkTo(" + keep + ") retired a busy environment");
      actual.forEach(this::gone);
      int toMark = Math.min(excess - actual.size(), busyUnmarked.size());
      int marked = 0;
      for (Env env : busyUnmarked) {
        if (env.real.discardRequested()) {
          env.discarded = true;
          marked++;
        }
      }
      expect(marked == toMark, "shrinkTo(" + keep + ") marked " + marked + ", not " + toMark);
    }

    private void retireAll() {
      retired = true;
      List<Env> expected = idleInPool();
      List<Env> actual = known(pool.retireAll());
      note("retire all: " + actual);
      expectSame(actual, expected, "retireAll()");
      actual.forEach(this::gone);
      for (Env env : alive) {
        env.discarded = true;
      }
    }

    private void check() {
      expect(pool.size() == inPool().size(), "size " + pool.size() + ", model " + inPool());
      expect(pool.retired() == retired, "retired() is " + pool.retired());
      expect(pool.draining() == draining, "draining() is " + pool.draining());
      for (Env env : alive) {
        expect(
            env.real.inFlight() == env.claims,
            env + " has " + env.real.inFlight() + " claims in the pool");
        expect(
            env.real.discardRequested() == env.discarded,
            env + " discard mark is " + env.real.discardRequested());
      }
    }

    private void gone(Env env) {
      expect(env.real.inFlight() == -1, env + " retired but not marked -1");
      expect(!env.real.spare && env.real.slot == -1, env + " retired but still held by the pool");
      env.inPool = false;
      alive.remove(env);
    }

    private List<Env> inPool() {
      List<Env> result = new ArrayList<>();
      for (Env env : alive) {
        if (env.inPool) {
          result.add(env);
        }
      }
      return result;
    }

    private List<Env> idleInPool() {
      List<Env> result = new ArrayList<>();
      for (Env env : inPool()) {
        if (env.claims == 0) {
          result.add(env);
        }
      }
      return result;
    }

    private List<Env> known(List<Environment> environments) {
      List<Env> result = new ArrayList<>();
      for (Environment environment : environments) {
        Env env = byReal.get(environment);
        expect(env != null, "the pool returned an environment the model does not know");
        result.add(Objects.requireNonNull(env));
      }
      return result;
    }

    private void expectSame(List<Env> actual, List<Env> expected, String what) {
      Set<Env> actualSet = new HashSet<>(actual); // identity: no equals
      Set<Env> expectedSet = new HashSet<>(expected);
      expect(
          actual.size() == actualSet.size() && actualSet.equals(expectedSet),
          what + " returned " + actual + ", the model " + expected);
    }

    private void note(String text) {
      log.add(String.format(Locale.ROOT, "%3d %s", step, text));
    }

    private void expect(boolean condition, String problem) {
      if (!condition) {
        throw new AssertionError(
            "EnvironmentPool model, seed "
                + seed
                + ", step "
                + step
                + " of "
                + steps
                + " (replay: -D"
                + SEED_PROPERTY
                + "="
                + seed
                + " -D"
                + STEPS_PROPERTY
                + "="
                + step
                + ")\n  "
                + problem
                + "\nsteps:\n"
                + String.join("\n", log));
      }
    }
  }
}
