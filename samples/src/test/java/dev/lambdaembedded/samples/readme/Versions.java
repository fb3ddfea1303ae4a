/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.Rollout;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.RolloutPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The README's versions, aliases and rollouts example; compiled, not run. */
final class Versions {
  private Versions() {}

  static String release(FunctionRuntime runtime, Payload payload) {
    // tag::versions[]
    FunctionRegistry registry = runtime.registry();
    registry.publishVersion("orders", "first release"); // version 1
    registry.updateCode("orders", FunctionCode.deployed(Path.of("orders-2.jar")));
    registry.publishVersion("orders", "discounts"); // version 2
    registry.createAlias("orders", AliasConfig.of("live", "1"));
    registry.updateAlias("orders", AliasConfig.of("live", "1").withRouting("2", 0.1)); // 90/10
    String ran = runtime.invoke("orders:live", payload).executedVersion(); // "1" or "2"
    registry.putProvisionedConcurrency("orders", "live", 4); // 4 warm environments
    Rollout rollout = // 10 %, 50 %, then 100 %, 5 minutes apart, unless more than 2 % fail
        registry.startRollout(
            "orders", "live", RolloutPlan.of("2", List.of(0.1, 0.5), Duration.ofMinutes(5), 0.02));
    rollout.completion().thenAccept(status -> System.out.println("rollout " + status.state()));
    // end::versions[]
    return ran;
  }
}
