/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * With a provider on the class path (logback, in these tests) the runtime's loggers are SLF4J's
 * own; {@code functional.LoggingProviderTest} runs the cases without one in JVMs of their own.
 */
final class LoggersTest {

  @Test
  void get_providerBound_returnsTheProvidersLogger() {
    assertThat(Loggers.slf4jBound()).isTrue();
    assertThat(Loggers.get("dev.lambdaembedded.function.f"))
        .isInstanceOf(ch.qos.logback.classic.Logger.class)
        .extracting(org.slf4j.Logger::getName)
        .isEqualTo("dev.lambdaembedded.function.f");
    assertThat(new Slf4jLogSink().logger("f")).isInstanceOf(ch.qos.logback.classic.Logger.class);
  }
}
