/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.AliasInfo;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aliases and qualifiers as Lambda's CreateAlias, UpdateAlias, GetAlias, ListAliases, DeleteAlias
 * and Invoke define them: an alias names one version (published or $LATEST) and may route a weight
 * of its traffic to one more published version; an invocation names the function, $LATEST, a
 * version or an alias, plainly or as an ARN, and reports the version that ran.
 */
final class AliasesTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final FunctionCode VERSION =
      FunctionCode.handler((Object in, Context context) -> context.functionVersion());

  /** A function "fn" with versions 1 and 2 (each with its own configuration) and alias "live". */
  private FunctionRuntime withTwoVersions(FunctionRuntime runtime) {
    FunctionRegistry registry = runtime.registry();
    registry.create(FunctionConfig.builder("fn").description("first").build(), VERSION);
    registry.publishVersion("fn", "");
    registry.updateConfig(FunctionConfig.builder("fn").description("second").build());
    registry.publishVersion("fn", "");
    registry.createAlias("fn", AliasConfig.of("live", "1").withDescription("production"));
    return runtime;
  }

  @Test
  void createAlias_describedWithArnAndListedByName() {
    FunctionRuntime runtime =
        withTwoVersions(fixture.runtime(b -> b.region("eu-west-1").accountId("123456789012")));
    FunctionRegistry registry = runtime.registry();

    AliasInfo beta = registry.createAlias("fn", AliasConfig.of("beta", "$LATEST"));

    assertThat(beta.aliasArn()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:fn:beta");
    assertThat(beta.functionVersion()).isEqualTo("$LATEST");
    assertThat(beta.lastModified()).isEqualTo(fixture.time().instant());
    assertThat(registry.getAlias("fn", "beta")).contains(beta);
    assertThat(registry.listAliases("fn"))
        .extracting(AliasInfo::name)
        .containsExactly("beta", "live");
    assertThat(registry.getAlias("fn", "gamma")).isEmpty();
    assertThat(registry.getAlias("nobody", "live")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fn:live",
        "arn:aws:lambda:us-east-1:000000000000:function:fn:live",
        "000000000000:function:fn:live"
      })
  void invoke_aliasInEveryForm_runsItsVersionWithTheQualifiedArn(String qualifier) {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());
    runtime
        .registry()
        .create(
            FunctionConfig.of("arn"),
            FunctionCode.handler((Object in, Context c) -> c.invokedFunctionArn()));
    runtime.registry().publishVersion("arn", "");
    runtime.registry().createAlias("arn", AliasConfig.of("live", "1"));

    InvocationResult result = runtime.invoke(qualifier, Payload.json("{}"));

    assertThat(result.executedVersion()).isEqualTo("1");
    assertThat(runtime.invoke(qualifier.replace("fn", "arn"), Payload.json("{}")).executedVersion())
        .isEqualTo("1");
    assertThat(
            ((Payload.Json)
                    ((InvocationResult.Success)
                            runtime.invoke(qualifier.replace("fn", "arn"), Payload.json("{}")))
                        .payload())
                .asString())
        .isEqualTo("\"arn:aws:lambda:us-east-1:000000000000:function:arn:live\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fn",
        "fn:$LATEST",
        "fn:2",
        "arn:aws:lambda:us-east-1:000000000000:function:fn",
        "arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST",
        "arn:aws:lambda:us-east-1:000000000000:function:fn:2",
        "000000000000:function:fn:2"
      })
  void invoke_everyQualifierForm_reportsTheExecutedVersion(String qualifier) {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());

    InvocationResult result = runtime.invoke(qualifier, Payload.json("{}"));

    String expected = qualifier.endsWith("2") ? "2" : "$LATEST";
    assertThat(result.executedVersion()).isEqualTo(expected);
    assertThat(fixture.logs().lines("fn"))
        .contains("START RequestId: " + result.requestId() + " Version: " + expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fn:", "fn:a.b", "fn:live:extra", "fn:" + "q", "fn:$latest", ":live"})
  void invoke_malformedQualifier_invalidParameterNamingIt(String qualifier) {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());

    if (qualifier.equals("fn:q")) { // well-formed, but no such alias: not found
      assertThatThrownBy(() -> runtime.invoke(qualifier, Payload.json("{}")))
          .isInstanceOf(ResourceNotFoundException.class);
      return;
    }
    assertThatThrownBy(() -> runtime.invoke(qualifier, Payload.json("{}")))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("failed to satisfy constraint"));
  }

  @Test
  void invoke_unknownVersionOrAlias_notFoundWithTheQualifiedArn() {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());

    assertThatThrownBy(() -> runtime.invoke("fn:9", Payload.json("{}")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn:9"));
    assertThatThrownBy(() -> runtime.invoke("fn:beta", Payload.json("{}")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> assertThat(e.getMessage()).endsWith("function:fn:beta"));
  }

  @Test
  void aliasToLatest_followsUpdatesOfLatest() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = runtime.registry();
    registry.create(FunctionConfig.of("edge"), FunctionCode.handler((Object in, Context c) -> "a"));
    registry.createAlias("edge", AliasConfig.of("dev", "$LATEST"));

    registry.updateCode("edge", FunctionCode.handler((Object in, Context c) -> "b"));

    InvocationResult result = runtime.invoke("edge:dev", Payload.json("{}"));
    assertThat(result.executedVersion()).isEqualTo("$LATEST");
    assertThat(((Payload.Json) ((InvocationResult.Success) result).payload()).asString())
        .isEqualTo("\"b\"");
  }

  @Test
  void get_alias_describesTheVersionItPointsTo() {
    FunctionRegistry registry = withTwoVersions(fixture.runtime()).registry();

    assertThat(registry.get("fn:live").orElseThrow().version()).isEqualTo("1");
    assertThat(registry.get("fn:live").orElseThrow().config().description()).isEqualTo("first");
    assertThat(registry.get("fn:nothing")).isEmpty();
  }

  @Test
  void updateAlias_replacesVersionAndRoutingAndRevision() {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());
    FunctionRegistry registry = runtime.registry();
    AliasInfo before = registry.getAlias("fn", "live").orElseThrow();

    AliasInfo after = registry.updateAlias("fn", AliasConfig.of("live", "2"));

    assertThat(after.functionVersion()).isEqualTo("2");
    assertThat(after.config().description()).isEmpty();
    assertThat(after.revisionId()).isNotEqualTo(before.revisionId());
    assertThat(runtime.invoke("fn:live", Payload.json("{}")).executedVersion()).isEqualTo("2");
  }

  @Test
  void aliasRules_refusedAndNothingChanged() {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());
    FunctionRegistry registry = runtime.registry();
    AliasInfo live = registry.getAlias("fn", "live").orElseThrow();

    assertThatThrownBy(() -> registry.createAlias("fn", AliasConfig.of("live", "2")))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Alias already exists:"
                            + " arn:aws:lambda:us-east-1:000000000000:function:fn:live"));
    assertThatThrownBy(() -> registry.createAlias("fn", AliasConfig.of("next", "3")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> registry.updateAlias("fn", AliasConfig.of("live", "1").withRouting("7", 0.5)))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> assertThat(e.getMessage()).endsWith("function:fn:7"));
    assertThatThrownBy(() -> registry.updateAlias("fn", AliasConfig.of("beta", "1")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> assertThat(e.getMessage()).startsWith("Alias not found: "));
    // "01" is not how version 1 is written: Lambda numbers have no leading zeros
    assertThatThrownBy(
            () -> registry.updateAlias("fn", AliasConfig.of("live", "1").withRouting("01", 0.5)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> runtime.invoke("fn:01", Payload.json("{}")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> registry.createAlias("nobody", AliasConfig.of("live", "1")))
        .isInstanceOf(ResourceNotFoundException.class);
    // Lambda: both versions of a routing alias must be published
    assertThatThrownBy(() -> AliasConfig.of("live", "$LATEST").withRouting("2", 0.5))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(() -> AliasConfig.of("live", "1").withRouting("1", 0.5))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(() -> AliasConfig.of("live", "1").withRouting("2", 1.5))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(() -> AliasConfig.of("123", "1"))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("(?!^[0-9]+$)"));
    assertThatThrownBy(() -> new AliasConfig("live", "1", "", Map.of("2", 0.1, "3", 0.1)))
        .isInstanceOf(InvalidParameterValueException.class);

    assertThat(registry.getAlias("fn", "live")).contains(live);
    assertThat(registry.listAliases("fn")).hasSize(1);
  }

  @Test
  void deleteAlias_invocationsThroughItNotFound() {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());

    runtime.registry().deleteAlias("fn", "live");

    assertThat(runtime.registry().listAliases("fn")).isEmpty();
    assertThatThrownBy(() -> runtime.invoke("fn:live", Payload.json("{}")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> runtime.registry().deleteAlias("fn", "live"))
        .isInstanceOf(ResourceNotFoundException.class);
    runtime.registry().deleteVersion("fn", "1"); // no alias routes to it any more
  }

  @Test
  void weightedAlias_drawsEachInvocationFromTheInjectedRandomSource() {
    // a source that answers 0.05, 0.5, 0.15, 0.95, ... : below 0.1 goes to the additional version
    double[] draws = {0.05, 0.5, 0.15, 0.95, 0.0999, 0.1};
    int[] next = {0};
    FunctionRuntime runtime =
        withTwoVersions(
            fixture.runtime(
                b ->
                    b.routingRandom(
                        new Random() {
                          private static final long serialVersionUID = 1L;

                          @Override
                          public double nextDouble() {
                            return draws[next[0]++];
                          }
                        })));
    runtime.registry().updateAlias("fn", AliasConfig.of("live", "1").withRouting("2", 0.1));

    StringBuilder versions = new StringBuilder();
    for (int i = 0; i < draws.length; i++) {
      versions.append(runtime.invoke("fn:live", Payload.json("{}")).executedVersion());
    }

    assertThat(versions).hasToString("211121");
  }

  /**
   * 100,000 invocations of an alias routing 0.1 to version 2: the count of version 2 is binomial(n
   * = 100,000, p = 0.1), mean 10,000, standard deviation 94.87; a 99.9 % interval is ±3.2905 sd,
   * ±312. The source is seeded, so the test is repeatable; any seed passes with probability 99.9 %.
   */
  @Test
  void weightedAlias_100kInvocationsAtWeight01_fallInsideThe999PercentInterval() {
    long seed = 20261127L;
    FunctionRuntime runtime =
        withTwoVersions(fixture.runtime(b -> b.routingRandom(new Random(seed))));
    runtime.registry().updateAlias("fn", AliasConfig.of("live", "1").withRouting("2", 0.1));
    fixture.logs().quiet("fn"); // 300,000 log lines are not what this test is about

    int second = 0;
    int total = 100_000;
    for (int i = 0; i < total; i++) {
      if (runtime.invoke("fn:live", Payload.json("{}")).executedVersion().equals("2")) {
        second++;
      }
    }

    double mean = total * 0.1;
    double halfWidth = 3.2905 * Math.sqrt(total * 0.1 * 0.9);
    assertThat((double) second)
        .as("invocations of version 2 (seed %d)", seed)
        .isBetween(mean - halfWidth, mean + halfWidth);
  }

  @Test
  void weightZeroAndOne_routeAllToOneVersion() {
    FunctionRuntime runtime = withTwoVersions(fixture.runtime());
    FunctionRegistry registry = runtime.registry();

    registry.updateAlias("fn", AliasConfig.of("live", "1").withRouting("2", 0.0));
    for (int i = 0; i < 200; i++) {
      assertThat(runtime.invoke("fn:live", Payload.json("{}")).executedVersion()).isEqualTo("1");
    }
    registry.updateAlias("fn", AliasConfig.of("live", "1").withRouting("2", 1.0));
    for (int i = 0; i < 200; i++) {
      assertThat(runtime.invoke("fn:live", Payload.json("{}")).executedVersion()).isEqualTo("2");
    }
  }
}
