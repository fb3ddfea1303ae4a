/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.config.AliasConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class AliasInfoTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:live";
  private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void nameAndFunctionVersion_delegateToConfig() {
    AliasConfig config = AliasConfig.of("live", "3").withRouting("4", 0.1);

    AliasInfo info = new AliasInfo(config, ARN, "rev-1", MODIFIED);

    assertThat(info.name()).isEqualTo("live");
    assertThat(info.functionVersion()).isEqualTo("3");
    assertThat(info.config()).isSameAs(config);
  }

  @Test
  void accessors_returnTheComponents() {
    AliasInfo info = new AliasInfo(AliasConfig.of("live", "$LATEST"), ARN, "rev-1", MODIFIED);

    assertThat(info.aliasArn()).isEqualTo(ARN);
    assertThat(info.revisionId()).isEqualTo("rev-1");
    assertThat(info.lastModified()).isEqualTo(MODIFIED);
    assertThat(info.functionVersion()).isEqualTo("$LATEST");
  }

  @Test
  void constructor_nullArguments_throwNpe() {
    new NullPointerTester()
        .setDefault(AliasConfig.class, AliasConfig.of("live", "1"))
        .setDefault(Instant.class, MODIFIED)
        .testAllPublicConstructors(AliasInfo.class);
  }
}
