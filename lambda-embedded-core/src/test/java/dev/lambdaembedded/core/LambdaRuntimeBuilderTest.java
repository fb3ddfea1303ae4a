/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.spi.LogSink;
import dev.lambdaembedded.api.spi.TimeSource;
import dev.lambdaembedded.core.testing.CapturingLogSink;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The runtime builder: Lambda's defaults, options set once, bad values refused at the setter. */
final class LambdaRuntimeBuilderTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @Test
  void build_defaults_areLambdas() {
    assertThat(LambdaRuntime.Builder.DEFAULT_ACCOUNT_CONCURRENCY).isEqualTo(1_000);
    assertThat(LambdaRuntime.Builder.DEFAULT_REQUEST_PAYLOAD_LIMIT).isEqualTo(6 * 1024 * 1024);
    assertThat(LambdaRuntime.Builder.DEFAULT_RESPONSE_PAYLOAD_LIMIT)
        .isEqualTo(6 * 1024 * 1024 + 100);
    assertThat(LambdaRuntime.Builder.DEFAULT_LOG_TAIL_BYTES).isEqualTo(4_096);
    assertThat(LambdaRuntime.Builder.DEFAULT_INIT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));

    FunctionRuntime runtime = fixture.track(LambdaRuntime.builder().build());
    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.RUNNING);
  }

  @Test
  void build_canBeCalledAgain_forAnIndependentRuntime() {
    LambdaRuntime.Builder builder = LambdaRuntime.builder().logSink(new CapturingLogSink());

    FunctionRuntime first = fixture.track(builder.build());
    FunctionRuntime second = fixture.track(builder.build());

    assertThat(first).isNotSameAs(second);
    first.close();
    assertThat(second.state()).isEqualTo(FunctionRuntime.State.RUNNING);
  }

  static Stream<Arguments> options() {
    return Stream.of(
        option("accountConcurrency", b -> b.accountConcurrency(10)),
        option("unreservedConcurrencyMinimum", b -> b.unreservedConcurrencyMinimum(1)),
        option("timeSource", b -> b.timeSource(TimeSource.system())),
        option("logSink", b -> b.logSink(new CapturingLogSink())),
        option("region", b -> b.region("eu-west-1")),
        option("accountId", b -> b.accountId("123456789012")),
        option("requestPayloadLimit", b -> b.requestPayloadLimit(10)),
        option("responsePayloadLimit", b -> b.responsePayloadLimit(10)),
        option("logTailBytes", b -> b.logTailBytes(10)),
        option("initTimeout", b -> b.initTimeout(Duration.ofSeconds(1))),
        option("shutdownTimeout", b -> b.shutdownTimeout(Duration.ofSeconds(1))),
        option("closeTimeout", b -> b.closeTimeout(Duration.ofSeconds(1))),
        option("environmentIdleTimeout", b -> b.environmentIdleTimeout(Duration.ofSeconds(1))),
        option("stuckThreshold", b -> b.stuckThreshold(Duration.ofSeconds(1))),
        option("mdc", b -> b.mdc(true)),
        option("captureStandardStreams", b -> b.captureStandardStreams(false)),
        option("allocationTracking", b -> b.allocationTracking(false)),
        option("requestIds", b -> b.requestIds(java.util.UUID::randomUUID)));
  }

  private static Arguments option(String name, Consumer<LambdaRuntime.Builder> setter) {
    return Arguments.of(name, setter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void option_setTwice_isIllegalStateNamingTheOption(
      String name, Consumer<LambdaRuntime.Builder> setter) {
    LambdaRuntime.Builder builder = LambdaRuntime.builder();
    setter.accept(builder);

    assertThatThrownBy(() -> setter.accept(builder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(name + " was already set to ");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        bad(
            () -> LambdaRuntime.builder().accountConcurrency(0),
            "accountConcurrency 0 must be at least 1"),
        bad(
            () -> LambdaRuntime.builder().unreservedConcurrencyMinimum(-1),
            "unreservedConcurrencyMinimum -1 must not be negative"),
        bad(
            () -> LambdaRuntime.builder().region("Europe"),
            "region 'Europe' must be an AWS region name like us-east-1"),
        bad(() -> LambdaRuntime.builder().accountId("42"), "accountId '42' must be twelve digits"),
        bad(
            () -> LambdaRuntime.builder().requestPayloadLimit(0),
            "requestPayloadLimit 0 must be at least 1 byte"),
        bad(
            () -> LambdaRuntime.builder().responsePayloadLimit(-5),
            "responsePayloadLimit -5 must be at least 1 byte"),
        bad(
            () -> LambdaRuntime.builder().logTailBytes(0),
            "logTailBytes 0 must be at least 1 byte"),
        bad(
            () -> LambdaRuntime.builder().initTimeout(Duration.ZERO),
            "initTimeout PT0S must be positive"),
        bad(
            () -> LambdaRuntime.builder().shutdownTimeout(Duration.ofSeconds(-1)),
            "shutdownTimeout PT-1S must be positive"),
        bad(
            () -> LambdaRuntime.builder().closeTimeout(Duration.ofSeconds(-1)),
            "closeTimeout PT-1S must not be negative"),
        bad(
            () -> LambdaRuntime.builder().environmentIdleTimeout(Duration.ZERO),
            "environmentIdleTimeout PT0S must be positive"),
        bad(
            () -> LambdaRuntime.builder().stuckThreshold(Duration.ZERO),
            "stuckThreshold PT0S must be positive"),
        bad(
            () ->
                LambdaRuntime.builder()
                    .accountConcurrency(10)
                    .unreservedConcurrencyMinimum(11)
                    .build(),
            "unreservedConcurrencyMinimum 11 must not exceed accountConcurrency 10"));
  }

  private static Arguments bad(Supplier<Object> call, String message) {
    return Arguments.of(call, message);
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void option_badValue_isIllegalArgumentNamingTheValue(Supplier<Object> call, String message) {
    assertThatThrownBy(call::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void builder_nullArguments_areRejected() {
    NullPointerTester tester = new NullPointerTester();
    tester.setDefault(TimeSource.class, TimeSource.system());
    tester.setDefault(LogSink.class, new CapturingLogSink());
    tester.setDefault(Duration.class, Duration.ofSeconds(1));
    tester.setDefault(String.class, "us-east-1");
    tester.testAllPublicInstanceMethods(LambdaRuntime.builder());
  }
}
