/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.async;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.AsyncOutcome;
import dev.lambdaembedded.api.DestinationMessage;
import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidRequestContentException;
import dev.lambdaembedded.api.MessageQueue;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.RequestTooLargeException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.core.EventStores;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lambda's asynchronous invocation (Developer Guide, invocation-async and invocation-async-retain
 * -records): 202 at once, the same request id on every attempt, function errors retried after about
 * 1 then 2 minutes, throttles requeued with backoff from 1 second without using attempts, events
 * older than the maximum age failed with EventAgeExceeded, reserved concurrency 0 straight to
 * failure handling, and records of Lambda's exact shape to destinations; the dead-letter target
 * gets the original event with RequestID, ErrorCode and ErrorMessage. All timing through the manual
 * clock.
 */
final class AsyncInvocationTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private final BlockingQueue<AsyncOutcome> outcomes = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> attempts = new LinkedBlockingQueue<>();

  private FunctionRuntime runtime() {
    return fixture.runtime(b -> b.asyncOutcomes(outcomes::add));
  }

  private AsyncOutcome nextOutcome() throws InterruptedException {
    AsyncOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
    assertThat(outcome).as("an outcome within 10 s").isNotNull();
    return outcome;
  }

  private String nextAttempt() throws InterruptedException {
    String attempt = attempts.poll(10, TimeUnit.SECONDS);
    assertThat(attempt).as("an attempt within 10 s").isNotNull();
    return attempt;
  }

  /** A function that records each attempt's request id and fails the first {@code failures}. */
  private void flaky(FunctionRuntime runtime, String name, int failures) {
    AtomicInteger calls = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of(name),
            FunctionCode.handler(
                (Map<String, Object> event, Context context) -> {
                  attempts.add(context.awsRequestId());
                  if (calls.incrementAndGet() <= failures) {
                    throw new IllegalStateException("attempt " + calls.get() + " failed");
                  }
                  return Map.of("processed", event.get("order"));
                }));
  }

  @Test
  void success_recordGoesToTheOnSuccessQueue_byteForByte() throws Exception {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 0);
    MessageQueue successes = runtime.destinations().queue("successes");
    runtime
        .registry()
        .putEventInvokeConfig(
            "orders", "$LATEST", EventInvokeConfig.defaults().withOnSuccess(successes.arn()));

    UUID requestId = runtime.invokeAsync("orders", Payload.json("{\"order\":\"o-1\"}"));

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.requestId()).isEqualTo(requestId);
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.SUCCEEDED);
    assertThat(outcome.attempts()).isEqualTo(1);
    DestinationMessage message = successes.poll().orElseThrow();
    assertThat(message.body())
        .isEqualTo(
            "{\"version\":\"1.0\",\"timestamp\":\"2026-11-27T10:00:00.000Z\","
                + "\"requestContext\":{\"requestId\":\""
                + requestId
                + "\",\"functionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:orders:$LATEST\","
                + "\"condition\":\"Success\",\"approximateInvokeCount\":1},"
                + "\"requestPayload\":{\"order\":\"o-1\"},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\"},"
                + "\"responsePayload\":{\"processed\":\"o-1\"}}");
    FunctionMetrics metrics = runtime.inspect().metrics("orders").orElseThrow();
    assertThat(metrics.asyncEventsReceived()).isEqualTo(1);
    assertThat(metrics.asyncEventsDropped()).isZero();
  }

  /**
   * A stream handler may answer bytes that are not JSON; the record, a JSON document, carries them
   * as a JSON string instead of splicing them in.
   */
  @Test
  void success_streamResponseNotJson_recordCarriesItAsAJsonString() throws Exception {
    FunctionRuntime runtime = runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("echo"),
            FunctionCode.streamHandler(
                (in, out, context) -> out.write("plain \"text\"\n".getBytes(UTF_8))));
    MessageQueue successes = runtime.destinations().queue("successes");
    runtime
        .registry()
        .putEventInvokeConfig(
            "echo", "$LATEST", EventInvokeConfig.defaults().withOnSuccess(successes.arn()));

    runtime.invokeAsync("echo", Payload.json("{}"));

    assertThat(nextOutcome().kind()).isEqualTo(AsyncOutcome.Kind.SUCCEEDED);
    assertThat(successes.poll().orElseThrow().body())
        .endsWith(",\"responsePayload\":\"plain \\\"text\\\"\\n\"}");
  }

  @Test
  void failsTwiceThenSucceeds_retriedAfterOneThenTwoMinutes_sameRequestId() throws Exception {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 2);

    UUID requestId = runtime.invokeAsync("orders", Payload.json("{\"order\":\"o-2\"}"));

    assertThat(nextAttempt()).isEqualTo(requestId.toString());
    fixture.time().advance(Duration.ofSeconds(59));
    assertThat(attempts.poll(200, TimeUnit.MILLISECONDS)).as("not before a minute").isNull();
    fixture.time().advance(Duration.ofSeconds(1)); // Lambda: about 1 minute before the 2nd
    assertThat(nextAttempt()).isEqualTo(requestId.toString());
    fixture.time().advance(Duration.ofMinutes(1));
    assertThat(attempts.poll(200, TimeUnit.MILLISECONDS)).as("not before two minutes").isNull();
    fixture.time().advance(Duration.ofMinutes(1)); // about 2 minutes before the 3rd
    assertThat(nextAttempt()).isEqualTo(requestId.toString());

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.SUCCEEDED);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(runtime.inspect().metrics("orders").orElseThrow().errors()).isEqualTo(2);
  }

  @Test
  void retriesExhausted_onFailureRecordWithTheLastError() throws Exception {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 10);
    MessageQueue failures = runtime.destinations().queue("failures");
    runtime
        .registry()
        .putEventInvokeConfig(
            "orders",
            "$LATEST",
            EventInvokeConfig.defaults().withMaximumRetryAttempts(1).withOnFailure(failures.arn()));

    UUID requestId = runtime.invokeAsync("orders", Payload.json("{\"order\":\"o-3\"}"));
    nextAttempt();
    fixture.time().advance(Duration.ofMinutes(1));
    nextAttempt();

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.FAILURE_DELIVERED);
    assertThat(outcome.condition()).isEqualTo("RetriesExhausted");
    String body = failures.poll().orElseThrow().body();
    assertThat(body)
        .startsWith(
            "{\"version\":\"1.0\",\"timestamp\":\"2026-11-27T10:01:00.000Z\","
                + "\"requestContext\":{\"requestId\":\""
                + requestId
                + "\",\"functionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:orders:$LATEST\","
                + "\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":2},"
                + "\"requestPayload\":{\"order\":\"o-3\"},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\","
                + "\"functionError\":\"Unhandled\"},"
                + "\"responsePayload\":{\"errorMessage\":\"attempt 2 failed\","
                + "\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[");
    assertThat(runtime.inspect().metrics("orders").orElseThrow().asyncEventsDropped())
        .as("Lambda counts it dropped even when its record is delivered")
        .isEqualTo(1);
  }

  @Test
  void zeroReservedConcurrency_straightToTheDeadLetterQueueWithItsAttributes() throws Exception {
    FunctionRuntime runtime = runtime();
    MessageQueue dlq = runtime.destinations().queue("dlq");
    runtime
        .registry()
        .create(
            FunctionConfig.builder("stopped")
                .reservedConcurrency(0)
                .deadLetterTarget(dlq.arn())
                .build(),
            FunctionCode.handler((Object in, Context c) -> "never"));

    UUID requestId = runtime.invokeAsync("stopped", Payload.json("{\"id\":7}"));

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.FAILURE_DELIVERED);
    assertThat(outcome.condition()).isEqualTo("ZeroReservedConcurrency");
    assertThat(outcome.attempts()).isZero();
    DestinationMessage dead = dlq.poll().orElseThrow();
    assertThat(dead.body()).isEqualTo("{\"id\":7}");
    assertThat(dead.attributes())
        .containsEntry("RequestID", requestId.toString())
        .containsEntry("ErrorCode", "429")
        .containsEntry("ErrorMessage", "The function's reserved concurrency is 0");
  }

  @Test
  void throttled_requeuedWithGrowingBackoff_thenEventAgeExceededWithoutResponseContext()
      throws Exception {
    FunctionRuntime runtime = runtime();
    CountDownLatch release = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("busy") // the holder must outlive the test's 63 s
                .reservedConcurrency(1)
                .timeout(Duration.ofMinutes(15))
                .build(),
            FunctionCode.handler(
                (String in, Context c) -> {
                  attempts.add(in);
                  if (in.equals("hold")) {
                    release.await();
                  }
                  return in;
                }));
    MessageQueue failures = runtime.destinations().queue("aged");
    runtime
        .registry()
        .putEventInvokeConfig(
            "busy",
            "$LATEST",
            EventInvokeConfig.defaults()
                .withMaximumEventAge(Duration.ofSeconds(60))
                .withOnFailure(failures.arn()));
    var holder = fixture.invokeAsync(runtime, "busy", Payload.json("\"hold\""));
    assertThat(nextAttempt()).isEqualTo("hold");

    UUID requestId = runtime.invokeAsync("busy", Payload.json("\"later\""));
    // throttled: back after 1 s, 2 s, 4 s, 8 s, 16 s (Lambda: from 1 s, growing to 5 min) —
    // each time throttled again, never reaching the function; one step short, nothing happens
    Await.until(() -> throttles(runtime) == 1);
    for (int seconds : new int[] {1, 2, 4, 8, 16}) {
      long before = throttles(runtime);
      fixture.time().advance(Duration.ofSeconds(seconds).minusMillis(1));
      assertThat(outcomes.poll(50, TimeUnit.MILLISECONDS)).isNull();
      assertThat(throttles(runtime)).as("not yet due after %d s - 1 ms", seconds).isEqualTo(before);
      fixture.time().advance(Duration.ofMillis(1));
      Await.until(() -> throttles(runtime) == before + 1);
    }
    fixture.time().advance(Duration.ofSeconds(32)); // 63 s old when next taken: too old
    AsyncOutcome outcome = nextOutcome();
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);

    assertThat(outcome.requestId()).isEqualTo(requestId);
    assertThat(outcome.condition()).isEqualTo("EventAgeExceeded");
    assertThat(outcome.attempts()).isZero();
    assertThat(attempts).isEmpty();
    assertThat(throttles(runtime)).isEqualTo(6);
    assertThat(failures.poll().orElseThrow().body())
        .isEqualTo(
            "{\"version\":\"1.0\",\"timestamp\":\"2026-11-27T10:01:03.000Z\","
                + "\"requestContext\":{\"requestId\":\""
                + requestId
                + "\",\"functionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:busy:$LATEST\","
                + "\"condition\":\"EventAgeExceeded\",\"approximateInvokeCount\":0},"
                + "\"requestPayload\":\"later\"}");
  }

  private static long throttles(FunctionRuntime runtime) {
    return runtime.inspect().metrics("busy").orElseThrow().throttles();
  }

  @Test
  void noDestination_droppedCountedAndKeptWithItsReason() throws Exception {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 10);
    runtime
        .registry()
        .putEventInvokeConfig(
            "orders", "$LATEST", EventInvokeConfig.defaults().withMaximumRetryAttempts(0));

    runtime.invokeAsync("orders", Payload.json("{}"));

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.DROPPED);
    assertThat(outcome.detail())
        .isEqualTo(
            "RetriesExhausted; no on-failure destination or dead-letter target is configured");
    assertThat(runtime.inspect().metrics("orders").orElseThrow().asyncEventsDropped()).isEqualTo(1);
  }

  @Test
  void failingSubscriber_deliveryRetriedThenCountedNeverSilent() throws Exception {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 0);
    AtomicInteger tries = new AtomicInteger();
    String topic =
        runtime
            .destinations()
            .subscribe(
                "audit",
                message -> {
                  tries.incrementAndGet();
                  throw new IllegalStateException("audit store down");
                });
    runtime
        .registry()
        .putEventInvokeConfig(
            "orders", "$LATEST", EventInvokeConfig.defaults().withOnSuccess(topic));

    runtime.invokeAsync("orders", Payload.json("{\"order\":\"o-5\"}"));

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.SUCCEEDED);
    assertThat(outcome.detail()).contains("could not be delivered").contains("audit store down");
    assertThat(tries).hasValue(3);
    assertThat(runtime.inspect().metrics("orders").orElseThrow().destinationDeliveryFailures())
        .isEqualTo(1);
  }

  @Test
  void functionDestination_getsTheRecordAsItsEvent() throws Exception {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 0);
    BlockingQueue<Map<String, Object>> records = new LinkedBlockingQueue<>();
    runtime
        .registry()
        .create(
            FunctionConfig.of("auditor"),
            FunctionCode.handler(
                (Map<String, Object> record, Context c) -> {
                  records.add(record);
                  return "ok";
                }));
    runtime
        .registry()
        .putEventInvokeConfig(
            "orders",
            "$LATEST",
            EventInvokeConfig.defaults()
                .withOnSuccess("arn:aws:lambda:us-east-1:000000000000:function:auditor"));

    UUID requestId = runtime.invokeAsync("orders", Payload.json("{\"order\":\"o-9\"}"));

    Map<String, Object> record = records.poll(10, TimeUnit.SECONDS);
    assertThat(record).isNotNull();
    assertThat(record).containsEntry("version", "1.0");
    assertThat(String.valueOf(record.get("requestContext"))).contains(requestId.toString());
    assertThat(record.get("responsePayload")).isEqualTo(Map.of("processed", "o-9"));
  }

  @Test
  void refusals_tooLargeMalformedUnknown_nothingQueued() {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 0);

    assertThatThrownBy(
            () ->
                runtime.invokeAsync("orders", Payload.json("\"" + "x".repeat(1024 * 1024) + "\"")))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("1048576");
    assertThatThrownBy(() -> runtime.invokeAsync("orders", Payload.json("{not json")))
        .isInstanceOf(InvalidRequestContentException.class);
    assertThatThrownBy(() -> runtime.invokeAsync("nobody", Payload.json("{}")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(runtime.inspect().metrics("orders").orElseThrow().asyncEventsReceived()).isZero();
  }

  @Test
  void eventInvokeConfig_rulesAndScope() {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 0);

    assertThatThrownBy(() -> EventInvokeConfig.defaults().withMaximumRetryAttempts(3))
        .hasMessageContaining("less than or equal to 2");
    assertThatThrownBy(
            () -> EventInvokeConfig.defaults().withMaximumEventAge(Duration.ofSeconds(59)))
        .hasMessageContaining("21600");
    assertThatThrownBy(() -> EventInvokeConfig.defaults().withOnSuccess("arn:aws:s3:::bucket"))
        .hasMessageContaining("destinationConfig.onSuccess");
    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .putEventInvokeConfig("orders", "live", EventInvokeConfig.defaults()))
        .isInstanceOf(ResourceNotFoundException.class);
    runtime.registry().putEventInvokeConfig("orders", "$LATEST", EventInvokeConfig.defaults());
    assertThat(runtime.registry().getEventInvokeConfig("orders", "$LATEST"))
        .contains(EventInvokeConfig.defaults());
    runtime.registry().deleteEventInvokeConfig("orders", "$LATEST");
    assertThat(runtime.registry().getEventInvokeConfig("orders", "$LATEST")).isEmpty();
    assertThatThrownBy(() -> runtime.registry().deleteEventInvokeConfig("orders", "$LATEST"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  /**
   * Lambda runs queued events side by side up to the function's concurrency: an event blocked in
   * its handler does not hold back the ones claimed with it (the dispatcher's runners grow with the
   * events running at once).
   */
  @Test
  void blockedEvents_doNotHoldBackTheOthers_allRunAtOnce() throws Exception {
    FunctionRuntime runtime = runtime();
    int events = 40;
    CountDownLatch allStarted = new CountDownLatch(events);
    CountDownLatch release = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.of("blocking"),
            FunctionCode.handler(
                (Map<String, Object> event, Context context) -> {
                  allStarted.countDown();
                  release.await();
                  return "done";
                }));
    for (int i = 0; i < events; i++) {
      runtime.invokeAsync("blocking", Payload.json("{\"n\":" + i + "}"));
    }

    assertThat(allStarted.await(10, TimeUnit.SECONDS))
        .as("all %d running at once", events)
        .isTrue();
    release.countDown();
    for (int i = 0; i < events; i++) {
      assertThat(nextOutcome().kind()).isEqualTo(AsyncOutcome.Kind.SUCCEEDED);
    }
  }

  @Test
  void close_inMemoryEventsNotYetRun_reportedDroppedWithTheReason() throws Exception {
    FunctionRuntime runtime = runtime();
    flaky(runtime, "orders", 10);
    runtime.invokeAsync("orders", Payload.json("{}"));
    nextAttempt(); // failed once; waits a minute for its retry

    runtime.close();

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.DROPPED);
    assertThat(outcome.condition()).isEqualTo("RuntimeClosed");
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(List.copyOf(outcomes)).isEmpty();
  }

  @Test
  void eventDueAtStart_functionRegisteredAfterTheRuntimeIsBuilt_runsNotDropped() throws Exception {
    EventStore store = EventStores.inMemory(); // standing in for a durable store after a restart
    UUID requestId = UUID.randomUUID();
    store.enqueue(
        List.of(
            new StoredEvent(
                requestId,
                "late",
                "{\"order\":\"o-7\"}".getBytes(StandardCharsets.UTF_8),
                fixture.time().instant(),
                fixture.time().instant(),
                0,
                0)));
    FunctionRuntime runtime =
        fixture.runtime(b -> b.eventStore(store).asyncOutcomes(outcomes::add));

    flaky(runtime, "late", 0); // registered after build: the event was requeued meanwhile
    fixture.time().advance(Duration.ofSeconds(1));

    AsyncOutcome outcome = nextOutcome();
    assertThat(outcome.requestId()).isEqualTo(requestId);
    assertThat(outcome.kind()).isEqualTo(AsyncOutcome.Kind.SUCCEEDED);
    assertThat(nextAttempt()).isEqualTo(requestId.toString());
  }

  @Test
  void leaseHeldAtACrash_givenBackAtTheNextStartEvenAtTheSameInstant() throws Exception {
    EventStore store = EventStores.inMemory();
    UUID requestId = UUID.randomUUID();
    store.enqueue(
        List.of(
            new StoredEvent(
                requestId,
                "crashed",
                "{\"order\":\"o-8\"}".getBytes(StandardCharsets.UTF_8),
                fixture.time().instant(),
                fixture.time().instant(),
                0,
                0)));
    assertThat(store.claim(fixture.time().instant(), 10, AsyncInvoker.LEASE)).hasSize(1); // dies

    FunctionRuntime runtime =
        fixture.runtime(b -> b.eventStore(store).asyncOutcomes(outcomes::add));
    flaky(runtime, "crashed", 0);
    fixture.time().advance(Duration.ofSeconds(1));

    assertThat(nextOutcome().requestId()).isEqualTo(requestId);
  }
}
