/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.core.EventStores;
import dev.lambdaembedded.core.internal.AsyncSettings;
import dev.lambdaembedded.core.internal.IsolationSettings;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.testing.CapturingLogSink;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;

/** Environments of an in-process handler, started without a runtime, for the pool's own tests. */
final class TestEnvironments {
  private static final FunctionSpec SPEC = spec();

  private TestEnvironments() {}

  /** An init phase that is told nothing and prepares nothing. */
  private static final Environment.InitHooks NO_HOOKS =
      new Environment.InitHooks() {
        @Override
        public void created(Environment environment) {}

        @Override
        public void prepare(Handler handler, dev.lambdaembedded.core.json.JsonCodec codec) {}

        @Override
        public void exited(Environment environment, int status) {}
      };

  /**
   * Starts an environment of the pool, claimed by one invocation, and not added to the pool yet.
   *
   * @param pool its home
   * @return the environment, with one invocation in flight
   */
  static Environment start(EnvironmentPool pool) {
    try {
      return Environment.start(SPEC, pool, NO_HOOKS);
    } catch (InitFailure e) {
      throw new AssertionError("the echo handler has no init phase to fail", e);
    }
  }

  /**
   * Starts an environment and adds it to its pool.
   *
   * @param pool its home
   * @return the environment, with one invocation in flight
   */
  static Environment started(EnvironmentPool pool) {
    Environment environment = start(pool);
    if (!pool.add(environment)) {
      throw new AssertionError("the pool refused " + environment);
    }
    return environment;
  }

  private static FunctionSpec spec() {
    RuntimeSettings settings =
        new RuntimeSettings(
            1_000,
            0,
            TimeSource.system(),
            new CapturingLogSink(),
            "us-east-1",
            "000000000000",
            6 * 1024 * 1024,
            6 * 1024 * 1024,
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofSeconds(30),
            100,
            4096,
            false,
            false,
            false,
            UUID::randomUUID,
            new SplittableRandom(1),
            IsolationSettings.defaults(TestEnvironments.class.getClassLoader()),
            new AsyncSettings(
                EventStores.inMemory(),
                AsyncSettings.LAMBDA_RETRY_DELAYS,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                1_000,
                Duration.ofSeconds(10),
                outcome -> {}));
    RequestHandler<String, String> echo = (input, context) -> input;
    return new FunctionSpec(
        FunctionConfig.of("pool"), FunctionCode.handler(String.class, echo), "$LATEST", settings);
  }
}
