/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import org.jspecify.annotations.Nullable;

/**
 * A function's concurrency reservation, shared by all its versions: the limiter its invocations
 * take a place from, or none to draw from the runtime's unreserved pool.
 */
public final class Reservation {
  private volatile @Nullable ConcurrencyLimiter limiter;

  /** Creates a function's reservation, initially none. */
  public Reservation() {}

  /**
   * Returns the function's own limiter.
   *
   * @return the limiter, or null when the function has no reservation
   */
  public @Nullable ConcurrencyLimiter limiter() {
    return limiter;
  }

  /**
   * Returns the reserved concurrency.
   *
   * @return the reservation, or -1 for none
   */
  public int reserved() {
    ConcurrencyLimiter current = limiter;
    return current == null ? -1 : current.limit();
  }

  /**
   * Sets the reservation; called by the registry under its lock.
   *
   * @param reserved the reservation, or -1 for none
   */
  void set(int reserved) {
    ConcurrencyLimiter current = limiter;
    if (reserved < 0) {
      limiter = null;
    } else if (current == null) {
      limiter = new ConcurrencyLimiter(reserved);
    } else {
      current.setLimit(reserved);
    }
  }
}
