/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.InvalidParameterValueException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A function's {@code layers}: Lambda's rules for the list of layer version ARNs. */
final class LayersConfigTest {
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:layer:";

  @Test
  void layers_defaultToNone_andKeepTheirOrder() {
    assertThat(FunctionConfig.of("f").layers()).isEmpty();
    FunctionConfig config = FunctionConfig.builder("f").layers(ARN + "b:2", ARN + "a:1").build();
    assertThat(config.layers()).containsExactly(ARN + "b:2", ARN + "a:1");
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void fiveLayers_areAllowed_sixAreNot() {
    List<String> five = List.of(ARN + "a:1", ARN + "b:1", ARN + "c:1", ARN + "d:1", ARN + "e:1");
    assertThat(FunctionConfig.builder("f").layers(five).build().layers()).hasSize(5);

    assertThatThrownBy(
            () ->
                FunctionConfig.builder("f")
                    .layers(
                        ARN + "a:1",
                        ARN + "b:1",
                        ARN + "c:1",
                        ARN + "d:1",
                        ARN + "e:1",
                        ARN + "f:1"))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining(
            "at 'layers' failed to satisfy constraint: Member must have length"
                + " less than or equal to 5");
  }

  @Test
  void notALayerVersionArn_isRefused() {
    for (String bad :
        List.of(
            "text-tools:1",
            ARN + "text-tools",
            ARN + "text tools:1",
            "arn:aws:lambda:us-east-1:123:layer:x:1",
            ARN + "x:one",
            ARN + "x".repeat(140) + ":1")) {
      assertThatThrownBy(() -> FunctionConfig.builder("f").layers(bad).build())
          .as(bad)
          .isInstanceOf(InvalidParameterValueException.class)
          .hasMessageContaining("'" + bad + "' at 'layers'")
          .hasMessageContaining("layer version ARN");
    }
  }

  @Test
  void twoVersionsOfOneLayer_areRefused() {
    assertThatThrownBy(() -> FunctionConfig.builder("f").layers(ARN + "a:1", ARN + "a:2"))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("two versions of the same layer");
  }

  @Test
  void nullEntries_areRefused() {
    assertThatThrownBy(
            () -> FunctionConfig.builder("f").layers(Collections.singletonList((String) null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void codePolicy_defaultsEnforceEveryCheck_andAllowRelaxesOne() {
    CodePolicy defaults = CodePolicy.defaults();
    for (CodePolicy.Check check : CodePolicy.Check.values()) {
      assertThat(defaults.enforces(check)).as(check.name()).isTrue();
    }
    CodePolicy relaxed = defaults.allow(CodePolicy.Check.UNSAFE);
    assertThat(relaxed.enforces(CodePolicy.Check.UNSAFE)).isFalse();
    assertThat(relaxed.enforces(CodePolicy.Check.PROCESS)).isTrue();
    assertThat(defaults.cooperativeTimeouts()).isTrue();
    assertThat(defaults.functionEnvironment()).isTrue();
    assertThat(defaults.withCooperativeTimeouts(false).cooperativeTimeouts()).isFalse();
    assertThat(defaults.withFunctionEnvironment(false).functionEnvironment()).isFalse();
    CodePolicy unchecked = CodePolicy.unchecked();
    assertThat(unchecked.allowed()).containsExactlyInAnyOrder(CodePolicy.Check.values());
    assertThat(unchecked.cooperativeTimeouts()).isFalse();
  }

  @Test
  void deployedCode_copiesZipBytes_andCarriesItsPolicy() {
    byte[] zip = {'P', 'K', 3, 4};
    FunctionCode.Isolated code = FunctionCode.deployed(zip);
    zip[0] = 'X';
    assertThat(((CodeSource.FromBytes) code.source()).zip()[0]).isEqualTo((byte) 'P');
    assertThat(((CodeSource.FromBytes) code.source()).size()).isEqualTo(4);
    assertThat(code.policy()).isEqualTo(CodePolicy.defaults());
    assertThat(code.withPolicy(CodePolicy.unchecked()).policy()).isEqualTo(CodePolicy.unchecked());
    assertThat(code.source().toString()).isEqualTo("zip bytes (4 bytes)");
    assertThat(FunctionCode.deployed(java.nio.file.Path.of("f.jar")).source())
        .isEqualTo(CodeSource.of(java.nio.file.Path.of("f.jar")));
  }
}
