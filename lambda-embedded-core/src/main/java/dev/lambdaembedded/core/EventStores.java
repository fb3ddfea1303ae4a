/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core;

import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.core.async.InMemoryEventStore;

/** The event stores this module provides; a durable one lives in {@code lambda-embedded-sqlite}. */
public final class EventStores {
  private EventStores() {}

  /**
   * Returns a new in-memory event store: fast, and lost with the process. The runtime's default.
   *
   * @return the store
   */
  public static EventStore inMemory() {
    return new InMemoryEventStore();
  }
}
