/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TimeSourceTest {

  @Test
  void system_readTwice_nanoTimeDoesNotGoBackwards() {
    TimeSource time = TimeSource.system();

    long first = time.nanoTime();
    long second = time.nanoTime();

    // compared by difference, as System.nanoTime's contract requires
    assertThat(second - first).isNotNegative();
  }

  @Test
  void system_instant_isPresent() {
    assertThat(TimeSource.system().instant()).isNotNull();
  }

  @Test
  void system_calledTwice_isTheSameSource() {
    assertThat(TimeSource.system()).isSameAs(TimeSource.system());
    assertThat(TimeSource.system()).hasToString("TimeSource.system()");
  }
}
