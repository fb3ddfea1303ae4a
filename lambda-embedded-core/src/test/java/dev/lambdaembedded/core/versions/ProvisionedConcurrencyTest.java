/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.ProvisionedConcurrencyInfo;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.InitContext;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provisioned concurrency as Lambda's PutProvisionedConcurrencyConfig defines it: on a published
 * version or an alias of one, N environments initialised before traffic arrives (with
 * AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency), kept warm, their invocations counted
 * apart, invocations beyond them spilling over to on-demand environments; bounded by the function's
 * reserved concurrency.
 */
final class ProvisionedConcurrencyTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  /** Records every init phase as version:initialisation type, and every shutdown. */
  private final List<String> inits = new CopyOnWriteArrayList<>();

  private final BlockingQueue<String> shutdowns = new LinkedBlockingQueue<>();
  private final CountDownLatch gate = new CountDownLatch(1);

  private final class Recorded implements RequestHandler<String, String>, Lifecycle {
    private String type = "?";
    private String version = "?";

    @Override
    public void init(InitContext context) {
      version = context.functionVersion();
      type = String.valueOf(context.environment().get("AWS_LAMBDA_INITIALIZATION_TYPE"));
      inits.add(version + ":" + type);
    }

    @Override
    public String handleRequest(String input, Context context) {
      if (input.equals("block")) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return type;
    }

    @Override
    public void shutdown(ShutdownReason reason) {
      shutdowns.add(version + ":" + reason);
    }
  }

  /** "fn" with versions 1 and 2 of the recorded handler, and alias "live" → 1. */
  private FunctionRegistry twoVersions(FunctionRuntime runtime) {
    FunctionRegistry registry = runtime.registry();
    registry.create(FunctionConfig.of("fn"), FunctionCode.handlerFactory(Recorded::new));
    registry.publishVersion("fn", "");
    registry.updateConfig(FunctionConfig.builder("fn").memorySize(256).build());
    registry.publishVersion("fn", "");
    registry.createAlias("fn", AliasConfig.of("live", "1"));
    return registry;
  }

  private static FunctionMetrics metrics(FunctionRuntime runtime) {
    return runtime.inspect().metrics("fn").orElseThrow();
  }

  @Test
  void put_initialisesEnvironmentsBeforeTraffic_firstInvocationIsWarm() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = twoVersions(runtime);

    ProvisionedConcurrencyInfo info = registry.putProvisionedConcurrency("fn", "1", 2);

    assertThat(info.status()).isEqualTo(ProvisionedConcurrencyInfo.Status.READY);
    assertThat(info.requested()).isEqualTo(2);
    assertThat(info.allocated()).isEqualTo(2);
    assertThat(info.available()).isEqualTo(2);
    assertThat(info.functionArn()).endsWith(":function:fn:1");
    assertThat(inits).containsExactly("1:provisioned-concurrency", "1:provisioned-concurrency");
    assertThat(registry.getProvisionedConcurrency("fn", "1")).contains(info);

    InvocationResult result = runtime.invoke("fn:1", Payload.json("\"go\""));

    assertThat(result.report().initDurationNanos()).as("no Init Duration: warm").isEqualTo(-1);
    assertThat(fixture.logs().linesOf(result.requestId().toString()))
        .noneMatch(line -> line.contains("Init Duration"));
    assertThat(metrics(runtime).coldStarts()).isZero();
    assertThat(metrics(runtime).provisionedInvocations()).isEqualTo(1);
    assertThat(metrics(runtime).spilloverInvocations()).isZero();
    assertThat(runtime.invoke("fn:live", Payload.json("\"go\"")).report().initDurationNanos())
        .as("through the alias too")
        .isEqualTo(-1);
    assertThat(inits).hasSize(2);
  }

  @Test
  void invocationsBeyondProvisioned_spillOverToOnDemandEnvironments() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    twoVersions(runtime).putProvisionedConcurrency("fn", "1", 1);
    CompletableFuture<InvocationResult> busy =
        fixture.invokeAsync(runtime, "fn:1", Payload.json("\"block\""));
    Await.until(() -> runtime.inspect().concurrentExecutions() == 1);

    InvocationResult spilled = runtime.invoke("fn:1", Payload.json("\"go\""));
    gate.countDown();

    assertThat(((Payload.Json) ((InvocationResult.Success) spilled).payload()).asString())
        .isEqualTo("\"on-demand\"");
    assertThat(
            ((Payload.Json) ((InvocationResult.Success) busy.get(10, TimeUnit.SECONDS)).payload())
                .asString())
        .isEqualTo("\"provisioned-concurrency\"");
    assertThat(metrics(runtime).spilloverInvocations()).isEqualTo(1);
    assertThat(metrics(runtime).provisionedInvocations()).isEqualTo(1);
    assertThat(metrics(runtime).coldStarts()).isEqualTo(1);
  }

  @Test
  void provisionedEnvironments_outliveTheIdleTimeout() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.environmentIdleTimeout(Duration.ofMinutes(5)));
    twoVersions(runtime).putProvisionedConcurrency("fn", "1", 2);
    runtime.invoke("fn:2", Payload.json("\"go\"")); // an on-demand environment of version 2
    assertThat(metrics(runtime).environments()).isEqualTo(3);

    fixture.time().advance(Duration.ofHours(1));

    assertThat(shutdowns.poll(10, TimeUnit.SECONDS)).isEqualTo("2:SPINDOWN");
    assertThat(metrics(runtime).environments()).isEqualTo(2);
    assertThat(runtime.invoke("fn:1", Payload.json("\"go\"")).report().initDurationNanos())
        .isEqualTo(-1);
  }

  @Test
  void aliasWithRouting_splitsItsEnvironmentsByWeight() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = twoVersions(runtime);
    registry.updateAlias("fn", AliasConfig.of("live", "1").withRouting("2", 0.25));

    ProvisionedConcurrencyInfo info = registry.putProvisionedConcurrency("fn", "live", 4);

    assertThat(info.allocated()).isEqualTo(4);
    assertThat(inits)
        .containsExactlyInAnyOrder(
            "1:provisioned-concurrency",
            "1:provisioned-concurrency",
            "1:provisioned-concurrency",
            "2:provisioned-concurrency");
  }

  @Test
  void aliasSwitch_provisionsTheNewVersionBeforeTrafficAndRetiresTheOld() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = twoVersions(runtime);
    registry.putProvisionedConcurrency("fn", "live", 2);
    inits.clear();

    registry.updateAlias("fn", AliasConfig.of("live", "2"));

    assertThat(inits).containsExactly("2:provisioned-concurrency", "2:provisioned-concurrency");
    assertThat(List.of(shutdowns.poll(10, TimeUnit.SECONDS), shutdowns.poll(10, TimeUnit.SECONDS)))
        .containsExactly("1:SPINDOWN", "1:SPINDOWN");
    InvocationResult first = runtime.invoke("fn:live", Payload.json("\"go\""));
    assertThat(first.executedVersion()).isEqualTo("2");
    assertThat(first.report().initDurationNanos()).isEqualTo(-1);
    assertThat(metrics(runtime).coldStarts()).isZero();
    assertThat(registry.getProvisionedConcurrency("fn", "live").orElseThrow().allocated())
        .isEqualTo(2);
  }

  @Test
  void failingInit_statusFailedWithTheReason() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = runtime.registry();
    registry.create(
        FunctionConfig.of("broken"),
        FunctionCode.handlerFactory(
            () -> {
              throw new IllegalStateException("no database");
            }));
    registry.publishVersion("broken", "");

    ProvisionedConcurrencyInfo info = registry.putProvisionedConcurrency("broken", "1", 2);

    assertThat(info.status()).isEqualTo(ProvisionedConcurrencyInfo.Status.FAILED);
    assertThat(info.statusReason())
        .hasValueSatisfying(reason -> assertThat(reason).contains("no database"));
    assertThat(info.allocated()).isZero();
    assertThat(fixture.logs().lines("broken"))
        .anyMatch(line -> line.startsWith("Provisioned concurrency init failed: "));
  }

  @Test
  void delete_retiresTheEnvironments() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = twoVersions(runtime);
    registry.putProvisionedConcurrency("fn", "1", 1);

    registry.deleteProvisionedConcurrency("fn", "1");

    assertThat(shutdowns.poll(10, TimeUnit.SECONDS)).isEqualTo("1:SPINDOWN");
    assertThat(registry.getProvisionedConcurrency("fn", "1")).isEmpty();
    assertThat(metrics(runtime).environments()).isZero();
    assertThatThrownBy(() -> registry.deleteProvisionedConcurrency("fn", "1"))
        .isInstanceOf(ResourceNotFoundException.class);
    registry.deleteVersion("fn", "2");
  }

  @Test
  void lambdasRules_refusedAndNothingProvisioned() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = twoVersions(runtime);
    registry.createAlias("fn", AliasConfig.of("dev", "$LATEST"));

    assertThatThrownBy(() -> registry.putProvisionedConcurrency("fn", "$LATEST", 1))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(
                        "Provisioned Concurrency Configs cannot be applied to unpublished"
                            + " function versions"));
    assertThatThrownBy(() -> registry.putProvisionedConcurrency("fn", "dev", 1))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(() -> registry.putProvisionedConcurrency("fn", "7", 1))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> registry.putProvisionedConcurrency("fn", "1", 0))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.field()).isEqualTo("provisionedConcurrentExecutions"));

    registry.updateConfig(FunctionConfig.builder("fn").reservedConcurrency(3).build());
    assertThatThrownBy(() -> registry.putProvisionedConcurrency("fn", "1", 4))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(
                        "Requested Provisioned Concurrency should not be greater than the"
                            + " reservedConcurrentExecution for function"));
    registry.putProvisionedConcurrency("fn", "1", 2);
    assertThatThrownBy(() -> registry.putProvisionedConcurrency("fn", "2", 2))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThatThrownBy(
            () ->
                registry.updateConfig(FunctionConfig.builder("fn").reservedConcurrency(1).build()))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.field()).isEqualTo("reservedConcurrency"));
    // one version takes provisioned concurrency from one configuration only
    assertThatThrownBy(() -> registry.putProvisionedConcurrency("fn", "live", 1))
        .isInstanceOf(ResourceConflictException.class);
    assertThatThrownBy(() -> registry.deleteVersion("fn", "1"))
        .isInstanceOf(ResourceConflictException.class);
    registry.deleteAlias("fn", "live");
    assertThatThrownBy(() -> registry.deleteVersion("fn", "1"))
        .isInstanceOf(ResourceConflictException.class);

    assertThat(registry.getProvisionedConcurrency("fn", "live")).isEmpty();
    assertThat(registry.getProvisionedConcurrency("fn", "2")).isEqualTo(Optional.empty());
    assertThat(inits).containsExactly("1:provisioned-concurrency", "1:provisioned-concurrency");
  }
}
