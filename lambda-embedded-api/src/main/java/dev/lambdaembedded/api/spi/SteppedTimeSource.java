/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

/**
 * A time source that moves only when told to, as a test's manual clock does. A runtime built on one
 * catches up each time it moves: the timeouts, asynchronous retries, backoff and event-age expiries
 * due by the new time have fired, and the asynchronous events due then have run to their outcome,
 * before the move returns. Tests need no sleeps.
 */
public interface SteppedTimeSource extends TimeSource {

  /**
   * Adds a listener that the source calls after each move, on the thread that moved it; a listener
   * that throws fails the move with its exception.
   *
   * @param listener called after each move
   */
  void addStepListener(Runnable listener);

  /**
   * Removes a listener added before; does nothing if it is not there.
   *
   * @param listener the listener
   */
  void removeStepListener(Runnable listener);
}
