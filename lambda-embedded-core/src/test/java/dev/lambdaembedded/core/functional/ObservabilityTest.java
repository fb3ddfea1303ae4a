/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.testing.RuntimeFixture.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LogType;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What an invocation tells the host: its log lines through SLF4J by default, the MDC while its
 * handler runs, its standard output, its log tail, and what it allocated.
 */
final class ObservabilityTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @Test
  void defaultSink_writesLambdasLinesToTheFunctionsSlf4jLogger() {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.lambdaembedded.function.slf4j-fn");
    ListAppender<ILoggingEvent> appender =
        new ListAppender<>() {
          @Override
          protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // logback reads the MDC lazily otherwise
            super.append(event);
          }
        };
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    try {
      FunctionRuntime runtime =
          fixture.track(
              LambdaRuntime.builder()
                  .timeSource(fixture.time())
                  .mdc(true)
                  .requestIds(() -> java.util.UUID.fromString(requestId(7)))
                  .build());
      runtime
          .registry()
          .create(
              FunctionConfig.of("slf4j-fn"),
              FunctionCode.handler(
                  (Object in, Context c) -> {
                    c.logger().log("careful", LogLevel.WARN);
                    return "ok";
                  }));

      runtime.invoke("slf4j-fn", Payload.json("{}"));

      assertThat(appender.list)
          .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  Level.INFO, "START RequestId: " + requestId(7) + " Version: $LATEST"),
              org.assertj.core.groups.Tuple.tuple(Level.WARN, "[WARN] careful"),
              org.assertj.core.groups.Tuple.tuple(Level.INFO, "END RequestId: " + requestId(7)),
              org.assertj.core.groups.Tuple.tuple(
                  Level.INFO,
                  "REPORT RequestId: "
                      + requestId(7)
                      + "\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB"
                      + "\tMax Memory Used: unknown\tInit Duration: 0.00 ms\t"));
      assertThat(appender.list.get(1).getMDCPropertyMap())
          .as("the handler's own lines carry the MDC")
          .containsEntry("AWSRequestId", requestId(7))
          .containsEntry("functionName", "slf4j-fn")
          .containsEntry("functionVersion", "$LATEST");
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(null);
      logger.setAdditive(true);
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void mdc_holdsTheInvocationWhileTheHandlerRuns_andIsClearedAfter(ExecutionMode mode) {
    FunctionRuntime runtime = fixture.runtime(b -> b.mdc(true));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("mdc").executionMode(mode).build(),
            FunctionCode.handler(
                (Object in, Context c) ->
                    Map.of(
                        "id", String.valueOf(MDC.get("AWSRequestId")),
                        "fn", String.valueOf(MDC.get("functionName")),
                        "v", String.valueOf(MDC.get("functionVersion")),
                        "host", String.valueOf(MDC.get("host")))));
    MDC.put("host", "kept");
    try {
      InvocationResult result =
          runtime.invoke(InvocationRequest.of("mdc", Payload.json("{}"), Map.class));

      assertThat(((Payload.Value) ((InvocationResult.Success) result).payload()).value())
          .isEqualTo(
              Map.of(
                  "id",
                  requestId(1),
                  "fn",
                  "mdc",
                  "v",
                  "$LATEST",
                  "host",
                  mode == ExecutionMode.CALLER_THREAD ? "kept" : "null"));
      assertThat(MDC.get("AWSRequestId")).isNull();
      assertThat(MDC.get("host")).as("the host's own keys stay").isEqualTo("kept");
    } finally {
      MDC.remove("host");
    }
  }

  @Test
  void mdcOff_theDefault_leavesTheMdcAlone() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("quiet"),
            FunctionCode.handler(
                (Object in, Context c) -> String.valueOf(MDC.get("AWSRequestId"))));

    assertThat(runtime.invoke(InvocationRequest.of("quiet", Payload.json("{}"), String.class)))
        .isInstanceOfSatisfying(
            InvocationResult.Success.class,
            s -> assertThat(((Payload.Value) s.payload()).value()).isEqualTo("null"));
  }

  @Test
  void standardStreams_handlerThreadOutputIsCaptured_otherThreadsPassThrough() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream host = new ByteArrayOutputStream();
    System.setOut(new PrintStream(host, true, StandardCharsets.UTF_8));
    try {
      FunctionRuntime runtime = fixture.runtime();
      runtime
          .registry()
          .create(
              FunctionConfig.of("printer"),
              FunctionCode.handler(
                  (Object in, Context c) -> {
                    System.out.print("partial ");
                    System.out.println("line one");
                    System.err.println("to stderr");
                    System.out.print("no newline at the end");
                    Thread other =
                        Thread.ofPlatform().start(() -> System.out.println("from another thread"));
                    other.join();
                    return "ok";
                  }));

      runtime.invoke("printer", Payload.json("{}"));
      System.out.println("host line");
      runtime.close();

      assertThat(fixture.logs().linesOf(requestId(1)))
          .containsSubsequence("partial line one", "to stderr", "no newline at the end")
          .doesNotContain("from another thread");
      assertThat(host.toString(StandardCharsets.UTF_8))
          .contains("from another thread")
          .contains("host line")
          .doesNotContain("line one");
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void sinkThatPrintsToSystemOut_doesNotFeedItsOwnLinesBack() {
    PrintStream original = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    AtomicInteger written = new AtomicInteger();
    try {
      LogSink printing =
          new LogSink() {
            @Override
            public boolean isEnabled(String functionName, LogLevel level) {
              return true;
            }

            @Override
            public void write(LogRecord record) {
              written.incrementAndGet();
              System.out.println("sink: " + record.message()); // the current System.out
            }
          };
      FunctionRuntime runtime = fixture.track(LambdaRuntime.builder().logSink(printing).build());
      runtime
          .registry()
          .create(
              FunctionConfig.of("echoer"),
              FunctionCode.handler(
                  (Object in, Context c) -> {
                    System.out.println("hello");
                    return "ok";
                  }));

      runtime.invoke("echoer", Payload.json("{}"));
      runtime.close();

      assertThat(written).as("START, hello, END, REPORT and nothing else").hasValue(4);
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("sink: hello");
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void failingSink_neverFailsTheInvocation() {
    LogSink broken =
        new LogSink() {
          @Override
          public boolean isEnabled(String functionName, LogLevel level) {
            return true;
          }

          @Override
          public void write(LogRecord record) {
            throw new IllegalStateException("disk full");
          }
        };
    FunctionRuntime runtime = fixture.track(LambdaRuntime.builder().logSink(broken).build());
    runtime
        .registry()
        .create(FunctionConfig.of("robust"), FunctionCode.handler((Object in, Context c) -> "ok"));

    assertThat(runtime.invoke("robust", Payload.json("{}")))
        .isInstanceOf(InvocationResult.Success.class);
  }

  @Test
  void logTail_keepsTheLastFourKilobytes() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("verbose"),
            FunctionCode.handler(
                (Object in, Context c) -> {
                  for (int i = 0; i < 200; i++) {
                    c.logger().log("line " + i + " " + "x".repeat(40));
                  }
                  return "ok";
                }));

    InvocationResult result =
        runtime.invoke(
            InvocationRequest.builder("verbose").payloadJson("{}").logType(LogType.TAIL).build());

    String tail = result.logTail().orElseThrow();
    assertThat(tail.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(4096);
    assertThat(tail)
        .doesNotContain("START")
        .contains("line 199")
        .endsWith("Init Duration: 0.00 ms\t\n");
    assertThat(result.logTail()).isPresent();
    assertThat(runtime.invoke("verbose", Payload.json("{}")).logTail())
        .as("no tail unless asked for")
        .isEmpty();
  }

  @Test
  void allocatedBytes_measuredOnPlatformThreads_unknownOnVirtualThreads() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.allocationTracking(true));
    runtime
        .registry()
        .create(
            FunctionConfig.of("alloc"),
            FunctionCode.handler((Object in, Context c) -> new byte[4 * 1024 * 1024].length));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("alloc-vt").executionMode(ExecutionMode.VIRTUAL_THREAD).build(),
            FunctionCode.handler((Object in, Context c) -> new byte[1024].length));

    long onPlatform = runtime.invoke("alloc", Payload.json("{}")).report().allocatedBytes();
    long onVirtual = runtime.invoke("alloc-vt", Payload.json("{}")).report().allocatedBytes();

    assertThat(onPlatform).isGreaterThanOrEqualTo(4L * 1024 * 1024);
    assertThat(onVirtual).as("the JVM cannot say on a virtual thread").isEqualTo(-1);
    List<String> report = fixture.logs().lines("alloc");
    assertThat(report.get(report.size() - 1)).contains("Max Memory Used: unknown");
  }

  @Test
  void allocatedBytes_unknownWhenTrackingIsOff_theDefault() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(FunctionConfig.of("plain"), FunctionCode.handler((Object in, Context c) -> "ok"));

    assertThat(runtime.invoke("plain", Payload.json("{}")).report().allocated()).isEmpty();
  }
}
