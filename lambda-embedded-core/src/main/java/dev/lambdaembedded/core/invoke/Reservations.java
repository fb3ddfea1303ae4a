/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.InvalidParameterValueException;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the sum of all functions' reserved concurrency and sizes the unreserved pool to what is
 * left of the account concurrency. Lambda's rule: reservations must leave at least the unreserved
 * minimum (100 of 1,000 by default) to functions without one. Not thread-safe: used under the
 * registry's lock.
 */
public final class Reservations {
  private final Engine engine;
  private int total;

  /**
   * Creates the bookkeeping with nothing reserved.
   *
   * @param engine the runtime's engine, whose unreserved pool is resized
   */
  public Reservations(Engine engine) {
    this.engine = requireNonNull(engine);
  }

  /**
   * Checks a function's wanted reservation against the account.
   *
   * @param functionName the function
   * @param wanted the reservation it asks for
   * @param current its reservation now, or null for a new function
   * @throws InvalidParameterValueException if the reservation cannot be granted
   */
  public void check(String functionName, OptionalInt wanted, @Nullable Reservation current) {
    if (wanted.isEmpty()) {
      return;
    }
    int account = engine.settings().accountConcurrency();
    int minimum = engine.settings().unreservedConcurrencyMinimum();
    int reserved = wanted.getAsInt();
    if (reserved > account) {
      throw InvalidParameterValueException.of(
          functionName,
          "reservedConcurrency",
          reserved,
          "Member must have value less than or equal to the account concurrency " + account);
    }
    int others = total - Math.max(0, current == null ? 0 : current.reserved());
    if (others + reserved > account - minimum) {
      throw InvalidParameterValueException.of(
          functionName,
          "reservedConcurrency",
          reserved,
          "Specified ReservedConcurrentExecutions for function decreases account's"
              + " UnreservedConcurrentExecution below its minimum value of ["
              + minimum
              + "]: "
              + (account - minimum - others)
              + " of the account concurrency "
              + account
              + " can still be reserved");
    }
  }

  /**
   * Applies a checked reservation and resizes the unreserved pool.
   *
   * @param reservation the function's reservation
   * @param wanted the new reservation, empty for none
   */
  public void apply(Reservation reservation, OptionalInt wanted) {
    total -= Math.max(0, reservation.reserved());
    reservation.set(wanted.orElse(-1));
    total += Math.max(0, reservation.reserved());
    engine.unreserved().setLimit(engine.settings().accountConcurrency() - total);
  }

  /**
   * Returns the concurrency the account can still reserve: what reservations and the unreserved
   * minimum leave.
   *
   * @return the count
   */
  public int reservable() {
    return engine.settings().accountConcurrency()
        - engine.settings().unreservedConcurrencyMinimum()
        - total;
  }

  /**
   * Returns the invocations holding a concurrency place now.
   *
   * @param reservations every function's reservation
   * @return the unreserved pool's places in use plus every reservation's
   */
  public int admitted(List<Reservation> reservations) {
    int admitted = engine.unreserved().inUse();
    for (Reservation reservation : reservations) {
      ConcurrencyLimiter limiter = reservation.limiter();
      if (limiter != null) {
        admitted += limiter.inUse();
      }
    }
    return admitted;
  }
}
