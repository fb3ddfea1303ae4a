/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Random (version 4) request ids from a thread-local generator: no lock, no entropy pool. */
public final class RequestIds implements Supplier<UUID> {
  /** The shared instance. */
  public static final RequestIds RANDOM = new RequestIds();

  private RequestIds() {}

  @Override
  public UUID get() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(most, least);
  }

  @Override
  public String toString() {
    return "RequestIds.RANDOM";
  }
}
