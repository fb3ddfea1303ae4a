/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.config.FunctionConfig;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class FunctionInfoTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
  private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void accessors_archive_returnTheComponents() {
    FunctionConfig config = FunctionConfig.of("orders");
    String sha = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";

    FunctionInfo info =
        new FunctionInfo(config, ARN + ":3", "3", "rev-1", MODIFIED, Optional.of(sha), 2_048);

    assertThat(info.config()).isSameAs(config);
    assertThat(info.functionName()).isEqualTo("orders");
    assertThat(info.functionArn()).isEqualTo(ARN + ":3");
    assertThat(info.version()).isEqualTo("3");
    assertThat(info.revisionId()).isEqualTo("rev-1");
    assertThat(info.lastModified()).isEqualTo(MODIFIED);
    assertThat(info.codeSha256()).hasValue(sha);
    assertThat(info.codeSize()).isEqualTo(2_048);
  }

  @Test
  void codeSha256AndSize_hostClassLoaderCode_areEmptyAndZero() {
    FunctionInfo info =
        new FunctionInfo(
            FunctionConfig.of("orders"), ARN, "$LATEST", "rev-1", MODIFIED, Optional.empty(), 0);

    assertThat(info.codeSha256()).isEmpty();
    assertThat(info.codeSize()).isZero();
  }

  @Test
  void constructor_nullArguments_throwNpe() {
    new NullPointerTester()
        .setDefault(FunctionConfig.class, FunctionConfig.of("orders"))
        .setDefault(Instant.class, MODIFIED)
        .testAllPublicConstructors(FunctionInfo.class);
  }
}
