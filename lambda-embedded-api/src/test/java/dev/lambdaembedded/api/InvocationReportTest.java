/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class InvocationReportTest {

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 12_345_678, 900_000_000_000L})
  void duration_isTheNanosAsDuration(long nanos) {
    InvocationReport report = new InvocationReport(nanos, 1, 128, -1, -1);

    assertThat(report.duration()).isEqualTo(Duration.ofNanos(nanos));
  }

  /** Lambda REPORT: Init Duration appears only on the invocation that started the environment. */
  @Test
  void initDuration_minusOne_isWarmWithoutInitDuration() {
    InvocationReport report = new InvocationReport(10, 1, 128, -1, -1);

    assertThat(report.coldStart()).isFalse();
    assertThat(report.initDuration()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 250_000_000})
  void initDuration_notNegative_isColdStartWithThatDuration(long initNanos) {
    InvocationReport report = new InvocationReport(10, 1, 128, initNanos, -1);

    assertThat(report.coldStart()).isTrue();
    assertThat(report.initDuration()).hasValue(Duration.ofNanos(initNanos));
  }

  @Test
  void allocated_minusOne_isUnknown() {
    assertThat(new InvocationReport(10, 1, 128, -1, -1).allocated()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 4_096, Long.MAX_VALUE})
  void allocated_notNegative_isThoseBytes(long bytes) {
    assertThat(new InvocationReport(10, 1, 128, -1, bytes).allocated()).hasValue(bytes);
  }
}
