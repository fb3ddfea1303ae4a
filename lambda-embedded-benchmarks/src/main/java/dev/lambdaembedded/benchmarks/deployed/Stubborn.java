/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.deployed;

import dev.lambdaembedded.api.handler.Context;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handlers that never return by themselves and swallow their interrupt: only the runtime's deadline
 * checks in deployed code end them.
 */
public final class Stubborn {
  /** The classes of the jar these handlers are deployed from, as class file names. */
  public static final List<String> CLASSES =
      List.of(
          "dev/lambdaembedded/benchmarks/deployed/Stubborn.class",
          "dev/lambdaembedded/benchmarks/deployed/Busy.class");

  /** Counts what the handlers do, so that no loop is optimised away. */
  public static final AtomicLong SINK = new AtomicLong();

  /** Creates the handlers; one instance per execution environment. */
  public Stubborn() {}

  /**
   * Sleeps a minute at a time, catching the interrupt and going back to sleep.
   *
   * @param in ignored
   * @param context ignored
   * @return never
   */
  @SuppressWarnings("InfiniteLoopStatement") // the point: only the deadline ends it
  public String sleepAndCatch(Object in, Context context) {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        SINK.incrementAndGet(); // and sleeps again
      }
    }
  }

  /**
   * Waits on a monitor nobody notifies, catching the interrupt and waiting again.
   *
   * @param in ignored
   * @param context ignored
   * @return never
   */
  @SuppressWarnings({"InfiniteLoopStatement", "WaitNotInLoop"})
  public String waitLoop(Object in, Context context) {
    Object lock = new Object();
    synchronized (lock) {
      while (true) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          SINK.incrementAndGet(); // and waits again
        }
      }
    }
  }

  /**
   * Spins without ever looking at its interrupt.
   *
   * @param in ignored
   * @param context ignored
   * @return never
   */
  @SuppressWarnings("InfiniteLoopStatement")
  public String spin(Object in, Context context) {
    while (true) {
      SINK.incrementAndGet();
    }
  }
}
