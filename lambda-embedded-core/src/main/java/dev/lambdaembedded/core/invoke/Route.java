/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import static java.util.Objects.requireNonNull;

import java.util.random.RandomGenerator;

/**
 * Where a qualifier sends an invocation: a function version, chosen afresh for every invocation.
 * Routes are immutable and belong to one registry snapshot; changing an alias swaps in new ones.
 */
public sealed interface Route {

  /**
   * Picks the version this invocation runs on.
   *
   * @return the version
   */
  FunctionState select();

  /**
   * A route to one version, named by {@code $LATEST}, by no qualifier, or by an alias.
   *
   * @param state the version
   */
  record Fixed(FunctionState state) implements Route {
    /** Checks the version. */
    public Fixed {
      requireNonNull(state, "state");
    }

    @Override
    public FunctionState select() {
      return state;
    }
  }

  /**
   * A route to a published version named by its number: using it stops the version's draining.
   *
   * @param state the version
   */
  record Numbered(FunctionState state) implements Route {
    /** Checks the version. */
    public Numbered {
      requireNonNull(state, "state");
    }

    @Override
    public FunctionState select() {
      state.keepIfDraining();
      return state;
    }
  }

  /**
   * An alias routing a share of its invocations to a second version: Lambda's "simple probabilistic
   * model", one draw per invocation.
   *
   * @param primary the version the alias points to
   * @param additional the version that gets {@code weight} of the invocations
   * @param weight the additional version's share, 0.0 to 1.0
   * @param random the runtime's routing random source
   */
  record Weighted(
      FunctionState primary, FunctionState additional, double weight, RandomGenerator random)
      implements Route {
    /** Checks the versions and the random source. */
    public Weighted {
      requireNonNull(primary, "primary");
      requireNonNull(additional, "additional");
      requireNonNull(random, "random");
    }

    @Override
    public FunctionState select() {
      return random.nextDouble() < weight ? additional : primary;
    }
  }
}
