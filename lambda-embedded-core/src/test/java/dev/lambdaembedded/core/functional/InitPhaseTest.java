/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.functional.Handlers.handler;
import static dev.lambdaembedded.core.testing.Results.coldStarts;
import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.InitContext;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.testing.JacksonAccess;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The init phase (reference sheet 1.3 "Init vs invoke faults", 5.4): a class initializer,
 * constructor, factory or init hook that throws fails the invocation, and since Lambda restarts the
 * runtime after an init error, the next invocation runs the init phase again; once the cause is
 * gone, it succeeds. The init hook runs once per environment, before the first invocation.
 */
final class InitPhaseTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @BeforeAll
  static void openEventsToJackson() {
    JacksonAccess.open(Events.class); // the recovery test decodes a Greeting
  }

  /** A failure scenario: how to register it, the switch that makes it fail, what it fails with. */
  record Scenario(
      String label,
      Consumer<FunctionRuntime> register,
      AtomicBoolean fail,
      String errorType,
      String errorMessage,
      String firstFrame) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static final AtomicBoolean FACTORY_FAILS = new AtomicBoolean();

  private static RequestHandler<String, String> buildHandler() {
    if (FACTORY_FAILS.get()) {
      throw new IllegalStateException("factory failed");
    }
    return (in, context) -> "built " + in;
  }

  static Stream<Scenario> scenarios() {
    String constructor = Handlers.FailingConstructor.class.getName();
    String init = Handlers.FailingInit.class.getName();
    return Stream.of(
        new Scenario(
            "constructor",
            runtime ->
                runtime
                    .registry()
                    .create(
                        FunctionConfig.builder("init")
                            .handler(handler(Handlers.FailingConstructor.class, "handle"))
                            .build(),
                        FunctionCode.classpath()),
            Handlers.FailingConstructor.FAIL,
            // Lambda's EventHandlerLoader.newInstance: makeUserFault(cause), its own message
            "java.lang.IllegalStateException",
            "constructor failed",
            constructor + ".<init>("),
        new Scenario(
            "inline factory",
            runtime ->
                runtime
                    .registry()
                    .create(
                        FunctionConfig.of("init"),
                        FunctionCode.handlerFactory(String.class, InitPhaseTest::buildHandler)),
            FACTORY_FAILS,
            "java.lang.IllegalStateException",
            "Error building the handler: factory failed",
            InitPhaseTest.class.getName() + ".buildHandler("),
        new Scenario(
            "Lifecycle.init",
            runtime ->
                runtime
                    .registry()
                    .create(
                        FunctionConfig.builder("init").handler(init).build(),
                        FunctionCode.classpath()),
            Handlers.FailingInit.FAIL,
            "java.lang.IllegalStateException",
            "init hook failed",
            init + ".init("));
  }

  /**
   * Each failed init phase fails its invocation with the thrown error (stack trace from where it
   * was thrown), keeps no environment, and the next invocation is a cold start again; once the
   * cause is gone the function works and stays warm.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void invoke_initPhaseThrows_failsThenRetriesInitUntilItSucceeds(Scenario scenario) {
    scenario.fail().set(true);
    try {
      FunctionRuntime runtime = fixture.runtime();
      scenario.register().accept(runtime);

      InvocationResult first = runtime.invoke("init", Payload.json("\"a\""));
      InvocationResult second = runtime.invoke("init", Payload.json("\"b\""));

      for (InvocationResult failed : List.of(first, second)) {
        FunctionError error = error(failed);
        assertThat(error.errorType()).isEqualTo(scenario.errorType());
        assertThat(error.errorMessage()).isEqualTo(scenario.errorMessage());
        assertThat(error.stackTrace()).first().asString().startsWith(scenario.firstFrame());
        assertThat(error.stackTrace()).noneMatch(frame -> frame.contains("HandlerCall"));
      }
      assertThat(coldStarts(runtime, "init")).isEqualTo(2);

      scenario.fail().set(false);
      InvocationResult recovered = runtime.invoke("init", Payload.json("\"c\""));
      InvocationResult warm = runtime.invoke("init", Payload.json("\"d\""));

      assertThat(recovered.report().coldStart()).isTrue();
      assertThat(json(recovered)).endsWith(" c\"");
      assertThat(warm.report().coldStart()).isFalse();
      assertThat(json(warm)).endsWith(" d\"");
      assertThat(coldStarts(runtime, "init")).isEqualTo(3);
    } finally {
      scenario.fail().set(false);
    }
  }

  /**
   * A static initializer that throws fails the init phase with {@code ExceptionInInitializerError}
   * ("Error loading class X"). Lambda's runtime then exits and the next invocation starts a new
   * JVM, where the initializer runs and fails again the same way; a new handler then recovers.
   */
  @Test
  void invoke_staticInitializerThrows_failsEachColdStartTheSameWay() {
    String className = Handlers.StaticInitFails.class.getName();
    FunctionRuntime runtime = fixture.runtime();
    FunctionConfig config = staticInitFails(runtime, Handlers.StaticInitFails.class);

    List<FunctionError> errors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      errors.add(error(runtime.invoke("static-init", Payload.json("\"x\""))));
    }

    assertThat(errors)
        .extracting(FunctionError::errorType)
        .containsOnly("java.lang.ExceptionInInitializerError");
    assertThat(errors)
        .extracting(FunctionError::errorMessage)
        .allMatch(message -> message.startsWith("Error loading class " + className));
    // the initialiser's exception: the cause of the first failure; after it the class stays broken
    // in the shared class loader, and the JVM's record of that first exception is what is reported
    FunctionError cause = errors.getFirst().cause().orElseThrow();
    assertThat(cause.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(cause.errorMessage()).isEqualTo("static initializer failed");
    assertThat(errors.subList(1, errors.size()))
        .extracting(FunctionError::errorMessage)
        .allMatch(message -> message.contains("IllegalStateException: static initializer failed"));
    assertThat(coldStarts(runtime, "static-init")).isEqualTo(3);

    runtime
        .registry()
        .updateConfig(config.toBuilder().handler(Handlers.Greeter.class.getName()).build());
    assertThat(json(runtime.invoke("static-init", Payload.json("{\"name\":\"Ada\"}"))))
        .isEqualTo("\"Hello Ada x0\"");
  }

  /**
   * The trace of a class initialization error, like any function error's, holds the function's
   * frames only: none of the runtime that loaded the class or of the caller below it (Lambda cuts
   * its runtime's frames, {@code UserFault.filterStackTrace}).
   */
  @Test
  void invoke_staticInitializerThrows_traceHasNoRuntimeOrCallerFrames() {
    FunctionRuntime runtime = fixture.runtime();
    staticInitFails(runtime, Handlers.StaticInitFailsToo.class);

    FunctionError error = error(runtime.invoke("static-init", Payload.json("\"x\"")));

    assertThat(error.stackTrace())
        .noneMatch(frame -> frame.startsWith("dev.lambdaembedded.core.execution."))
        .noneMatch(frame -> frame.startsWith("dev.lambdaembedded.core.invoke."))
        .noneMatch(frame -> frame.startsWith("dev.lambdaembedded.core.EmbeddedRuntime."))
        .noneMatch(frame -> frame.startsWith(InitPhaseTest.class.getName() + "."))
        .noneMatch(frame -> frame.startsWith("org.junit."));
  }

  /** Its static initialiser runs what the test left in the system properties, then throws. */
  private static final byte[] BROKEN =
      TestJars.builder()
          .source(
              "fn.Broken",
              """
              package fn;
              public class Broken implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
                static {
                  Object before = System.getProperties().get("broken.init");
                  if (before instanceof Runnable run) {
                    run.run();
                  }
                  if (before != null) {
                    throw new IllegalStateException("init failed on purpose");
                  }
                }
                public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
                  return in;
                }
              }
              """)
          .toBytes();

  private List<String> functionErrors(String name) {
    return fixture.logs().records().stream()
        .filter(r -> r.functionName().equals(name) && r.source() == LogRecord.Source.FUNCTION)
        .filter(r -> r.level() == LogLevel.ERROR)
        .map(LogRecord::message)
        .toList();
  }

  /**
   * A deployed class whose static initialiser throws fails each cold start as Lambda's runtime
   * fails its init ({@code UserFault.makeInitErrorUserFault}): {@code Error loading class
   * fn.Broken} of type {@code ExceptionInInitializerError}, its cause the initialiser's exception,
   * in the error's cause chain and in the function log ({@code reportableError}: Java's trace with
   * {@code Caused by:}). The invocation ran an init phase: its report is a cold start whose Init
   * Duration is INIT_REPORT's, in the result and in the REPORT line.
   */
  @Test
  void invoke_deployedStaticInitializerThrows_keepsCauseAndReportsTheInitPhase() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("broken").handler("fn.Broken::handleRequest").build(),
            FunctionCode.deployed(BROKEN));
    Runnable slowInit = () -> fixture.time().advance(Duration.ofMillis(250));
    System.getProperties().put("broken.init", slowInit);
    List<InvocationResult> results = new ArrayList<>();
    try {
      results.add(runtime.invoke("broken", Payload.json("\"x\"")));
      results.add(runtime.invoke("broken", Payload.json("\"y\"")));
    } finally {
      System.getProperties().remove("broken.init");
    }

    for (InvocationResult result : results) {
      FunctionError error = error(result);
      assertThat(error.errorType()).isEqualTo("java.lang.ExceptionInInitializerError");
      assertThat(error.errorMessage()).isEqualTo("Error loading class fn.Broken");
      FunctionError cause = error.cause().orElseThrow();
      assertThat(cause.errorType()).isEqualTo("java.lang.IllegalStateException");
      assertThat(cause.errorMessage()).isEqualTo("init failed on purpose");
      assertThat(cause.stackTrace())
          .first()
          .asString()
          .startsWith("fn.Broken.<clinit>(Broken.java:");
      assertThat(cause.stackTrace()).noneMatch(frame -> frame.contains("HandlerCall"));
      assertThat(cause.cause()).isEmpty();

      assertThat(result.report().coldStart()).isTrue();
      assertThat(result.report().initDuration()).contains(Duration.ofMillis(250));
      assertThat(result.report().duration()).isZero();
    }
    assertThat(coldStarts(runtime, "broken")).isEqualTo(2);

    FunctionError error = error(results.getFirst());
    FunctionError cause = error.cause().orElseThrow();
    // the initialiser ran inside the loading call: its frames below <clinit> are the error's own
    assertThat(cause.stackTrace().subList(1, cause.stackTrace().size()))
        .isEqualTo(error.stackTrace());
    StringBuilder expected =
        new StringBuilder("Error loading class fn.Broken: java.lang.ExceptionInInitializerError\n")
            .append("java.lang.ExceptionInInitializerError\n");
    error.stackTrace().forEach(frame -> expected.append("\tat ").append(frame).append('\n'));
    expected
        .append("Caused by: java.lang.IllegalStateException: init failed on purpose\n")
        .append("\tat ")
        .append(cause.stackTrace().getFirst())
        .append('\n');
    if (!error.stackTrace().isEmpty()) {
      expected.append("\t... ").append(error.stackTrace().size()).append(" more\n");
    }
    assertThat(functionErrors("broken")).containsExactly(expected.toString(), expected.toString());

    String type = "java.lang.ExceptionInInitializerError";
    String firstId = RuntimeFixture.requestId(1);
    assertThat(fixture.logs().linesOf(firstId))
        .containsExactly(
            expected.toString(),
            "INIT_REPORT Init Duration: 250.00 ms\tPhase: init\tStatus: error\tError Type: "
                + type
                + "\t",
            "START RequestId: " + firstId + " Version: $LATEST",
            "END RequestId: " + firstId,
            "REPORT RequestId: "
                + firstId
                + "\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory"
                + " Used: unknown\tInit Duration: 250.00 ms\tStatus: error\tError Type: "
                + type
                + "\t");
  }

  private static FunctionConfig staticInitFails(FunctionRuntime runtime, Class<?> handlerClass) {
    FunctionConfig config =
        FunctionConfig.builder("static-init").handler(handler(handlerClass, "handle")).build();
    runtime.registry().create(config, FunctionCode.classpath());
    return config;
  }

  /** Records what its init hook receives and the order of init and invocations. */
  static final class RecordingHandler implements RequestHandler<String, String>, Lifecycle {
    final List<String> events;

    RecordingHandler(List<String> events) {
      this.events = events;
    }

    @Override
    public void init(InitContext context) {
      events.add(
          "init "
              + context.functionName()
              + " "
              + context.functionVersion()
              + " "
              + context.memoryLimitInMB());
      Map<String, String> environment = context.environment();
      events.add("GREETING=" + environment.get("GREETING"));
      events.add("AWS_LAMBDA_FUNCTION_NAME=" + environment.get("AWS_LAMBDA_FUNCTION_NAME"));
      events.add("AWS_REGION=" + environment.get("AWS_REGION"));
      events.add(
          "AWS_LAMBDA_LOG_STREAM_NAME is the log stream: "
              + context.logStreamName().equals(environment.get("AWS_LAMBDA_LOG_STREAM_NAME")));
    }

    @Override
    public String handleRequest(String input, Context context) {
      events.add("invoke " + input);
      return input;
    }
  }

  /**
   * {@code Lifecycle.init} runs once per environment before its first invocation, with the
   * function's name, version, memory and variables, the reserved ones included.
   */
  @Test
  void invoke_lifecycleHandler_runsInitOnceBeforeFirstInvocationWithEnvironment() {
    List<String> events = new ArrayList<>();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("life")
                .memorySize(512)
                .environmentVariable("GREETING", "hello")
                .build(),
            FunctionCode.handlerFactory(String.class, () -> new RecordingHandler(events)));

    runtime.invoke("life", Payload.json("\"one\""));
    runtime.invoke("life", Payload.json("\"two\""));

    assertThat(events)
        .containsExactly(
            "init life $LATEST 512",
            "GREETING=hello",
            "AWS_LAMBDA_FUNCTION_NAME=life",
            "AWS_REGION=us-east-1",
            "AWS_LAMBDA_LOG_STREAM_NAME is the log stream: true",
            "invoke one",
            "invoke two");
  }
}
