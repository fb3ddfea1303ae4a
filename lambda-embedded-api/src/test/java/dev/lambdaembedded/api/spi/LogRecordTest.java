/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.handler.LogLevel;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class LogRecordTest {

  @Test
  void constructor_allComponents_keepsThem() {
    Instant now = Instant.parse("2026-01-02T03:04:05Z");

    LogRecord record =
        new LogRecord(
            now,
            "fn",
            "$LATEST",
            Optional.of("id-1"),
            LogRecord.Source.PLATFORM,
            LogLevel.INFO,
            "START RequestId: id-1 Version: $LATEST");

    assertThat(record.timestamp()).isEqualTo(now);
    assertThat(record.functionName()).isEqualTo("fn");
    assertThat(record.functionVersion()).isEqualTo("$LATEST");
    assertThat(record.requestId()).hasValue("id-1");
    assertThat(record.source()).isEqualTo(LogRecord.Source.PLATFORM);
    assertThat(record.level()).isEqualTo(LogLevel.INFO);
    assertThat(record.message()).isEqualTo("START RequestId: id-1 Version: $LATEST");
  }

  @Test
  void constructor_nullArguments_throwNpe() {
    new NullPointerTester()
        .setDefault(Instant.class, Instant.EPOCH)
        .testAllPublicConstructors(LogRecord.class);
  }
}
