/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import dev.lambdaembedded.api.AsyncOutcome;
import dev.lambdaembedded.api.DestinationMessage;
import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationReport;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LayerVersionInfo;
import dev.lambdaembedded.api.LogType;
import dev.lambdaembedded.api.MessageQueue;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.TooManyRequestsException;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.CodeSource;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.samples.functions.Greeting;
import dev.lambdaembedded.samples.functions.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sample host: one embedded Lambda runtime, a few functions, and a narrated tour of what an
 * invocation does, started by the README's {@code ./mvnw -q -pl samples -am compile exec:exec}.
 *
 * <p>The narration goes to {@code System.out}, each line starting with {@value #NARRATION}; the
 * runtime's own {@code START}, {@code END} and {@code REPORT} lines and the functions' output go to
 * SLF4J (logback's console, one logger per function named {@code
 * dev.lambdaembedded.function.<name>}; {@code logback.xml} keeps {@code checkout}, invoked 1,000
 * times, to warnings). The tour takes a few seconds, most of them spent waiting for a timeout and
 * for the retries of asynchronous events, which it shortens from Lambda's minutes to milliseconds.
 *
 * <p>Its deployed-code part needs the sample function's and layer's jars, which the build writes at
 * the compile phase; {@link SampleJars} says where it finds them. Without them it skips that part.
 */
public final class SampleHost {

  /** The prefix of every narration line, which tells it apart from the runtime's log lines. */
  public static final String NARRATION = "==> ";

  private static final Payload.Json ADA = Payload.json("{\"name\":\"Ada\"}");

  // the handler classes in the sample function's jar, and the layer's class one of them uses
  private static final String SHOUT_HANDLER = "dev.lambdaembedded.samples.shout.ShoutHandler";
  private static final String SLUG_HANDLER = "dev.lambdaembedded.samples.shout.SlugHandler";
  private static final String SLUGS = "dev.lambdaembedded.samples.texttools.Slugs";

  private SampleHost() {}

  /**
   * Runs the tour and returns once the runtime is closed.
   *
   * @param args ignored
   * @throws Exception if the host itself fails (a function's failure is narrated, not thrown)
   */
  public static void main(String[] args) throws Exception {
    say("lambda-embedded sample host: AWS Lambda's programming model inside this JVM");
    BlockingQueue<AsyncOutcome> outcomes = new LinkedBlockingQueue<>();
    // Lambda retries a failed asynchronous event after about 1 minute, then 2: the tour's runtime
    // waits 200 ms, then 400 ms, so that section 10 takes a second, not three minutes
    try (FunctionRuntime runtime =
        LambdaRuntime.builder()
            .asyncRetryDelays(Duration.ofMillis(200), Duration.ofMillis(400))
            .asyncOutcomes(outcomes::add)
            .build()) {
      coldAndWarm(runtime);
      handlerByClassName(runtime);
      handlerError(runtime);
      timeout(runtime);
      throttle(runtime);
      logTail(runtime);
      deployedCode(runtime);
      metrics(runtime);
      versionsAndAliases(runtime);
      asynchronous(runtime, outcomes);
      say("");
      say("Closing the runtime: environments shut down, runtime threads stop.");
    }
    say("Done.");
  }

  /** The inline handler of {@code hello}: a static method, so the shared instance is stateless. */
  private static Reply hello(Greeting greeting, Context context) {
    String name = greeting.name();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return new Reply("Hello, " + name + "!");
  }

  private static void coldAndWarm(FunctionRuntime runtime) {
    section("1. An inline typed handler (Greeting -> Reply): a cold invoke, then a warm one");
    runtime
        .registry()
        .create(
            FunctionConfig.of("hello"), FunctionCode.handler(Greeting.class, SampleHost::hello));

    // LogType.TAIL returns the invocation's log with the result, to show its REPORT line here too.
    InvocationResult cold = runtime.invoke(withTail("hello", ADA));
    describeInvoke("cold", cold);
    InvocationResult warm = runtime.invoke(withTail("hello", Payload.json("{\"name\":\"Grace\"}")));
    describeInvoke("warm", warm);
  }

  private static void describeInvoke(String label, InvocationResult result) {
    InvocationReport report = result.report();
    say("   " + label + ": response " + responseText(result));
    say(
        "         cold start: "
            + report.coldStart()
            + ", init "
            + report.initDuration().map(SampleHost::millis).orElse("none (warm environment)")
            + ", duration "
            + millis(report.duration())
            + ", billed "
            + report.billedDurationMillis()
            + " ms");
    String reportLine =
        result
            .logTail()
            .orElse("")
            .lines()
            .filter(l -> l.startsWith("REPORT"))
            .findFirst()
            .orElse("");
    say("         REPORT line has \"Init Duration\": " + reportLine.contains("Init Duration"));
  }

  private static void handlerByClassName(FunctionRuntime runtime) {
    section("2. A handler loaded by class name from the host's classpath");
    String handler = "dev.lambdaembedded.samples.functions.Greeter::handle";
    runtime
        .registry()
        .create(
            FunctionConfig.builder("greeter").handler(handler).build(), FunctionCode.classpath());
    say("   handler string: " + handler);
    say("   response: " + responseText(runtime.invoke("greeter", ADA)));
    say("   response: " + responseText(runtime.invoke("greeter", ADA)));
  }

  private static void handlerError(FunctionRuntime runtime) {
    section("3. A handler that throws: the error is a value in Lambda's shape, not an exception");
    InvocationResult result = runtime.invoke("hello", Payload.json("{\"name\":\"\"}"));
    switch (result) {
      case InvocationResult.Success success ->
          say("   unexpected success: " + responseText(success));
      case InvocationResult.Failure failure -> {
        say("   X-Amz-Function-Error: " + failure.functionError());
        say("   error type: " + failure.error().errorType());
        say("   error JSON: " + failure.error().toJson());
      }
    }
  }

  private static void timeout(FunctionRuntime runtime) {
    section("4. A timeout: a 1-second function whose handler sleeps for 10 seconds");
    runtime
        .registry()
        .create(
            FunctionConfig.builder("sleepy").timeout(Duration.ofSeconds(1)).build(),
            FunctionCode.handler(
                Greeting.class,
                (greeting, context) -> {
                  Thread.sleep(Duration.ofSeconds(10)); // interrupted at the deadline
                  return new Reply("too late");
                }));
    long start = System.nanoTime();
    InvocationResult result = runtime.invoke("sleepy", ADA);
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    say("   response: " + responseText(result));
    say("   the caller waited " + millis(waited) + ", not 10 s");
  }

  private static void throttle(FunctionRuntime runtime) throws Exception {
    section("5. A throttle: reserved concurrency 1, and a second caller while the first runs");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("single").reservedConcurrency(1).build(),
            FunctionCode.handler(
                Greeting.class,
                (greeting, context) -> {
                  inside.countDown();
                  release.await();
                  return new Reply("first caller done");
                }));

    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<InvocationResult> first = callers.submit(() -> runtime.invoke("single", ADA));
      try {
        if (!inside.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the first invocation never reached its handler");
        }
        say("   the first invocation is inside its handler; invoking again from main...");
        try {
          InvocationResult second = runtime.invoke("single", ADA);
          say("   not throttled (unexpected): " + responseText(second));
        } catch (TooManyRequestsException e) {
          say("   " + e.errorCode() + " (HTTP " + e.statusCode() + ")");
          say("   reason: " + e.reason().lambdaName());
          say("   message: " + e.getMessage());
        }
      } finally {
        release.countDown();
      }
      say("   released the first invocation: " + responseText(join(first)));
    }
  }

  private static void logTail(FunctionRuntime runtime) {
    section("6. The log tail: LogType.TAIL returns the invocation's last 4 KB of log");
    runtime
        .registry()
        .create(
            FunctionConfig.of("chatty"),
            FunctionCode.handler(
                Greeting.class,
                (greeting, context) -> {
                  context.logger().log("greeting " + greeting.name() + " via context.logger()");
                  context.logger().log("a levelled line", LogLevel.WARN);
                  System.out.println("System.out on the handler's thread goes to the log too");
                  return new Reply("Hi, " + greeting.name());
                }));
    InvocationResult result = runtime.invoke(withTail("chatty", ADA));
    say("   response: " + responseText(result));
    say("   log tail:");
    result.logTail().orElse("(none)").lines().forEach(line -> say("   | " + line));
  }

  private static void deployedCode(FunctionRuntime runtime) {
    section("7. Deployed code: a function jar and a layer, each in class loaders of their own");
    Optional<Path> functionJar = SampleJars.function();
    Optional<Path> layerJar = SampleJars.layer();
    if (functionJar.isEmpty() || layerJar.isEmpty()) {
      say("   skipped: the jars are built by ./mvnw -q -pl samples -am compile");
      return;
    }

    // a plain jar is a valid layer; Lambda's zip layout (java/lib/*.jar) is accepted as well
    LayerVersionInfo textTools =
        runtime
            .layers()
            .publishLayerVersion(
                "text-tools",
                CodeSource.of(layerJar.get()),
                List.of("java25"),
                "Slugs for the sample functions");
    say("   published layer " + layerJar.get().getFileName() + ": " + textTools.layerVersionArn());

    // two functions from one jar; the runtime copies the code, so the jar may change afterwards
    runtime
        .registry()
        .create(
            FunctionConfig.builder("shout")
                .handler(SHOUT_HANDLER)
                .environment(Map.of("GREETING", "Ahoy"))
                .build(),
            FunctionCode.deployed(functionJar.get()));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("slugify")
                .handler(SLUG_HANDLER)
                .layers(textTools.layerVersionArn())
                .build(),
            FunctionCode.deployed(functionJar.get()));
    say("   deployed " + functionJar.get().getFileName() + " as shout (GREETING=Ahoy)");
    say("   deployed " + functionJar.get().getFileName() + " as slugify (layer text-tools)");

    say(
        "   shout:   "
            + responseText(runtime.invoke("shout", Payload.json("{\"text\":\"hello\"}"))));
    say(
        "   shout:   "
            + responseText(runtime.invoke("shout", Payload.json("{\"text\":\"again\"}"))));
    say(
        "   slugify: "
            + responseText(
                runtime.invoke("slugify", Payload.json("{\"title\":\"Hello, Wörld!\"}"))));
    say("   each environment loads the jar anew: its static invocation counter is its own");

    // shout's greeting is its System.getenv("GREETING"): deployed code reads the function's
    // variables (CodePolicy.functionEnvironment), while the host's own call reads the process's
    say(
        "   shout's System.getenv(\"GREETING\") saw Ahoy; the host's System.getenv(\"GREETING\") is "
            + System.getenv("GREETING"));
    say("   the host loading " + SHOUT_HANDLER + ": " + hostLoads(SHOUT_HANDLER));
    say("   the host loading " + SLUGS + ": " + hostLoads(SLUGS));
  }

  /** Whether the host's own class loader finds a class, which it must not for deployed code. */
  private static String hostLoads(String className) {
    try {
      Class.forName(className, false, SampleHost.class.getClassLoader());
      return "loaded (unexpected: the jar is on the host's class path)";
    } catch (ClassNotFoundException e) {
      return "ClassNotFoundException";
    }
  }

  private static void metrics(FunctionRuntime runtime) {
    section("8. The runtime's counters: runtime.inspect().metrics(name)");
    for (FunctionInfo info : runtime.registry().list()) {
      runtime.inspect().metrics(info.functionName()).ifPresent(m -> say("   " + describe(m)));
    }
    say(
        "   running now: "
            + runtime.inspect().concurrentExecutions()
            + ", stuck: "
            + runtime.inspect().stuckInvocations());
  }

  private static String describe(FunctionMetrics m) {
    return String.format(
        Locale.ROOT,
        "%-8s invocations=%d errors=%d throttles=%d timeouts=%d coldStarts=%d environments=%d"
            + " mean=%s",
        m.functionName(),
        m.invocations(),
        m.errors(),
        m.throttles(),
        m.timeouts(),
        m.coldStarts(),
        m.environments(),
        millis(m.meanDuration()));
  }

  private static void versionsAndAliases(FunctionRuntime runtime) {
    section("9. Versions and aliases: publish two versions, shift an alias 90/10, promote");
    FunctionRegistry registry = runtime.registry();
    registry.create(
        FunctionConfig.of("checkout"),
        FunctionCode.handler(
            Greeting.class,
            (greeting, context) -> new Reply("total from version " + context.functionVersion())));
    describeVersion(registry.publishVersion("checkout", "Plain totals"));
    registry.updateCode(
        "checkout",
        FunctionCode.handler(
            Greeting.class,
            (greeting, context) ->
                new Reply("total with discounts from version " + context.functionVersion())));
    describeVersion(registry.publishVersion("checkout", "Discounts"));
    FunctionInfo again = registry.publishVersion("checkout", "Nothing new");
    say("   published again with nothing changed: version " + again.version());
    List<String> versions =
        registry.listVersions("checkout").stream().map(FunctionInfo::version).toList();
    say(
        "   versions: "
            + String.join(", ", versions)
            + (versions.contains("3") ? " (unexpected: a version 3)" : ", no version 3"));

    registry.createAlias("checkout", AliasConfig.of("live", "1"));
    say("   live -> 1: " + describeLive(runtime.invoke("checkout:live", ADA)));

    registry.updateAlias("checkout", AliasConfig.of("live", "1").withRouting("2", 0.1));
    say("   live -> 1, 10% to 2: invoking checkout:live 1,000 times...");
    say("   (logback.xml sets checkout's logger to WARN: no 3,000 START, END and REPORT lines)");
    Map<String, Integer> executed = new TreeMap<>();
    for (int i = 0; i < 1_000; i++) {
      executed.merge(runtime.invoke("checkout:live", ADA).executedVersion(), 1, Integer::sum);
    }
    StringJoiner counts = new StringJoiner(", ");
    executed.forEach((version, count) -> counts.add("version " + version + ": " + count));
    say("   executed " + counts);

    registry.updateAlias("checkout", AliasConfig.of("live", "2"));
    say("   promoted, live -> 2: " + describeLive(runtime.invoke("checkout:live", ADA)));
  }

  private static void asynchronous(FunctionRuntime runtime, BlockingQueue<AsyncOutcome> outcomes)
      throws InterruptedException {
    section("10. Asynchronous invocation: retries under one request id, then a dead-letter queue");
    say("   (retries after 200 ms, then 400 ms: asyncRetryDelays; Lambda waits 1, then 2 minutes)");
    // the handler notes each attempt; the host prints them, as a handler's System.out is its log
    record Attempt(long nanoTime, String requestId, String result) {}
    BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();
    AtomicInteger calls = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("flaky"),
            FunctionCode.handler(
                Greeting.class,
                (greeting, context) -> {
                  boolean fail = calls.incrementAndGet() <= 2;
                  attempts.add(
                      new Attempt(
                          System.nanoTime(),
                          context.awsRequestId(),
                          fail ? "throws IllegalStateException" : "returns a reply"));
                  if (fail) {
                    throw new IllegalStateException("attempt " + calls.get() + " failed");
                  }
                  return new Reply("Hello, " + greeting.name() + ", at last");
                }));
    long sent = System.nanoTime();
    UUID requestId = runtime.invokeAsync("flaky", ADA);
    say("   invokeAsync(\"flaky\") returned at once (Lambda's 202): request id " + requestId);
    AsyncOutcome outcome = outcomeOf(requestId, outcomes);
    List<Attempt> tried = List.copyOf(attempts);
    for (int i = 0; i < tried.size(); i++) {
      Attempt attempt = tried.get(i);
      long offset = TimeUnit.NANOSECONDS.toMillis(attempt.nanoTime() - sent);
      say(
          String.format(
              Locale.ROOT,
              "   attempt %d at +%3d ms, request id %s: %s",
              i + 1,
              offset,
              attempt.requestId(),
              attempt.result()));
    }
    boolean same = tried.stream().allMatch(a -> a.requestId().equals(requestId.toString()));
    say("   the same request id on all " + tried.size() + " attempts: " + same);
    say("   outcome: " + describe(outcome));

    MessageQueue deadLetters = runtime.destinations().queue("doomed-dlq");
    MessageQueue failures = runtime.destinations().queue("doomed-failures");
    runtime
        .registry()
        .create(
            FunctionConfig.builder("doomed").deadLetterTarget(deadLetters.arn()).build(),
            FunctionCode.handler(
                Greeting.class,
                (greeting, context) -> {
                  throw new IllegalStateException("the warehouse is closed");
                }));
    runtime
        .registry()
        .putEventInvokeConfig(
            "doomed",
            "$LATEST",
            EventInvokeConfig.defaults().withMaximumRetryAttempts(1).withOnFailure(failures.arn()));
    say(
        "   doomed always throws; 1 retry, dead-letter queue doomed-dlq, on failure doomed-failures");
    UUID doomedId = runtime.invokeAsync("doomed", ADA);
    say("   invokeAsync(\"doomed\"): request id " + doomedId);
    say("   outcome: " + describe(outcomeOf(doomedId, outcomes)));
    DestinationMessage dead = deadLetters.poll(Duration.ofSeconds(10)).orElseThrow();
    say("   dead letter in doomed-dlq, the event as sent: " + dead.body());
    for (String attribute : List.of("RequestID", "ErrorCode", "ErrorMessage")) {
      say("     " + attribute + ": " + dead.attributes().get(attribute));
    }
    say("   record in doomed-failures, in the shape of Lambda's invocation record:");
    say("     " + failures.poll(Duration.ofSeconds(10)).orElseThrow().body());
  }

  private static String describe(AsyncOutcome outcome) {
    return outcome.kind()
        + " ("
        + outcome.condition()
        + ") after "
        + outcome.attempts()
        + " attempts";
  }

  /** Waits for an asynchronous event's outcome, which the runtime's listener queues. */
  private static AsyncOutcome outcomeOf(UUID requestId, BlockingQueue<AsyncOutcome> outcomes)
      throws InterruptedException {
    while (true) {
      AsyncOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
      if (outcome == null) {
        throw new IllegalStateException("no outcome for event " + requestId + " within 10 s");
      }
      if (outcome.requestId().equals(requestId)) {
        return outcome;
      }
    }
  }

  private static void describeVersion(FunctionInfo info) {
    say("   published version " + info.version() + " (" + info.config().description() + ")");
  }

  private static String describeLive(InvocationResult result) {
    return "checkout:live executed version "
        + result.executedVersion()
        + ", "
        + responseText(result);
  }

  private static InvocationRequest withTail(String qualifier, Payload payload) {
    return InvocationRequest.builder(qualifier).payload(payload).logType(LogType.TAIL).build();
  }

  /** The response text, or the error JSON prefixed with its type. */
  private static String responseText(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Success success ->
          switch (success.payload()) {
            case Payload.Json json -> json.asString();
            case Payload.Bytes bytes -> bytes.asString();
            case Payload.Value value -> String.valueOf(value.value());
          };
      case InvocationResult.Failure failure ->
          failure.error().errorType() + " " + failure.error().toJson();
    };
  }

  private static InvocationResult join(Future<InvocationResult> invocation) throws Exception {
    try {
      return invocation.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static String millis(Duration duration) {
    return String.format(Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
  }

  private static void section(String title) {
    say("");
    say(title);
  }

  private static void say(String line) {
    System.out.println(NARRATION + line);
  }
}
