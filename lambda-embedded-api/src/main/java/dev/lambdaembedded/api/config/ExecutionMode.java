/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

/**
 * On which thread a function's handler runs during a synchronous invocation.
 *
 * <p>The choice trades cost against what a timeout can do. Both modes enforce the deadline from the
 * runtime's platform watchdog thread, which interrupts the handler's thread at the deadline and
 * discards the execution environment.
 */
public enum ExecutionMode {
  /**
   * The handler runs on the thread that called {@code invoke}: no thread hop, a little over a
   * hundred nanoseconds of overhead. At the deadline a handler that honours interrupts (blocking
   * I/O, sleeps, waits) returns promptly and the caller gets the timeout error; a handler that
   * ignores interrupts keeps the caller's thread until it returns, and the caller then gets the
   * timeout error. Thread-locals the handler sets stay on the caller's thread.
   */
  CALLER_THREAD,

  /**
   * The handler runs on a new virtual thread per invocation, named after the function, and the
   * caller waits for it. At the deadline the caller gets the timeout error at once, even if the
   * handler ignores its interrupt and keeps running (it is then reported as stuck). Costs about 1.5
   * microseconds: the caller spins for up to 20 microseconds before it parks, since waking a parked
   * platform thread costs tens of microseconds. A cold start's init phase also runs on a virtual
   * thread and is bounded by the runtime's init timeout (10 seconds, as Lambda's), not by the
   * function's timeout; handlers that ignore interrupts and never block can hold every
   * virtual-thread carrier, and then a new virtual thread does not run until they yield, which only
   * a separate process could prevent.
   */
  VIRTUAL_THREAD
}
