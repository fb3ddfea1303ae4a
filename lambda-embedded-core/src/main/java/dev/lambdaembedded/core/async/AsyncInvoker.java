/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.async;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.AsyncOutcome;
import dev.lambdaembedded.api.DestinationMessage;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.InvalidRequestContentException;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LambdaException;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.Qualifier;
import dev.lambdaembedded.api.RequestTooLargeException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.TooManyRequestsException;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.core.execution.Threads;
import dev.lambdaembedded.core.internal.AsyncSettings;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.invoke.InvokePipeline;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.json.JsonFailure;
import dev.lambdaembedded.core.observe.Loggers;
import dev.lambdaembedded.core.registry.DefaultRegistry;
import dev.lambdaembedded.core.registry.DefaultRegistry.AsyncTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Lambda's asynchronous invocation: accepts events into the {@link EventStore}, and a dispatcher
 * thread claims due events and hands them to runners, virtual threads that run them through the
 * synchronous pipeline (the same admission rules), with Lambda's retry rules:
 *
 * <ul>
 *   <li>a function error or timeout is retried after the configured delays (about 1, then about 2
 *       minutes), up to {@code maximumRetryAttempts};
 *   <li>a throttle or runtime-side failure goes back to the queue with backoff from 1 second
 *       doubling to 5 minutes, without using up an attempt;
 *   <li>an event older than {@code maximumEventAge} when taken from the queue fails with {@code
 *       EventAgeExceeded}; reserved concurrency 0 fails it at once with {@code
 *       ZeroReservedConcurrency};
 *   <li>a success goes to the on-success destination; a failure for good to the on-failure
 *       destination and the dead-letter target; a failure with neither, or whose deliveries all
 *       failed, to the store's dead letters, counted and logged.
 * </ul>
 *
 * <p>The request id stays the same across attempts. Delivery is at least once: a store that
 * survives a crash gives the events that were leased at the crash back on the next start.
 */
public final class AsyncInvoker {
  private static final Logger LOG = Loggers.get("dev.lambdaembedded.async");

  /** Longer than the longest function timeout, 15 minutes. */
  static final Duration LEASE = Duration.ofMinutes(16);

  /**
   * How long after its start the runtime requeues an event whose function is not registered (yet):
   * a host registers its functions after building the runtime, while events from a durable store
   * may already be due.
   */
  static final Duration STARTUP_GRACE = Duration.ofMinutes(1);

  /** How often the dispatcher gives back leases that expired: their holder died or hangs. */
  private static final Duration RECOVERY_PERIOD = Duration.ofMinutes(1);

  private static final int DELIVERY_TRIES = 3;
  private static final int CLAIM_BATCH = 256;
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long SHORT_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final RuntimeSettings settings;
  private final AsyncSettings async;
  private final EventStore store;
  private final TimeSource time;
  private final DefaultRegistry registry;
  private final InvokePipeline pipeline;
  private final InProcessDestinations destinations;
  private final JsonCodec codec = JsonCodec.create();
  private final ExecutorService workers = Threads.newVirtualThreadPerTaskExecutor("async");
  private final Set<Thread> runners = ConcurrentHashMap.newKeySet();
  private final Semaphore slots;

  /** Claimed events waiting for a runner; each holds a slot. */
  private final Queue<StoredEvent> ready = new ConcurrentLinkedQueue<>();

  /** Runners started and not yet looking at {@link #ready}: 0 or 1. */
  private final AtomicInteger starting = new AtomicInteger();

  private final boolean systemTime;
  private final Thread dispatcher;
  private volatile boolean accepting = true;
  private volatile boolean running = true;
  private volatile boolean parked; // the dispatcher is about to park or parked: unpark it

  /** Whether the dispatcher holds events it has claimed and not yet handed to the runners. */
  private volatile boolean claiming;

  private final Instant startedAt;
  private Instant lastRecovery; // the dispatcher's

  /**
   * Creates the asynchronous invoker and starts its dispatcher. Leases left by an earlier runtime
   * on the same store (a crash) are given back first: the store belongs to this runtime.
   *
   * @param settings the runtime's settings
   * @param registry resolves qualifiers to configurations
   * @param pipeline runs events
   * @param destinations the in-process queues and topics
   */
  public AsyncInvoker(
      RuntimeSettings settings,
      DefaultRegistry registry,
      InvokePipeline pipeline,
      InProcessDestinations destinations) {
    this.settings = requireNonNull(settings);
    this.async = settings.async();
    this.store = async.store();
    this.time = settings.timeSource();
    this.registry = requireNonNull(registry);
    this.pipeline = requireNonNull(pipeline);
    this.destinations = requireNonNull(destinations);
    this.slots = new Semaphore(async.maxInFlight());
    this.systemTime = TimeSource.system().equals(time);
    this.startedAt = time.instant();
    this.lastRecovery = startedAt;
    // every lease taken before this start, even one ending exactly a lease from now
    int recovered = store.recoverExpiredLeases(startedAt.plus(LEASE));
    if (recovered > 0) {
      LOG.info("{} asynchronous events leased before a restart run again", recovered);
    }
    this.dispatcher = Threads.startPlatformDaemon("async-dispatcher", this::dispatch);
  }

  /**
   * Accepts an event: Lambda's {@code Invoke} with {@code InvocationType=Event}.
   *
   * @param qualifier the function, version or alias
   * @param payload the JSON event
   * @return the request id
   */
  public UUID enqueue(String qualifier, Payload.Json payload) {
    requireNonNull(qualifier, "qualifier");
    requireNonNull(payload, "payload");
    if (!accepting) {
      throw new IllegalStateException("The function runtime is closing");
    }
    AsyncTarget target = registry.asyncTarget(qualifier);
    if (payload.size() > AsyncSettings.ASYNC_PAYLOAD_LIMIT) {
      throw new RequestTooLargeException(
          qualifier, payload.size(), AsyncSettings.ASYNC_PAYLOAD_LIMIT);
    }
    try {
      codec.validate(payload.bytes());
    } catch (JsonFailure e) {
      throw new InvalidRequestContentException(qualifier, e.detail());
    }
    UUID requestId = settings.requestIds().get();
    Instant now = time.instant();
    store.enqueue(List.of(new StoredEvent(requestId, qualifier, payload.bytes(), now, now, 0, 0)));
    target.counters().asyncReceived();
    if (parked) {
      LockSupport.unpark(dispatcher);
    }
    return requestId;
  }

  /**
   * Waits until no asynchronous event is due, claimed or running: each event due by now has its
   * outcome, or waits again for a later time. For a manual time source that has just moved.
   *
   * @param deadlineNanos on {@link System#nanoTime()}, when to give up waiting
   * @return whether it settled in time
   */
  public boolean awaitSettled(long deadlineNanos) {
    long pause = TimeUnit.MICROSECONDS.toNanos(20);
    while (!settled()) {
      if (System.nanoTime() - deadlineNanos >= 0) {
        return false;
      }
      wake();
      LockSupport.parkNanos(this, pause);
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(1));
    }
    return true;
  }

  /** Read in this order, no event can slip between the store, the dispatcher and the runners. */
  private boolean settled() {
    Optional<Instant> due = store.nextDue();
    if (due.isPresent() && !due.get().isAfter(time.instant())) {
      return false; // due and not claimed yet
    }
    return !claiming && ready.isEmpty() && slots.availablePermits() == async.maxInFlight();
  }

  /**
   * Returns the events claimed and not yet finished.
   *
   * @return the count
   */
  public int inFlight() {
    return async.maxInFlight() - slots.availablePermits();
  }

  /** Wakes the dispatcher: the clock moved (the watchdog's housekeeping calls it). */
  public void wake() {
    LockSupport.unpark(dispatcher);
  }

  private void dispatch() {
    while (running) {
      try {
        Instant now = time.instant();
        if (!now.isBefore(lastRecovery.plus(RECOVERY_PERIOD))) {
          lastRecovery = now;
          store.recoverExpiredLeases(now);
        }
        int free = slots.availablePermits();
        claiming = true;
        List<StoredEvent> batch;
        try {
          batch = free == 0 ? List.of() : store.claim(now, Math.min(free, CLAIM_BATCH), LEASE);
          for (StoredEvent event : batch) {
            slots.acquireUninterruptibly();
            ready.add(event);
          }
        } finally {
          claiming = false;
        }
        if (!batch.isEmpty()) {
          startRunnerIfNoneStarting();
        }
        if (batch.isEmpty() && running) {
          parked = true; // then look again, so a wake-up between the claim and here is not lost
          // due but not claimed: it became due just now, or the store holds it back (a row
          // locked by another host); look again soon rather than spin
          LockSupport.parkNanos(this, dueNow() ? SHORT_PARK_NANOS : parkNanos(now));
          parked = false;
        }
      } catch (RuntimeException e) {
        LOG.error("The asynchronous dispatcher failed; it goes on", e);
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      }
    }
  }

  private boolean dueNow() {
    if (slots.availablePermits() == 0) {
      return false;
    }
    Optional<Instant> due = store.nextDue();
    return due.isPresent() && !due.get().isAfter(time.instant());
  }

  /** Until the next event is due on the system clock, at most a second; a manual clock wakes us. */
  private long parkNanos(Instant now) {
    if (!systemTime) {
      return IDLE_PARK_NANOS;
    }
    Optional<Instant> due = store.nextDue();
    if (due.isEmpty()) {
      return IDLE_PARK_NANOS;
    }
    long wait = Duration.between(now, due.get()).toNanos();
    return Math.max(TimeUnit.MICROSECONDS.toNanos(100), Math.min(wait, IDLE_PARK_NANOS));
  }

  /**
   * Starts a runner unless one is starting already: that one will look at the ready queue after
   * anything added before this call.
   */
  private void startRunnerIfNoneStarting() {
    if (starting.get() == 0 && starting.compareAndSet(0, 1)) {
      try {
        workers.execute(this::runEvents);
      } catch (RejectedExecutionException e) {
        starting.set(0); // closing: what is ready stays claimed, as after a crash
      }
    }
  }

  /**
   * Runs ready events one after another on this virtual thread while there are any. Before running
   * one, starts another runner if more are ready (and none is starting), so an event that blocks in
   * its handler never holds back the ones behind it: runners grow to the number of events running
   * at once, and events that finish quickly are run by the runners already there.
   */
  private void runEvents() {
    Thread self = Thread.currentThread();
    runners.add(self);
    try {
      starting.decrementAndGet(); // after this, ready events are this runner's or a new one's
      StoredEvent event;
      while ((event = ready.poll()) != null) {
        if (!ready.isEmpty()) {
          startRunnerIfNoneStarting();
        }
        run(event);
      }
    } finally {
      runners.remove(self);
    }
  }

  private void run(StoredEvent event) {
    try {
      process(event);
    } catch (RuntimeException e) {
      LOG.error("Asynchronous event {} failed in the runtime; it is queued again", event, e);
      store.reschedule(event.reschedule(time.instant(), event.attempts(), event.requeues() + 1));
    } finally {
      slots.release();
      if (parked) {
        LockSupport.unpark(dispatcher);
      }
    }
  }

  private void process(StoredEvent event) {
    Instant now = time.instant();
    AsyncTarget target;
    try {
      target = registry.asyncTarget(event.qualifier());
    } catch (ResourceNotFoundException | InvalidParameterValueException e) {
      if (now.isBefore(startedAt.plus(STARTUP_GRACE))) {
        requeue(event, now); // the host may not have registered its functions yet
      } else {
        drop(event, null, "FunctionNotFound", "its function is gone: " + e.getMessage());
      }
      return;
    }
    EventInvokeConfig config = target.config();
    Duration age = Duration.between(event.enqueuedAt(), now);
    target.counters().asyncEventAge(age.toMillis());
    if (age.compareTo(config.maximumEventAge()) > 0) {
      failed(event, target, "EventAgeExceeded", null, event.attempts());
      return;
    }
    if (target.zeroReserved()) {
      failed(event, target, "ZeroReservedConcurrency", null, event.attempts());
      return;
    }
    InvocationResult result;
    try {
      result =
          pipeline.invoke(
              InvocationRequest.of(event.qualifier(), Payload.json(event.payload())),
              event.requestId());
    } catch (TooManyRequestsException e) {
      requeue(event, now);
      return;
    } catch (ResourceNotFoundException e) {
      drop(event, target, "FunctionNotFound", "its function is gone: " + e.getMessage());
      return;
    } catch (LambdaException | IllegalStateException e) {
      requeue(event, now); // runtime-side: does not use up an attempt
      return;
    }
    int attempts = event.attempts() + 1;
    switch (result) {
      case InvocationResult.Success success -> succeeded(event, target, success, attempts);
      case InvocationResult.Failure failure -> {
        if (attempts <= config.maximumRetryAttempts()) {
          List<Duration> delays = async.retryDelays();
          Duration delay = delays.get(Math.min(attempts - 1, delays.size() - 1));
          store.reschedule(event.reschedule(now.plus(delay), attempts, event.requeues()));
        } else {
          failed(event, target, "RetriesExhausted", failure, attempts);
        }
      }
    }
  }

  private void requeue(StoredEvent event, Instant now) {
    Duration wait = running ? async.backoff(event.requeues()) : Duration.ZERO;
    store.reschedule(event.reschedule(now.plus(wait), event.attempts(), event.requeues() + 1));
  }

  private void succeeded(
      StoredEvent event, AsyncTarget target, InvocationResult.Success success, int attempts) {
    String detail = "succeeded";
    Optional<String> onSuccess = target.config().onSuccess();
    if (onSuccess.isPresent()) {
      String record = record(event, target, "Success", success, attempts);
      Optional<String> failure = deliver(onSuccess.get(), record, Map.of());
      if (failure.isEmpty()) {
        detail = "succeeded; its record went to " + onSuccess.get();
      } else {
        target.counters().destinationDeliveryFailure();
        LOG.warn(
            "The on-success record of {} could not be delivered to {}: {}",
            event.requestId(),
            onSuccess.get(),
            failure.get());
        detail = "succeeded; its record could not be delivered: " + failure.get();
      }
    }
    store.complete(event.requestId());
    outcome(event, AsyncOutcome.Kind.SUCCEEDED, "Success", detail, attempts);
  }

  /** A failure for good: the on-failure destination and the dead-letter target, else dropped. */
  private void failed(
      StoredEvent event,
      AsyncTarget target,
      String condition,
      InvocationResult.@Nullable Failure failure,
      int attempts) {
    target.counters().asyncDropped(); // Lambda counts it even when a failure record is delivered
    boolean delivered = false;
    StringBuilder detail = new StringBuilder(condition);
    Optional<String> onFailure = target.config().onFailure();
    if (onFailure.isPresent()) {
      Optional<String> problem =
          deliver(onFailure.get(), record(event, target, condition, failure, attempts), Map.of());
      if (problem.isEmpty()) {
        delivered = true;
        detail.append("; its record went to ").append(onFailure.get());
      } else {
        target.counters().destinationDeliveryFailure();
        LOG.warn(
            "The on-failure record of {} could not be delivered to {}: {}",
            event.requestId(),
            onFailure.get(),
            problem.get());
        detail.append("; its record could not be delivered: ").append(problem.get());
      }
    }
    Optional<String> deadLetterTarget = target.deadLetterTarget();
    if (deadLetterTarget.isPresent()) {
      Optional<String> problem =
          deliver(
              deadLetterTarget.get(),
              new String(event.payload(), StandardCharsets.UTF_8),
              deadLetterAttributes(event, condition, failure));
      if (problem.isEmpty()) {
        delivered = true;
        detail.append("; it went to the dead-letter target ").append(deadLetterTarget.get());
      } else {
        target.counters().deadLetterError();
        LOG.warn(
            "Event {} could not be delivered to its dead-letter target {}: {}",
            event.requestId(),
            deadLetterTarget.get(),
            problem.get());
        detail.append("; the dead-letter target failed: ").append(problem.get());
      }
    }
    if (delivered) {
      store.complete(event.requestId());
      outcome(event, AsyncOutcome.Kind.FAILURE_DELIVERED, condition, detail.toString(), attempts);
      return;
    }
    if (onFailure.isEmpty() && deadLetterTarget.isEmpty()) {
      detail.append("; no on-failure destination or dead-letter target is configured");
    }
    store.deadLetter(event.requestId(), detail.toString());
    LOG.warn("Asynchronous event {} dropped: {}", event.requestId(), detail);
    outcome(event, AsyncOutcome.Kind.DROPPED, condition, detail.toString(), attempts);
  }

  private void drop(StoredEvent event, @Nullable AsyncTarget target, String reason, String detail) {
    if (target != null) {
      target.counters().asyncDropped();
    }
    store.deadLetter(event.requestId(), reason + ": " + detail);
    LOG.warn("Asynchronous event {} dropped: {}", event.requestId(), detail);
    outcome(event, AsyncOutcome.Kind.DROPPED, reason, detail, event.attempts());
  }

  private void outcome(
      StoredEvent event, AsyncOutcome.Kind kind, String condition, String detail, int attempts) {
    try {
      async
          .outcomes()
          .accept(
              new AsyncOutcome(
                  event.requestId(),
                  event.qualifier(),
                  kind,
                  condition,
                  detail,
                  attempts,
                  time.instant()));
    } catch (RuntimeException e) {
      LOG.warn("The asynchronous outcome listener threw", e);
    }
  }

  /**
   * Delivers a body to a function (as an asynchronous event), queue or topic, trying a few times.
   *
   * @return empty when delivered, else the last problem
   */
  private Optional<String> deliver(String arn, String body, Map<String, String> attributes) {
    String problem = "not tried";
    for (int attempt = 0; attempt < DELIVERY_TRIES; attempt++) {
      try {
        if (arn.startsWith("arn:aws") && arn.contains(":lambda:")) {
          enqueue(functionQualifier(arn), Payload.json(body));
        } else {
          destinations.deliver(
              arn, new DestinationMessage(UUID.randomUUID(), body, attributes, time.instant()));
        }
        return Optional.empty();
      } catch (InProcessDestinations.DeliveryFailure | RuntimeException e) {
        problem = e.getMessage() == null ? e.toString() : e.getMessage();
      }
    }
    return Optional.of(problem);
  }

  /** {@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]} → name[:qualifier]. */
  private static String functionQualifier(String arn) {
    Qualifier qualifier = Qualifier.parse(arn);
    return qualifier.toString();
  }

  private Map<String, String> deadLetterAttributes(
      StoredEvent event, String condition, InvocationResult.@Nullable Failure failure) {
    String message =
        failure != null
            ? failure.error().errorMessage()
            : condition.equals("EventAgeExceeded")
                ? "Event age exceeded the maximum event age"
                : "The function's reserved concurrency is 0";
    String errorCode = failure != null || event.attempts() > 0 ? "200" : "429";
    return Map.of(
        "RequestID",
        event.requestId().toString(),
        "ErrorCode",
        errorCode,
        "ErrorMessage",
        firstKilobyte(message));
  }

  private static String firstKilobyte(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 1024) {
      return message;
    }
    String cut = new String(bytes, 0, 1024, StandardCharsets.UTF_8);
    return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
  }

  /** Lambda's invocation record, field for field. */
  private String record(
      StoredEvent event,
      AsyncTarget target,
      String condition,
      @Nullable InvocationResult result,
      int attempts) {
    StringBuilder json = new StringBuilder(256 + event.payload().length);
    json.append("{\"version\":\"1.0\",\"timestamp\":");
    string(json, TIMESTAMP.format(time.instant()));
    json.append(",\"requestContext\":{\"requestId\":");
    string(json, event.requestId().toString());
    json.append(",\"functionArn\":");
    string(json, settings.functionArn(target.functionName()) + ":" + target.qualifier());
    json.append(",\"condition\":");
    string(json, condition);
    json.append(",\"approximateInvokeCount\":").append(attempts).append('}');
    json.append(",\"requestPayload\":");
    json.append(
        event.payload().length == 0 ? "null" : new String(event.payload(), StandardCharsets.UTF_8));
    if (result != null) {
      json.append(",\"responseContext\":{\"statusCode\":200,\"executedVersion\":");
      string(json, result.executedVersion());
      if (result instanceof InvocationResult.Failure failure) {
        json.append(",\"functionError\":");
        string(json, failure.functionError());
      }
      json.append("},\"responsePayload\":");
      switch (result) {
        case InvocationResult.Success success -> {
          switch (success.payload()) {
            case Payload.Json out -> json.append(out.size() > 0 ? out.asString() : "null");
            // a stream handler's response that is not JSON: its text, as a JSON string
            case Payload.Bytes out -> string(json, out.asString());
            case Payload.Value _ -> json.append("null"); // never: events ask for no response type
          }
        }
        case InvocationResult.Failure failure -> json.append(failure.error().toJson());
      }
    }
    return json.append('}').toString();
  }

  private static void string(StringBuilder json, String value) {
    json.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, json);
    json.append('"');
  }

  /**
   * Begins closing: stops accepting and claiming events and stops the dispatcher; events running
   * now go on. The first step of {@link #close}.
   */
  public void stopDispatching() {
    accepting = false;
    running = false;
    LockSupport.unpark(dispatcher);
    try {
      dispatcher.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
  }

  /**
   * Waits until the events running now have finished, within the close grace period and a deadline.
   *
   * @param deadlineNanos on {@link System#nanoTime()}, the latest to wait until
   * @return {@code true} if none is running
   */
  public boolean awaitRunning(long deadlineNanos) {
    long wait = Math.min(async.closeGrace().toNanos(), deadlineNanos - System.nanoTime());
    try {
      return workers.awaitTermination(Math.max(0, wait), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return workers.isTerminated();
    }
  }

  /**
   * Ends closing: reports the in-memory store's events that will never run as dropped and closes
   * the store. A durable store keeps what is left for the next start.
   */
  public void finishClose() {
    workers.shutdownNow();
    if (store instanceof InMemoryEventStore memory) {
      for (StoredEvent event : memory.remaining()) {
        LOG.warn(
            "Asynchronous event {} for {} dropped: the runtime closed and its store is in memory",
            event.requestId(),
            event.qualifier());
        outcome(
            event,
            AsyncOutcome.Kind.DROPPED,
            "RuntimeClosed",
            "the runtime closed with the event in its in-memory store",
            event.attempts());
      }
    }
    store.close();
  }

  /**
   * Returns the threads of this invoker still alive: the dispatcher and the runners.
   *
   * @return the live threads
   */
  public List<Thread> liveThreads() {
    List<Thread> alive = new ArrayList<>(runners);
    if (dispatcher.isAlive()) {
      alive.add(dispatcher);
    }
    return alive;
  }

  /**
   * Stops taking events, lets running ones finish within the grace period and closes the store;
   * {@link #stopDispatching()}, {@link #awaitRunning} and {@link #finishClose()} in one.
   */
  public void close() {
    stopDispatching();
    awaitRunning(System.nanoTime() + async.closeGrace().toNanos());
    finishClose();
  }
}
