/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.versions;

import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hot redeploys that drop nothing: switching an alias while callers invoke it at full speed fails
 * and loses no invocation; one that has started finishes on its version; a version no alias routes
 * to any longer is drained, its environments retired (and deployed code's loaders unloaded) once
 * their invocations return, unless a caller names it directly.
 */
final class SafeRedeployTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final CountDownLatch NEVER = new CountDownLatch(1);

  /** Registers "fn" with versions 1 and 2, each answering its version, and alias "live" → 1. */
  private static void twoVersions(FunctionRegistry registry, CountDownLatch gate) {
    registry.create(
        FunctionConfig.of("fn"),
        FunctionCode.handler(
            (String in, Context context) -> {
              if (in.equals("block")) {
                try {
                  gate.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return context.functionVersion();
            }));
    registry.publishVersion("fn", "");
    registry.updateConfig(FunctionConfig.builder("fn").memorySize(256).build());
    registry.publishVersion("fn", "");
    registry.createAlias("fn", AliasConfig.of("live", "1"));
  }

  @Test
  void aliasSwitchedUnderConcurrentLoad_noInvocationFailsOrIsLost() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = runtime.registry();
    twoVersions(registry, NEVER);
    fixture.logs().quiet("fn");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong started = new AtomicLong();
    LongAdder succeeded = new LongAdder();
    Map<String, LongAdder> versions = new ConcurrentHashMap<>();
    List<Throwable> failures = new ArrayList<>();
    int callers = 8;
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      loops.add(
          fixture.async(
              () -> {
                while (!stop.get()) {
                  started.incrementAndGet();
                  try {
                    InvocationResult result = runtime.invoke("fn:live", Payload.json("\"go\""));
                    if (result instanceof InvocationResult.Success) {
                      succeeded.increment();
                      versions
                          .computeIfAbsent(result.executedVersion(), v -> new LongAdder())
                          .increment();
                    } else {
                      synchronized (failures) {
                        failures.add(new AssertionError("failed: " + result));
                      }
                    }
                  } catch (RuntimeException e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                }
                return null;
              }));
    }

    List<AliasConfig> routings =
        List.of(
            AliasConfig.of("live", "2"),
            AliasConfig.of("live", "1").withRouting("2", 0.5),
            AliasConfig.of("live", "2").withRouting("1", 0.1),
            AliasConfig.of("live", "1"));
    for (int round = 0; round < 100; round++) {
      long before = started.get();
      registry.updateAlias("fn", routings.get(round % routings.size()));
      Await.until(() -> started.get() > before + 2L * callers); // callers ran under this routing
    }
    stop.set(true);
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(failures).isEmpty();
    assertThat(succeeded.sum()).as("every invocation started succeeded").isEqualTo(started.get());
    assertThat(versions.keySet()).containsOnly("1", "2");
    assertThat(runtime.inspect().concurrentExecutions()).isZero();
  }

  @Test
  void invocationInFlightDuringASwitch_finishesOnTheVersionItStartedOn() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    CountDownLatch gate = new CountDownLatch(1);
    twoVersions(runtime.registry(), gate);
    CompletableFuture<InvocationResult> blocked =
        fixture.invokeAsync(runtime, "fn:live", Payload.json("\"block\""));
    Await.until(() -> runtime.inspect().concurrentExecutions() == 1);

    runtime.registry().updateAlias("fn", AliasConfig.of("live", "2"));
    InvocationResult after = runtime.invoke("fn:live", Payload.json("\"go\""));
    gate.countDown();

    assertThat(after.executedVersion()).isEqualTo("2");
    InvocationResult before = blocked.get(10, TimeUnit.SECONDS);
    assertThat(before).isInstanceOf(InvocationResult.Success.class);
    assertThat(before.executedVersion()).isEqualTo("1");
    assertThat(json(before)).isEqualTo("\"1\"");
  }

  @Test
  void versionNoAliasRoutesTo_isDrainedOnceItsInvocationsReturn() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    CountDownLatch gate = new CountDownLatch(1);
    twoVersions(runtime.registry(), gate);
    CompletableFuture<InvocationResult> busy =
        fixture.invokeAsync(runtime, "fn:live", Payload.json("\"block\"")); // a busy environment
    Await.until(() -> runtime.inspect().concurrentExecutions() == 1);
    runtime.invoke("fn:live", Payload.json("\"go\"")); // and a warm, idle one of version 1
    assertThat(environments(runtime)).isEqualTo(2);

    runtime.registry().updateAlias("fn", AliasConfig.of("live", "2"));

    assertThat(environments(runtime)).as("the idle one retired at once").isEqualTo(1);
    gate.countDown();
    assertThat(busy.get(10, TimeUnit.SECONDS).executedVersion()).isEqualTo("1");
    assertThat(environments(runtime)).as("the busy one retired when it returned").isZero();
    runtime.invoke("fn:live", Payload.json("\"go\""));
    assertThat(environments(runtime)).as("version 2 is warm").isEqualTo(1);
  }

  @Test
  void drainedVersion_namedDirectly_staysWarmAgain() {
    FunctionRuntime runtime = fixture.runtime();
    twoVersions(runtime.registry(), NEVER);
    runtime.invoke("fn:live", Payload.json("\"go\""));
    runtime.registry().updateAlias("fn", AliasConfig.of("live", "2"));
    assertThat(environments(runtime)).isZero();

    runtime.invoke("fn:1", Payload.json("\"go\""));
    runtime.invoke("fn:1", Payload.json("\"go\""));

    assertThat(environments(runtime)).isEqualTo(1);
    assertThat(runtime.inspect().metrics("fn").orElseThrow().coldStarts())
        .as("version 1 twice, the second warm")
        .isEqualTo(2);
  }

  @Test
  void drainedVersionOfDeployedCode_itsLoaderIsUnloaded() {
    FunctionRuntime runtime = fixture.runtime(b -> b.unloadVerification(true, Duration.ofHours(1)));
    FunctionRegistry registry = runtime.registry();
    registry.create(
        FunctionConfig.builder("jar").handler("fn.Echo::handle").build(),
        FunctionCode.deployed(echoJar("one")));
    registry.publishVersion("jar", "");
    registry.updateCode("jar", FunctionCode.deployed(echoJar("two")));
    registry.publishVersion("jar", "");
    registry.createAlias("jar", AliasConfig.of("live", "1"));
    assertThat(json(runtime.invoke("jar:live", Payload.json("\"x\"")))).isEqualTo("\"one x\"");

    registry.updateAlias("jar", AliasConfig.of("live", "2"));

    assertThat(runtime.inspect().pendingUnloads()).isEqualTo(1);
    assertThat(runtime.inspect().checkUnloaded()).isEmpty(); // collected: no leak report
    assertThat(json(runtime.invoke("jar:live", Payload.json("\"x\"")))).isEqualTo("\"two x\"");
    assertThat(json(runtime.invoke("jar:1", Payload.json("\"x\"")))).isEqualTo("\"one x\"");
  }

  private static byte[] echoJar(String word) {
    return TestJars.builder()
        .source(
            "fn.Echo",
            """
            package fn;
            public class Echo {
              public String handle(String in) { return "%s " + in; }
            }
            """
                .formatted(word))
        .toBytes();
  }

  private static int environments(FunctionRuntime runtime) {
    return runtime.inspect().metrics("fn").orElseThrow().environments();
  }
}
