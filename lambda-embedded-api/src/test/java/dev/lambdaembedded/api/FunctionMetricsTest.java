/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class FunctionMetricsTest {

  @Test
  void meanDuration_nothingCounted_isZero() {
    FunctionMetrics metrics =
        new FunctionMetrics("fn", 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    assertThat(metrics.meanDuration()).isEqualTo(Duration.ZERO);
  }

  @Test
  void meanDuration_someInvocations_isTotalOverInvocations() {
    FunctionMetrics metrics =
        new FunctionMetrics("fn", 4, 1, 0, 0, 1, 0, 0, 1, 10, 0, 0, 0, 0, 0, 0, 0);

    assertThat(metrics.meanDuration()).isEqualTo(Duration.ofNanos(2));
  }

  @Test
  void constructor_nullName_throwsNpe() {
    new NullPointerTester().testAllPublicConstructors(FunctionMetrics.class);
  }
}
