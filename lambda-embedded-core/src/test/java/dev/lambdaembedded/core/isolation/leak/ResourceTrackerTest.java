/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.GcFinalization;
import dev.lambdaembedded.core.isolation.leak.ResourceTracker.ThreadLocalUse;
import java.lang.ref.WeakReference;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class ResourceTrackerTest {
  private final ResourceTracker tracker = new ResourceTracker();
  // used only as keys: the tracker is called directly, nothing is set on them
  private static final ThreadLocal<Object> LOCAL = new ThreadLocal<>();
  private static final ThreadLocal<Object> OTHER_LOCAL = new InheritableThreadLocal<>();

  @Test
  void threadLocalSet_sameLocalTwice_recordsOneUse() {
    tracker.threadLocalSet(LOCAL, "a");
    tracker.threadLocalSet(LOCAL, 42);

    Thread current = Thread.currentThread();
    assertThat(tracker.threadLocalUses())
        .containsExactly(
            new ThreadLocalUse(
                current.getName(),
                current.threadId(),
                false,
                "java.lang.ThreadLocal",
                "java.lang.Integer",
                "bootstrap"));
  }

  @Test
  void threadLocalRemoved_forgetsTheUseAndTheThread() {
    tracker.threadLocalSet(LOCAL, "a");
    tracker.threadLocalSet(OTHER_LOCAL, "b");

    tracker.threadLocalRemoved(LOCAL);

    assertThat(tracker.threadLocalUses())
        .extracting(ThreadLocalUse::localType)
        .containsExactly("java.lang.InheritableThreadLocal");
  }

  @Test
  void threadLocalSet_nullValue_countsAsRemoval() {
    tracker.threadLocalSet(LOCAL, "a");

    tracker.threadLocalSet(LOCAL, null);

    assertThat(tracker.threadLocalUses()).isEmpty();
    assertThat(tracker.trackedThreads()).isZero();
  }

  @Test
  void threadLocalUses_virtualThreadTerminated_isNotListed() throws InterruptedException {
    Thread.ofVirtual().start(() -> tracker.threadLocalSet(LOCAL, "a")).join();

    assertThat(tracker.threadLocalUses()).isEmpty();
  }

  @Test
  void threadLocalUses_liveVirtualThread_isListedAsVirtual() throws InterruptedException {
    var set = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    Thread thread =
        Thread.ofVirtual()
            .name("fn-session")
            .start(
                () -> {
                  tracker.threadLocalSet(LOCAL, "a");
                  set.countDown();
                  awaitQuietly(release);
                });
    try {
      set.await();

      assertThat(tracker.threadLocalUses())
          .singleElement()
          .satisfies(
              use -> {
                assertThat(use.threadName()).isEqualTo("fn-session");
                assertThat(use.virtual()).isTrue();
              });
    } finally {
      release.countDown();
      thread.join();
    }
  }

  @Test
  void threadLocalSet_manyShortLivedThreads_forgetsDeadThreads() throws InterruptedException {
    for (int i = 0; i < 1_000; i++) {
      Thread.ofVirtual().start(() -> tracker.threadLocalSet(LOCAL, "a")).join();
    }

    assertThat(tracker.trackedThreads()).isLessThanOrEqualTo(128);
    assertThat(tracker.threadLocalUses()).isEmpty();
  }

  @Test
  void threadLocalSet_holdsTheValueAndItsLoaderWeakly() {
    WeakReference<TestFunctionLoader> loader = setFunctionValue();

    GcFinalization.awaitClear(loader);

    assertThat(tracker.threadLocalUses())
        .singleElement()
        .satisfies(
            use -> {
              assertThat(use.valueType()).isEqualTo("fn.Plain");
              assertThat(use.valueLoader()).isEqualTo("(collected)");
            });
  }

  @Test
  void shutdownHooks_areTrackedByIdentityUntilRemoved() {
    Thread first = new Thread(() -> {}, "hook");
    Thread second = new Thread(() -> {}, "hook");
    tracker.shutdownHookAdded(first);
    tracker.shutdownHookAdded(second);
    tracker.shutdownHookAdded(first);

    tracker.shutdownHookRemoved(first);

    assertThat(tracker.shutdownHooks()).singleElement().isSameAs(second);
  }

  private WeakReference<TestFunctionLoader> setFunctionValue() {
    TestFunctionLoader loader = LeakyFunctions.newLoader("value");
    Object value = LeakyFunctions.call(loader, LeakyFunctions.PLAIN, "start");
    tracker.threadLocalSet(LOCAL, Objects.requireNonNull(value));
    return new WeakReference<>(loader);
  }

  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
