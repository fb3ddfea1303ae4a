/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

/**
 * On which thread a function's handler runs during a synchronous invocation.
 *
 * <p>The choice trades cost against what a timeout can do. Both modes enforce the deadline from the
 * runtime's platform watchdog thread. At the deadline, in both: the handler's thread is
 * interrupted, the timeout is logged and counted, the execution environment is taken out of
 * service, and the invocation's concurrency place is free again, as Lambda frees it when it
 * destroys the environment; a handler still running counts against the runtime's stuck invocation
 * limit until it returns. Deployed code ({@code FunctionCode.deployed}) is rewritten so that it
 * stops itself at the deadline whatever it does in Java code: its loops, calls and blocking waits
 * check the deadline.
 */
public enum ExecutionMode {
  /**
   * The handler runs on the thread that called {@code invoke}: no thread hop, a little over a
   * hundred nanoseconds of overhead. Thread-locals the handler sets stay on the caller's thread.
   *
   * <p>At the deadline deployed code unwinds at its next check (busy loops, loops that catch the
   * interrupt and sleep or wait again, parks, {@code join()}, {@code lock()}, blocking socket
   * reads, recursion), so the caller gets the timeout error at the deadline. Inline and class-path
   * code is not rewritten: a handler that honours interrupts (blocking I/O, sleeps, waits) returns
   * promptly, one that ignores them keeps the caller's thread until it returns, and the caller then
   * gets the timeout error. So does code of any kind blocked in native methods, on a monitor
   * another thread never releases, or in JDK code that waits uninterruptibly on its own.
   */
  CALLER_THREAD,

  /**
   * The handler runs on a new virtual thread per invocation, named after the function, and the
   * caller waits for it. At the deadline the caller gets the timeout error at once, whatever the
   * handler does; deployed code also stops, and inline code that ignores its interrupt keeps
   * running (it is then reported as stuck). Costs about 1.5 microseconds. A cold start's init phase
   * also runs on a virtual thread and is bounded by the runtime's init timeout (10 seconds, as
   * Lambda's), not by the function's timeout.
   *
   * <p>The virtual-thread scheduler does not preempt: deployed code that computes on a virtual
   * thread yields its carrier every millisecond, when the runtime asks, so it cannot starve other
   * virtual threads. Inline handlers that never block can hold every carrier, and then a new
   * virtual thread does not run until they do, which only a separate process could prevent.
   */
  VIRTUAL_THREAD
}
