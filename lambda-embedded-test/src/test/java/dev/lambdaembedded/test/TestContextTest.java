/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.test.CapturingLogger.Line;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class TestContextTest {

  /** A time source that moves only when told to. */
  private static final class ManualTime implements TimeSource {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Instant start;

    ManualTime(Instant start) {
      this.start = start;
    }

    void advance(Duration duration) {
      nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    @Override
    public Instant instant() {
      return start.plusNanos(nanos.get());
    }
  }

  @Test
  void ofDefaults_hasLambdasValuesForAnUnqualifiedInvocation() {
    TestContext context = TestContext.ofDefaults();

    assertThat(UUID.fromString(context.awsRequestId()).toString())
        .isEqualTo(context.awsRequestId());
    assertThat(context.functionName()).isEqualTo("test-function");
    assertThat(context.functionVersion()).isEqualTo("$LATEST");
    assertThat(context.memoryLimitInMB()).isEqualTo(128);
    assertThat(context.logGroupName()).isEqualTo("/aws/lambda/test-function");
    assertThat(context.logStreamName()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
    assertThat(context.invokedFunctionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:test-function");
    assertThat(context.remainingTimeInMillis()).isBetween(1, 3_000);
    assertThat(context.logger().lines()).isEmpty();
    assertThat(context.environment())
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "test-function")
        .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/test-function")
        .containsEntry("AWS_LAMBDA_LOG_STREAM_NAME", context.logStreamName())
        .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
        .containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("AWS_DEFAULT_REGION", "us-east-1");
  }

  @Test
  void build_twice_givesNewRequestIdsLogStreamsAndLoggers() {
    TestContext.Builder builder = TestContext.builder();

    TestContext first = builder.build();
    TestContext second = builder.build();

    assertThat(second.awsRequestId()).isNotEqualTo(first.awsRequestId());
    assertThat(second.logStreamName()).isNotEqualTo(first.logStreamName());
    assertThat(second.logger()).isNotSameAs(first.logger());
  }

  @Test
  void setters_replaceTheDefaultsAndTheValuesDerivedFromThem() {
    TestContext context =
        TestContext.builder()
            .awsRequestId("req-1")
            .functionName("orders")
            .functionVersion("7")
            .memoryLimitInMB(1_024)
            .region("eu-west-1")
            .environment(Map.of("TABLE", "orders", "MODE", "test"))
            .environmentVariable("MODE", "fast")
            .build();

    assertThat(context.awsRequestId()).isEqualTo("req-1");
    assertThat(context.functionName()).isEqualTo("orders");
    assertThat(context.functionVersion()).isEqualTo("7");
    assertThat(context.memoryLimitInMB()).isEqualTo(1_024);
    assertThat(context.logGroupName()).isEqualTo("/aws/lambda/orders");
    assertThat(context.logStreamName()).matches("\\d{4}/\\d{2}/\\d{2}/\\[7][0-9a-f]{32}");
    assertThat(context.invokedFunctionArn())
        .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:orders:7");
    assertThat(context.environment())
        .containsEntry("TABLE", "orders")
        .containsEntry("MODE", "fast")
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "orders")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .containsEntry("AWS_REGION", "eu-west-1");
  }

  @Test
  void setters_explicitNames_areTakenAsIs() {
    TestContext context =
        TestContext.builder()
            .logGroupName("/custom/group")
            .logStreamName("stream-1")
            .invokedFunctionArn("arn:aws:lambda:us-west-2:111122223333:function:f:live")
            .build();

    assertThat(context.logGroupName()).isEqualTo("/custom/group");
    assertThat(context.logStreamName()).isEqualTo("stream-1");
    assertThat(context.invokedFunctionArn())
        .isEqualTo("arn:aws:lambda:us-west-2:111122223333:function:f:live");
    assertThat(context.environment())
        .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/custom/group")
        .containsEntry("AWS_LAMBDA_LOG_STREAM_NAME", "stream-1");
  }

  @Test
  void environment_isAnImmutableCopy() {
    Map<String, String> variables = new java.util.HashMap<>(Map.of("A", "1"));
    TestContext context = TestContext.builder().environment(variables).build();
    variables.put("B", "2");

    assertThat(context.environment()).containsEntry("A", "1").doesNotContainKey("B");
    assertThatThrownBy(() -> context.environment().put("C", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void remainingTime_advancingTimeSource_countsDownToZeroNeverBelow() {
    ManualTime time = new ManualTime(Instant.parse("2026-03-04T05:06:07Z"));
    TestContext context =
        TestContext.builder().timeSource(time).timeout(Duration.ofSeconds(3)).build();

    assertThat(context.remainingTimeInMillis()).isEqualTo(3_000);
    time.advance(Duration.ofSeconds(1));
    assertThat(context.remainingTimeInMillis()).isEqualTo(2_000);
    time.advance(Duration.ofNanos(1_999_999_999));
    assertThat(context.remainingTimeInMillis()).isZero();
    time.advance(Duration.ofNanos(1));
    assertThat(context.remainingTimeInMillis()).isZero();
    time.advance(Duration.ofMinutes(5));
    assertThat(context.remainingTimeInMillis()).isZero();
  }

  @Test
  void remainingTime_zeroTimeout_isZeroAtOnce() {
    TestContext context = TestContext.builder().timeout(Duration.ZERO).build();

    assertThat(context.remainingTimeInMillis()).isZero();
  }

  @Test
  void logStreamName_isDatedByTheTimeSourceInUtc() {
    ManualTime time = new ManualTime(Instant.parse("2026-12-31T23:59:58Z"));

    TestContext context = TestContext.builder().timeSource(time).build();

    assertThat(context.logStreamName()).startsWith("2026/12/31/[$LATEST]");
  }

  @Test
  void logger_recordsEachLineWithItsLevel() {
    TestContext context = TestContext.ofDefaults();
    RequestHandler<String, String> handler =
        (input, ctx) -> {
          ctx.logger().log("plain");
          ctx.logger().log("grüße".getBytes(UTF_8));
          ctx.logger().log("careful", LogLevel.WARN);
          ctx.logger().log("two\nlines", LogLevel.ERROR);
          return input;
        };

    callIgnoringChecked(handler, context);

    assertThat(context.logger().lines())
        .containsExactly(
            new Line(LogLevel.UNDEFINED, "plain"),
            new Line(LogLevel.UNDEFINED, "grüße"),
            new Line(LogLevel.WARN, "careful"),
            new Line(LogLevel.ERROR, "two\nlines"));
    assertThat(context.logger().text())
        .isEqualTo("plain\ngrüße\n[WARN] careful\n[ERROR] two\nlines");
  }

  @Test
  void logger_clear_forgetsEarlierLines() {
    CapturingLogger logger = new CapturingLogger();
    logger.log("before");
    logger.clear();
    logger.log("after", LogLevel.INFO);

    assertThat(logger.lines()).containsExactly(new Line(LogLevel.INFO, "after"));
    assertThat(logger.text()).isEqualTo("[INFO] after");
  }

  @Test
  void logger_sharedThroughTheBuilder_collectsTheLinesOfEveryContext() {
    CapturingLogger logger = new CapturingLogger();
    TestContext.Builder builder = TestContext.builder().logger(logger);

    builder.build().logger().log("one");
    builder.build().logger().log("two");

    assertThat(logger.text()).isEqualTo("one\ntwo");
  }

  @Test
  void logger_concurrentWriters_loseNoLine() throws Exception {
    CapturingLogger logger = new CapturingLogger();
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int thread = 0; thread < 16; thread++) {
        int id = thread;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    logger.log(id + ":" + i, LogLevel.DEBUG);
                  }
                }));
      }
    }
    for (Future<?> writer : done) {
      writer.get();
    }

    assertThat(logger.lines()).hasSize(16 * 500).allMatch(line -> line.level() == LogLevel.DEBUG);
  }

  @Test
  void setters_badValues_failNamingTheValue() {
    TestContext.Builder builder = TestContext.builder();

    assertThatThrownBy(() -> builder.functionName("bad name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> builder.functionName("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.functionVersion("0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0'");
    assertThatThrownBy(() -> builder.memoryLimitInMB(127))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("127");
    assertThatThrownBy(() -> builder.memoryLimitInMB(10_241))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10241");
    assertThatThrownBy(() -> builder.region("EU West"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'EU West'");
    assertThatThrownBy(() -> builder.awsRequestId(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("awsRequestId");
    assertThatThrownBy(() -> builder.timeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-0.001S");
    assertThatThrownBy(() -> builder.timeout(Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT720H");
    assertThatThrownBy(() -> builder.environmentVariable("AWS_REGION", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_REGION");
    assertThatThrownBy(() -> builder.environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_LAMBDA_FUNCTION_NAME");
  }

  @Test
  void context_implementsTheApisContext() {
    Context context = TestContext.builder().functionName("f").build();

    assertThat(context.logger()).isInstanceOf(CapturingLogger.class);
    assertThat(context.toString()).contains("function:f", context.awsRequestId());
  }

  private static void callIgnoringChecked(
      RequestHandler<String, String> handler, TestContext context) {
    try {
      assertThat(handler.handleRequest("in", context)).isEqualTo("in");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
