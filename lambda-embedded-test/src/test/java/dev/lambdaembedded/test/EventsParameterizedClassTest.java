/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;

/** {@link Events} on a {@code @ParameterizedClass}: the constructor's parameter is the target. */
@ParameterizedClass
@Events(folder = "orders")
final class EventsParameterizedClassTest {

  private final Order order;

  EventsParameterizedClassTest(Order order) {
    this.order = order;
  }

  @Test
  void constructorParameter_receivesEachEvent() {
    assertThat(order.sku()).isIn("A", "B", "C");
  }

  record Order(int orderId, String sku, int quantity) {}
}
