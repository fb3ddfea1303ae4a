/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.DestinationMessage;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.MessageQueue;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.test.FunctionRuntimeExtension;
import dev.lambdaembedded.test.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda's asynchronous rules on the durable store, driven by the test kit's manual clock: retries
 * after 1 and 2 minutes with one request id, the failure record after the last, every step
 * committed to the SQLite file and checked when the clock move returns.
 */
final class DurableAsyncTest {
  @TempDir Path dir;

  @RegisterExtension
  final FunctionRuntimeExtension lambda =
      FunctionRuntimeExtension.builder()
          .configure(b -> b.eventStore(SqliteEventStore.open(dir.resolve("events.db"))))
          .build();

  private final List<String> attempts = new CopyOnWriteArrayList<>();

  private FunctionRuntime withFailingFunction(int failures) {
    FunctionRuntime runtime = lambda.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("orders"),
            FunctionCode.handler(
                (Map<String, Object> event, Context context) -> {
                  attempts.add(context.awsRequestId());
                  if (attempts.size() <= failures) {
                    throw new IllegalStateException("attempt " + attempts.size() + " failed");
                  }
                  return "ok";
                }));
    return runtime;
  }

  @Test
  void failsTwiceThenSucceeds_retriedAfterOneThenTwoMinutes_onTheDurableStore() {
    FunctionRuntime runtime = withFailingFunction(2);
    ManualClock clock = lambda.clock();

    UUID requestId = runtime.invokeAsync("orders", Payload.json("{\"order\":1}"));
    clock.advance(Duration.ZERO);
    assertThat(attempts).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(attempts).hasSize(2);
    clock.advance(Duration.ofMinutes(2));

    assertThat(attempts).containsOnly(requestId.toString()).hasSize(3);
    assertThat(runtime.inspect().metrics("orders").orElseThrow().asyncEventsDropped()).isZero();
  }

  @Test
  void retriesExhausted_failureRecordDelivered_storeEmpty() {
    FunctionRuntime runtime = withFailingFunction(3);
    MessageQueue failures = runtime.destinations().queue("failures");
    runtime
        .registry()
        .putEventInvokeConfig(
            "orders", "$LATEST", EventInvokeConfig.defaults().withOnFailure(failures.arn()));
    ManualClock clock = lambda.clock();

    UUID requestId = runtime.invokeAsync("orders", Payload.json("{\"order\":2}"));
    clock.advance(Duration.ZERO).advance(Duration.ofMinutes(1)).advance(Duration.ofMinutes(2));

    assertThat(attempts).hasSize(3);
    DestinationMessage record = failures.poll().orElseThrow();
    assertThat(record.body())
        .contains("\"requestId\":\"" + requestId + "\"")
        .contains("\"condition\":\"RetriesExhausted\"")
        .contains("\"approximateInvokeCount\":3");
    try (SqliteEventStore reader =
        SqliteEventStore.open(
            dir.resolve("events.db"),
            SqliteEventStore.Options.ofDefaults().withGroupCommit(false))) {
      assertThat(reader.size()).as("events left in the file").isZero();
    }
  }
}
