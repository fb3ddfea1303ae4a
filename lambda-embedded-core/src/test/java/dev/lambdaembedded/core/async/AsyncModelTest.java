/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.async;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.AsyncOutcome;
import dev.lambdaembedded.api.DestinationMessage;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded model-based test of asynchronous invocation: random commands run against a runtime and
 * against a small model of Lambda's rules, and after every step, once the runtime is quiet, the two
 * must agree on every accepted event.
 *
 * <p>Commands: enqueue an event to one of three functions (its payload scripts how many of its
 * first attempts fail); flip a function between succeeding and failing; move the manual clock by
 * seconds, minutes or hours, exactly to the next due time, one millisecond short of it, or to an
 * event's maximum age; hold the only reserved slot of {@code t} with a blocking synchronous
 * invocation (its events are throttled) and release it; change a function's event invoke
 * configuration; flip {@code t}'s reserved concurrency between 1 and 0; delete and re-create {@code
 * b}; restart (close the runtime, let time pass, build a new one over the same store, register the
 * functions again); and crash (a dispatcher claims the due events and dies before the restart).
 *
 * <p>Checks after each step: every finished event has exactly one {@link AsyncOutcome} whose kind,
 * condition, attempts and time are the model's, and none is missing; an event the model has waiting
 * has none; every attempt reached the function exactly when the model says, never before it was
 * due, with the event's request id; every failure the model delivers put exactly one record with
 * its condition and attempts in the on-failure queue; the store holds the model's waiting events
 * and its next due time is the model's. At the end the clock runs until no event waits, and every
 * accepted event has exactly one outcome.
 *
 * <p>Twenty random seeds per run; each is printed and named in a failure, with the step log. Replay
 * one with {@code -Dasync.model.seed=<seed>} (and {@code -Dasync.model.steps=<n>}).
 *
 * <p>The model found two bugs, both fixed: a restart at the very instant of a crash gave none of
 * the crashed dispatcher's leases back, so those events never ended (leases now count as expired at
 * their end, and the dispatcher recovers expired leases every minute); and a restart's dispatcher
 * dropped the events due at its start as {@code FunctionNotFound} before the host could register
 * its functions (such events are now requeued during the runtime's first minute). A gate in the
 * store still holds claims back while a restarted host registers its functions, so that the start
 * stays deterministic: the model does not predict the startup requeues.
 */
final class AsyncModelTest {
  private static final String SEED_PROPERTY = "async.model.seed";
  private static final String STEPS_PROPERTY = "async.model.steps";
  private static final int SEEDS = 20;
  private static final int STEPS = 60;

  private static final String A = "a";
  private static final String B = "b";
  private static final String T = "t";
  private static final List<String> FUNCTIONS = List.of(A, B, T);
  private static final String FAILURES = "failures";

  private static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));
  private static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
  private static final Duration BACKOFF_MAX = Duration.ofMinutes(5);

  /** The holder's function times out after 15 minutes; the test never lets the clock get there. */
  private static final Duration T_TIMEOUT = Duration.ofMinutes(15);

  private static final Duration HOLD_LIMIT = Duration.ofMinutes(14);

  private static final Pattern RECORD =
      Pattern.compile(
          "\"requestId\":\"([0-9a-f-]+)\".*"
              + "\"condition\":\"(\\w+)\",\"approximateInvokeCount\":(\\d+)");

  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  static LongStream seeds() {
    String fixed = System.getProperty(SEED_PROPERTY);
    if (fixed != null) {
      return LongStream.of(Long.parseLong(fixed.strip()));
    }
    return new SplittableRandom().longs(SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void invokeAsync_randomCommandsAndRestarts_agreeWithTheModel(long seed) {
    int steps = Integer.getInteger(STEPS_PROPERTY, STEPS);
    // printed before any runtime captures the standard streams
    System.out.println(
        "AsyncModelTest seed " + seed + " (replay: -D" + SEED_PROPERTY + "=" + seed + ")");
    new Run(seed, steps).play();
  }

  /** A function as the model sees it. */
  private static final class Fn {
    final String name;
    boolean exists = true;
    int reserved; // t only: 1, or 0 to fail its events with ZeroReservedConcurrency
    int retries;
    Duration maxAge = EventInvokeConfig.MAX_EVENT_AGE;
    boolean onFailure;

    Fn(String name) {
      this.name = name;
      this.reserved = name.equals(T) ? 1 : -1;
    }

    @Override
    public String toString() {
      return name
          + (exists ? "" : " (deleted)")
          + (reserved >= 0 ? " reserved " + reserved : "")
          + ", retries "
          + retries
          + ", max age "
          + maxAge.toSeconds()
          + " s"
          + (onFailure ? ", on-failure queue" : ", no destination");
    }
  }

  /** An attempt the model expects: due then, run at. */
  private record Attempt(Instant due, Instant at) {}

  /** An outcome the model expects. */
  private record Expected(AsyncOutcome.Kind kind, String condition, int attempts, Instant at) {}

  /** An attempt the handler saw. */
  private record Call(String function, int n, String requestId, Instant at) {}

  /** An accepted event as the model sees it. */
  private static final class Ev {
    final int n;
    final String function;
    final UUID id;
    final int fails;
    final Instant enqueuedAt;
    Instant due;
    int attempts;
    int requeues;
    final List<Attempt> expectedAttempts = new ArrayList<>();
    @Nullable Expected outcome;

    Ev(int n, String function, UUID id, int fails, Instant enqueuedAt) {
      this.n = n;
      this.function = function;
      this.id = id;
      this.fails = fails;
      this.enqueuedAt = enqueuedAt;
      this.due = enqueuedAt;
    }

    @Override
    public String toString() {
      return "#" + n + " (" + function + ")";
    }
  }

  /** The blocking synchronous invocation that holds {@code t}'s only slot. */
  private static final class Hold {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final Instant since;

    Hold(Instant since) {
      this.since = since;
    }
  }

  /** One seed's run: the runtime under test and the model, side by side. */
  private final class Run {
    private final long seed;
    private final int steps;
    private final SplittableRandom random;
    private final SurvivingStore store = new SurvivingStore();
    private final List<AsyncOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> callCounts = new ConcurrentHashMap<>();
    private final Map<String, Fn> functions = new LinkedHashMap<>();
    private final List<Ev> events = new ArrayList<>();
    private final Map<UUID, Ev> byId = new HashMap<>();
    private final Map<UUID, List<String>> records = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private final List<String> stepProblems = new ArrayList<>();
    private final Instant start;
    private Instant now;
    private Instant runtimeStarted; // AsyncInvoker's start: its first minute requeues lost events
    private FunctionRuntime runtime;
    private String failuresArn = "";
    private volatile @Nullable Hold hold;
    private @Nullable CompletableFuture<InvocationResult> holder;
    private int step;
    private int sent;

    Run(long seed, int steps) {
      this.seed = seed;
      this.steps = steps;
      this.random = new SplittableRandom(seed);
      this.start = fixture.time().instant();
      this.now = start;
      this.runtimeStarted = start;
      for (String name : FUNCTIONS) {
        Fn fn = new Fn(name);
        randomConfig(fn);
        functions.put(name, fn);
        failing.put(name, false);
      }
      this.runtime = fixture.runtime(b -> b.eventStore(store).asyncOutcomes(outcomes::add));
      registerAll();
      note("start: " + functions.values());
    }

    void play() {
      for (step = 1; step <= steps; step++) {
        randomStep();
        settleAndCheck();
      }
      step++;
      note("end: release the slot, then move the clock to each next due time until none waits");
      releaseHold();
      for (int i = 0; i < 100 && modelNextDue().isPresent(); i++) {
        Instant due = modelNextDue().orElseThrow();
        advanceClock(due.isAfter(now) ? Duration.between(now, due) : Duration.ofMillis(1));
        process();
        settleAndCheck();
      }
      List<String> problems = new ArrayList<>();
      if (modelNextDue().isPresent()) {
        problems.add("the model still has events waiting after the drain");
      }
      if (outcomes.size() != events.size()) {
        problems.add(events.size() + " events accepted, " + outcomes.size() + " outcomes");
      }
      if (store.size() != 0) {
        problems.add("the store still holds " + store.size() + " events");
      }
      failIfAny(problems);
    }

    // ---- commands ----

    private void randomStep() {
      int r = random.nextInt(100);
      if (r < 30) {
        enqueue(enqueueTarget(), random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(3));
      } else if (r < 58) {
        advance(randomAdvance());
      } else if (r < 64) {
        flipBehaviour(pick(FUNCTIONS));
      } else if (r < 72) {
        if (hold == null && fn(T).reserved == 1) {
          holdSlot();
        } else {
          advance(randomAdvance());
        }
      } else if (r < 77) {
        if (hold != null) {
          note("release t's slot");
          releaseHold();
        } else {
          flipBehaviour(pick(FUNCTIONS));
        }
      } else if (r < 81) {
        reconfigure(pick(FUNCTIONS));
      } else if (r < 84) {
        flipReserved();
      } else if (r < 88) {
        deleteOrCreateB();
      } else if (r < 95) {
        restart(randomDowntime(), false, Duration.ZERO);
      } else {
        restart(randomDowntime(), true, crashGap());
      }
    }

    private String enqueueTarget() {
      String name = pick(FUNCTIONS);
      // t's events never run side by side, so which one a free slot takes is never a race
      return name.equals(T) && waiting(T) ? A : name;
    }

    private void enqueue(String function, int fails) {
      int n = ++sent;
      Payload.Json payload = Payload.json("{\"n\":" + n + ",\"fails\":" + fails + "}");
      if (!fn(function).exists) {
        note("enqueue #" + n + " to deleted " + function + ": refused");
        try {
          runtime.invokeAsync(function, payload);
          stepProblems.add("an event for the deleted function " + function + " was accepted");
        } catch (ResourceNotFoundException expected) {
          // Lambda refuses it: nothing accepted
        }
        return;
      }
      UUID id = runtime.invokeAsync(function, payload);
      Ev event = new Ev(n, function, id, fails, now);
      events.add(event);
      byId.put(id, event);
      note(
          "enqueue #"
              + n
              + " to "
              + function
              + (fails > 0 ? ", its first " + fails + " fail" : ""));
      process();
    }

    private Duration randomAdvance() {
      int r = random.nextInt(100);
      Optional<Instant> due = modelNextDue();
      if (r < 15 && due.isPresent()) {
        return Duration.between(now, due.get());
      }
      if (r < 25 && due.isPresent() && due.get().minusMillis(1).isAfter(now)) {
        return Duration.between(now, due.get()).minusMillis(1);
      }
      if (r < 33) {
        Optional<Instant> limit = nextAgeLimit();
        if (limit.isPresent()) {
          Duration toLimit = Duration.between(now, limit.get());
          return random.nextBoolean() ? toLimit : toLimit.plusMillis(1);
        }
      }
      if (r < 60) {
        return Duration.ofSeconds(1 + random.nextInt(20));
      }
      if (r < 82) {
        return Duration.ofSeconds(60 + random.nextInt(241));
      }
      if (r < 94) {
        return Duration.ofSeconds(300 + random.nextInt(1500));
      }
      return Duration.ofSeconds(3600 + random.nextInt(6 * 3600));
    }

    /**
     * How long after the crash the new runtime starts: often the crash's very instant, whose leases
     * end exactly a lease after the start (once lost, now given back).
     */
    private Duration crashGap() {
      return random.nextBoolean() ? Duration.ZERO : randomAdvance();
    }

    private Duration randomDowntime() {
      return random.nextInt(10) < 4 ? Duration.ZERO : randomAdvance();
    }

    /** When a waiting event's age reaches its function's maximum, the earliest after now. */
    private Optional<Instant> nextAgeLimit() {
      return events.stream()
          .filter(e -> e.outcome == null)
          .map(e -> e.enqueuedAt.plus(fn(e.function).maxAge))
          .filter(limit -> limit.isAfter(now))
          .min(Comparator.naturalOrder());
    }

    private void advance(Duration duration) {
      Hold current = hold;
      if (current != null && !now.plus(duration).isBefore(current.since.plus(HOLD_LIMIT))) {
        note("release t's slot before its 15-minute timeout");
        releaseHold();
      }
      advanceClock(duration);
      note("advance " + duration);
      process();
    }

    private void advanceClock(Duration duration) {
      if (!duration.isZero()) {
        fixture.time().advance(duration);
        now = now.plus(duration);
      }
    }

    private void flipBehaviour(String function) {
      boolean fails = !requireNonNull(failing.get(function));
      failing.put(function, fails);
      note(function + " now " + (fails ? "fails every attempt" : "succeeds"));
    }

    private void holdSlot() {
      Hold current = new Hold(now);
      hold = current;
      CompletableFuture<InvocationResult> call =
          fixture.invokeAsync(runtime, T, Payload.json("{\"hold\":true}"));
      holder = call;
      boolean entered;
      try {
        entered = current.entered.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(report(List.of("interrupted")), e);
      }
      if (!entered) {
        failIfAny(List.of("the holder never reached t's handler: " + call));
      }
      note("hold t's only slot with a blocking synchronous invocation");
    }

    private void releaseHold() {
      Hold current = hold;
      CompletableFuture<InvocationResult> call = holder;
      if (current == null || call == null) {
        return;
      }
      current.release.countDown();
      try {
        InvocationResult result = call.get(10, TimeUnit.SECONDS);
        if (!(result instanceof InvocationResult.Success)) {
          stepProblems.add("the holder ended with " + result);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(report(List.of("interrupted")), e);
      } catch (ExecutionException | TimeoutException e) {
        failIfAny(List.of("the holder did not return: " + e));
      }
      hold = null;
      holder = null;
    }

    private void reconfigure(String function) {
      Fn fn = fn(function);
      if (!fn.exists) {
        note("reconfigure deleted " + function + ": nothing to do");
        return;
      }
      randomConfig(fn);
      runtime.registry().putEventInvokeConfig(function, "$LATEST", eventConfig(fn));
      note("reconfigure " + fn);
    }

    private void flipReserved() {
      if (hold != null) {
        note("release t's slot");
        releaseHold();
      }
      Fn fn = fn(T);
      fn.reserved = 1 - fn.reserved;
      runtime.registry().updateConfig(functionConfig(fn));
      note("t's reserved concurrency now " + fn.reserved);
      process();
    }

    private void deleteOrCreateB() {
      Fn fn = fn(B);
      if (fn.exists) {
        runtime.registry().delete(B);
        fn.exists = false;
        note("delete b");
      } else {
        fn.exists = true;
        randomConfig(fn);
        register(fn);
        note("create b again: " + fn);
      }
      process();
    }

    /**
     * Closes the runtime, lets time pass, and builds a new one over the same store. A crash: once
     * the runtime is closed, another dispatcher claims every due event and dies holding the leases;
     * the new runtime must give them back. The store refuses claims until the new runtime's
     * functions are registered again (see {@link SurvivingStore#gate}).
     */
    private void restart(Duration downtime, boolean crash, Duration gap) {
      if (hold != null) {
        note("release t's slot");
        releaseHold();
      }
      runtime.close();
      if (runtime.state() != FunctionRuntime.State.CLOSED) {
        stepProblems.add("the runtime closed as " + runtime.state());
      }
      advanceClock(downtime);
      String what = "restart after " + downtime;
      if (crash) {
        List<StoredEvent> leased = store.claimAndCrash(now);
        advanceClock(gap);
        what +=
            "; a dispatcher claimed "
                + leased.stream().map(e -> String.valueOf(byId.get(e.requestId()))).toList()
                + " and crashed "
                + gap
                + " before the start";
      }
      // without the gate, events due at the start would be requeued (the runtime's startup grace)
      // while the host registers its functions, and run a backoff later than the model predicts
      store.gate(true);
      runtime = fixture.runtime(b -> b.eventStore(store).asyncOutcomes(outcomes::add));
      runtimeStarted = now;
      registerAll();
      store.gate(false);
      note(what);
      process();
    }

    // ---- the model ----

    /** Lambda's rules, applied to every event due now, in the order the dispatcher checks them. */
    private void process() {
      for (Ev event : events) {
        if (event.outcome != null || event.due.isAfter(now)) {
          continue;
        }
        Fn fn = fn(event.function);
        if (!fn.exists && now.isBefore(runtimeStarted.plus(Duration.ofMinutes(1)))) {
          event.due = now.plus(backoff(event.requeues)); // the startup grace: it may come back
          event.requeues++;
          note(
              "  "
                  + event
                  + " has no function yet; back at "
                  + at(event.due)
                  + ", requeue "
                  + event.requeues);
        } else if (!fn.exists) {
          finish(event, AsyncOutcome.Kind.DROPPED, "FunctionNotFound", event.attempts);
        } else if (Duration.between(event.enqueuedAt, now).compareTo(fn.maxAge) > 0) {
          failed(event, fn, "EventAgeExceeded", event.attempts);
        } else if (fn.reserved == 0) {
          failed(event, fn, "ZeroReservedConcurrency", event.attempts);
        } else if (fn.name.equals(T) && hold != null) {
          event.due = now.plus(backoff(event.requeues));
          event.requeues++;
          note(
              "  "
                  + event
                  + " throttled; back at "
                  + at(event.due)
                  + ", requeue "
                  + event.requeues);
        } else {
          event.expectedAttempts.add(new Attempt(event.due, now));
          int attempt = event.attempts + 1;
          boolean fails = requireNonNull(failing.get(fn.name)) || event.attempts < event.fails;
          if (!fails) {
            finish(event, AsyncOutcome.Kind.SUCCEEDED, "Success", attempt);
          } else if (attempt <= fn.retries) {
            event.attempts = attempt;
            event.due = now.plus(RETRY_DELAYS.get(Math.min(attempt - 1, RETRY_DELAYS.size() - 1)));
            note("  " + event + " attempt " + attempt + " failed; retry at " + at(event.due));
          } else {
            failed(event, fn, "RetriesExhausted", attempt);
          }
        }
      }
    }

    private void failed(Ev event, Fn fn, String condition, int attempts) {
      finish(
          event,
          fn.onFailure ? AsyncOutcome.Kind.FAILURE_DELIVERED : AsyncOutcome.Kind.DROPPED,
          condition,
          attempts);
    }

    private void finish(Ev event, AsyncOutcome.Kind kind, String condition, int attempts) {
      event.outcome = new Expected(kind, condition, attempts, now);
      note("  " + event + " ends " + kind + " " + condition + " after " + attempts + " attempts");
    }

    private Duration backoff(int requeues) {
      Duration wait = BACKOFF_INITIAL.multipliedBy(1L << Math.min(requeues, 20));
      return wait.compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : wait;
    }

    private Optional<Instant> modelNextDue() {
      return events.stream()
          .filter(e -> e.outcome == null)
          .map(e -> e.due)
          .min(Comparator.naturalOrder());
    }

    private boolean waiting(String function) {
      return events.stream().anyMatch(e -> e.outcome == null && e.function.equals(function));
    }

    private Fn fn(String name) {
      return requireNonNull(functions.get(name), name);
    }

    private void randomConfig(Fn fn) {
      fn.retries = random.nextInt(3);
      int age = random.nextInt(10);
      fn.maxAge =
          age < 5
              ? Duration.ofSeconds(60 + random.nextInt(241))
              : age < 7
                  ? Duration.ofSeconds(301 + random.nextInt(3300))
                  : EventInvokeConfig.MAX_EVENT_AGE;
      fn.onFailure = random.nextBoolean();
    }

    // ---- the runtime ----

    private void registerAll() {
      failuresArn = runtime.destinations().queue(FAILURES).arn();
      for (Fn fn : functions.values()) {
        if (fn.exists) {
          register(fn);
        }
      }
    }

    private void register(Fn fn) {
      String name = fn.name;
      runtime
          .registry()
          .create(
              functionConfig(fn),
              FunctionCode.handler(
                  (Map<String, Object> event, Context context) -> handle(name, event, context)));
      runtime.registry().putEventInvokeConfig(name, "$LATEST", eventConfig(fn));
    }

    private FunctionConfig functionConfig(Fn fn) {
      return fn.name.equals(T)
          ? FunctionConfig.builder(T).reservedConcurrency(fn.reserved).timeout(T_TIMEOUT).build()
          : FunctionConfig.of(fn.name);
    }

    private EventInvokeConfig eventConfig(Fn fn) {
      EventInvokeConfig config =
          EventInvokeConfig.defaults()
              .withMaximumRetryAttempts(fn.retries)
              .withMaximumEventAge(fn.maxAge);
      return fn.onFailure ? config.withOnFailure(failuresArn) : config;
    }

    /** The handler of every function: holds the slot, or fails as scripted. */
    private Object handle(String function, Map<String, Object> event, Context context)
        throws InterruptedException {
      if (event.containsKey("hold")) {
        Hold current = requireNonNull(hold, "hold");
        current.entered.countDown();
        current.release.await();
        return Map.of("held", true);
      }
      int n = ((Number) requireNonNull(event.get("n"))).intValue();
      int fails = ((Number) requireNonNull(event.get("fails"))).intValue();
      int before = callCounts.computeIfAbsent(n, k -> new AtomicInteger()).getAndIncrement();
      calls.add(new Call(function, n, context.awsRequestId(), fixture.time().instant()));
      if (requireNonNull(failing.get(function)) || before < fails) {
        throw new IllegalStateException("scripted failure of #" + n + ", attempt " + (before + 1));
      }
      return Map.of("n", n);
    }

    // ---- checks ----

    private void settleAndCheck() {
      try {
        Await.until(() -> busy().isEmpty());
      } catch (AssertionError e) {
        List<String> problems = new ArrayList<>(stepProblems);
        problems.add("not quiet after 10 s: " + busy().orElse("(quiet just now)"));
        problems.addAll(compare());
        failIfAny(problems);
      }
      List<String> problems = new ArrayList<>(stepProblems);
      problems.addAll(compare());
      failIfAny(problems);
    }

    /** Why the runtime may still change without a command: a claimed or due event, a report. */
    private Optional<String> busy() {
      Optional<String> storeBusy = store.busy(now, this::hasOutcome);
      if (storeBusy.isPresent()) {
        return storeBusy;
      }
      int running = runtime.inspect().concurrentExecutions();
      int expected = hold != null ? 1 : 0;
      return running == expected
          ? Optional.empty()
          : Optional.of(running + " invocations running, " + expected + " expected");
    }

    private boolean hasOutcome(UUID requestId) {
      for (AsyncOutcome outcome : outcomes) {
        if (outcome.requestId().equals(requestId)) {
          return true;
        }
      }
      return false;
    }

    private List<String> compare() {
      List<String> problems = new ArrayList<>();
      Map<UUID, List<AsyncOutcome>> outcomesOf = new HashMap<>();
      for (AsyncOutcome outcome : outcomes) {
        outcomesOf.computeIfAbsent(outcome.requestId(), id -> new ArrayList<>()).add(outcome);
        if (!byId.containsKey(outcome.requestId())) {
          problems.add("an outcome for no accepted event: " + outcome);
        }
      }
      Map<Integer, List<Call>> callsOf = new HashMap<>();
      for (Call call : calls) {
        callsOf.computeIfAbsent(call.n(), n -> new ArrayList<>()).add(call);
      }
      for (DestinationMessage message : runtime.destinations().queue(FAILURES).drain()) {
        Matcher matcher = RECORD.matcher(message.body());
        if (!matcher.find()) {
          problems.add("an on-failure record of an unexpected shape: " + message.body());
          continue;
        }
        records
            .computeIfAbsent(UUID.fromString(matcher.group(1)), id -> new ArrayList<>())
            .add(matcher.group(2) + " after " + matcher.group(3) + " attempts");
      }
      for (UUID id : records.keySet()) {
        if (!byId.containsKey(id)) {
          problems.add("an on-failure record of no accepted event: " + id);
        }
      }
      for (Ev event : events) {
        compareOutcome(event, outcomesOf.getOrDefault(event.id, List.of()), problems);
        compareAttempts(event, callsOf.getOrDefault(event.n, List.of()), problems);
        callsOf.remove(event.n);
      }
      callsOf.forEach(
          (n, list) -> problems.add("the handler ran #" + n + ", which was not accepted: " + list));
      long waiting = events.stream().filter(e -> e.outcome == null).count();
      if (store.size() != waiting) {
        problems.add("the store holds " + store.size() + " events; the model has " + waiting);
      }
      Optional<Instant> due = modelNextDue();
      Optional<Instant> storeDue = store.nextDue();
      if (!storeDue.equals(due)) {
        problems.add(
            "the store's next due time is "
                + storeDue.map(this::at)
                + "; the model's "
                + due.map(this::at));
      }
      return problems;
    }

    private void compareOutcome(Ev event, List<AsyncOutcome> got, List<String> problems) {
      Expected expected = event.outcome;
      if (got.size() > 1) {
        problems.add(event + " has " + got.size() + " outcomes: " + got);
      }
      List<String> recorded = records.getOrDefault(event.id, List.of());
      if (expected == null) {
        if (!got.isEmpty()) {
          problems.add(
              event
                  + " ended as "
                  + describe(got.get(0))
                  + "; the model has it waiting until "
                  + at(event.due)
                  + " after "
                  + event.attempts
                  + " attempts, "
                  + event.requeues
                  + " requeues");
        }
        if (!recorded.isEmpty()) {
          problems.add(event + " has on-failure records " + recorded + " while it waits");
        }
        return;
      }
      String want =
          expected.kind()
              + " "
              + expected.condition()
              + " after "
              + expected.attempts()
              + " attempts at "
              + at(expected.at());
      if (got.isEmpty()) {
        problems.add(event + " has no outcome; the model expects " + want);
      } else {
        AsyncOutcome outcome = got.get(0);
        if (!describe(outcome).equals(want) || !outcome.qualifier().equals(event.function)) {
          problems.add(
              event
                  + " ended as "
                  + describe(outcome)
                  + " on "
                  + outcome.qualifier()
                  + "; the model expects "
                  + want);
        }
      }
      List<String> wantRecords =
          expected.kind() == AsyncOutcome.Kind.FAILURE_DELIVERED
              ? List.of(expected.condition() + " after " + expected.attempts() + " attempts")
              : List.of();
      if (!recorded.equals(wantRecords)) {
        problems.add(event + " has on-failure records " + recorded + "; the model " + wantRecords);
      }
    }

    private void compareAttempts(Ev event, List<Call> got, List<String> problems) {
      for (Call call : got) {
        if (!call.requestId().equals(event.id.toString())
            || !call.function().equals(event.function)) {
          problems.add(
              event
                  + " ran on "
                  + call.function()
                  + " at "
                  + at(call.at())
                  + " with request id "
                  + call.requestId()
                  + "; invokeAsync returned "
                  + event.id);
        }
      }
      List<Attempt> expected = event.expectedAttempts;
      for (int i = 0; i < Math.min(got.size(), expected.size()); i++) {
        if (got.get(i).at().isBefore(expected.get(i).due())) {
          problems.add(
              event
                  + " attempt "
                  + (i + 1)
                  + " ran at "
                  + at(got.get(i).at())
                  + ", before it was due at "
                  + at(expected.get(i).due()));
        }
      }
      List<String> gotTimes = got.stream().map(call -> at(call.at())).toList();
      List<String> wantTimes = expected.stream().map(attempt -> at(attempt.at())).toList();
      if (!gotTimes.equals(wantTimes)) {
        problems.add(event + " reached the function at " + gotTimes + "; the model " + wantTimes);
      }
    }

    private String describe(AsyncOutcome outcome) {
      return outcome.kind()
          + " "
          + outcome.condition()
          + " after "
          + outcome.attempts()
          + " attempts at "
          + at(outcome.at());
    }

    private void failIfAny(List<String> problems) {
      if (!problems.isEmpty()) {
        throw new AssertionError(report(problems));
      }
    }

    private String report(List<String> problems) {
      return "Async model, seed "
          + seed
          + ", step "
          + step
          + " of "
          + steps
          + " (replay: -D"
          + SEED_PROPERTY
          + "="
          + seed
          + " -D"
          + STEPS_PROPERTY
          + "="
          + Math.min(step, steps)
          + ")\n  "
          + String.join("\n  ", problems)
          + "\nsteps:\n"
          + String.join("\n", log);
    }

    private void note(String text) {
      log.add(String.format("%3d %s %s", step, at(now), text));
    }

    private String at(Instant instant) {
      Duration offset = Duration.between(start, instant);
      return String.format(
          "T+%d:%02d:%02d.%03d",
          offset.toHours(), offset.toMinutesPart(), offset.toSecondsPart(), offset.toMillisPart());
    }

    private <E> E pick(List<E> list) {
      return list.get(random.nextInt(list.size()));
    }
  }

  /**
   * One in-memory store for every runtime of a run. Its {@code close()} does nothing, so events
   * survive a restart as in a durable store, and as it is no {@link InMemoryEventStore} a closing
   * runtime does not report them dropped. It tracks the events a dispatcher claimed and has not put
   * back or finished, so the test can tell when the runtime is quiet.
   */
  private static final class SurvivingStore implements EventStore {
    private final InMemoryEventStore delegate = new InMemoryEventStore();
    private final Set<UUID> claimed = new HashSet<>();
    private final Set<UUID> ended = new HashSet<>();
    private boolean gated;
    private @Nullable Thread refused;

    @Override
    public synchronized void enqueue(List<StoredEvent> events) {
      delegate.enqueue(events);
    }

    @Override
    public synchronized List<StoredEvent> claim(Instant now, int max, Duration lease) {
      if (gated) {
        refused = Thread.currentThread();
        return List.of();
      }
      List<StoredEvent> taken = delegate.claim(now, max, lease);
      taken.forEach(event -> claimed.add(event.requestId()));
      return taken;
    }

    @Override
    public synchronized void complete(UUID requestId) {
      delegate.complete(requestId);
      claimed.remove(requestId);
      ended.add(requestId);
    }

    @Override
    public synchronized void reschedule(StoredEvent event) {
      delegate.reschedule(event);
      claimed.remove(event.requestId());
    }

    @Override
    public synchronized void deadLetter(UUID requestId, String reason) {
      delegate.deadLetter(requestId, reason);
      claimed.remove(requestId);
      ended.add(requestId);
    }

    @Override
    public synchronized int recoverExpiredLeases(Instant now) {
      return delegate.recoverExpiredLeases(now);
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
      return delegate.nextDue();
    }

    @Override
    public synchronized long size() {
      return delegate.size();
    }

    @Override
    public synchronized List<DeadLetter> deadLetters() {
      return delegate.deadLetters();
    }

    /** Survives the runtime: the next one opens the same events. */
    @Override
    public void close() {}

    /**
     * A dispatcher claims every due event and dies: the leases stay until a start gives them back.
     */
    synchronized List<StoredEvent> claimAndCrash(Instant now) {
      return delegate.claim(now, Integer.MAX_VALUE, AsyncInvoker.LEASE);
    }

    /**
     * Refuses claims while a restarted host registers its functions again, so that events due at
     * the start run when the model predicts (see {@code restart}).
     */
    synchronized void gate(boolean closed) {
      gated = closed;
      Thread dispatcher = refused;
      if (!closed && dispatcher != null) {
        refused = null;
        LockSupport.unpark(dispatcher); // it may have parked after an empty claim
      }
    }

    /** Why the store may still change without a command, or empty when it is quiet. */
    synchronized Optional<String> busy(Instant now, Predicate<UUID> hasOutcome) {
      if (!claimed.isEmpty()) {
        return Optional.of("events claimed and not yet put back or finished: " + claimed);
      }
      Optional<Instant> due = delegate.nextDue();
      if (due.isPresent() && !due.get().isAfter(now)) {
        return Optional.of("an event due at " + due.get() + " is not claimed yet");
      }
      for (UUID id : ended) {
        if (!hasOutcome.test(id)) {
          return Optional.of("event " + id + " left the store and has no outcome yet");
        }
      }
      return Optional.empty();
    }
  }
}
