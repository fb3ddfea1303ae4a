/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the README's quick start ({@link QuickStart}), which the README shows verbatim. */
final class QuickStartTest {

  @Test
  void quickStart_invokesAnInlineHandler_returnsItsJsonResponse() {
    assertThat(QuickStart.run()).isEqualTo("{\"orderId\":\"o-42\",\"status\":\"ACCEPTED\"}");
  }
}
