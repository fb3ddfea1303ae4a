/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.ProvisionedConcurrencyInfo.Status;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ProvisionedConcurrencyInfoTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:live";
  private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void accessors_returnTheComponents() {
    ProvisionedConcurrencyInfo info =
        new ProvisionedConcurrencyInfo(
            ARN, 5, 3, 0, Status.FAILED, Optional.of("init failed"), MODIFIED);

    assertThat(info.functionArn()).isEqualTo(ARN);
    assertThat(info.requested()).isEqualTo(5);
    assertThat(info.allocated()).isEqualTo(3);
    assertThat(info.available()).isZero();
    assertThat(info.status()).isEqualTo(Status.FAILED);
    assertThat(info.statusReason()).hasValue("init failed");
    assertThat(info.lastModified()).isEqualTo(MODIFIED);
  }

  /** Lambda's ProvisionedConcurrencyStatusEnum: IN_PROGRESS, READY, FAILED. */
  @Test
  void status_isLambdasThreeStates() {
    assertThat(Status.values()).containsExactly(Status.IN_PROGRESS, Status.READY, Status.FAILED);
  }

  @Test
  void constructor_nullArguments_throwNpe() {
    new NullPointerTester()
        .setDefault(Status.class, Status.READY)
        .setDefault(Instant.class, MODIFIED)
        .testAllPublicConstructors(ProvisionedConcurrencyInfo.class);
  }
}
