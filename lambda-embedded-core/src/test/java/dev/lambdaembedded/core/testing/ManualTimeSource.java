/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import dev.lambdaembedded.api.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A time source that moves only when a test advances it. Thread-safe. */
public final class ManualTimeSource implements TimeSource {
  private static final Instant EPOCH = Instant.parse("2026-11-27T10:00:00Z");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant instant() {
    return EPOCH.plusNanos(nanos.get() - 1_000_000_000L);
  }

  /** Moves time forward. */
  public void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
