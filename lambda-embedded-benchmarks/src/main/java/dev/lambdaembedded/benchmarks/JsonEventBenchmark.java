/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.core.LambdaRuntime;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A realistic JSON invocation: an API Gateway HTTP API event of about 1 KB, as UTF-8 bytes, read
 * into {@link HttpApi.Request}, answered with an {@link HttpApi.Response}, written back as JSON
 * bytes.
 *
 * <p>{@code handWritten} is what a host would write itself with Jackson 3: a prebuilt {@link
 * ObjectReader} and {@link ObjectWriter} (unknown properties ignored, nulls omitted), read,
 * respond, write. {@code runtime} invokes a function registered with the same records and logic,
 * with a JSON payload and a JSON response; its logs are off (the function's logger is below INFO).
 * The setup checks that both produce the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
public class JsonEventBenchmark {
  private byte[] event;
  private ObjectReader reader;
  private ObjectWriter writer;
  private FunctionRuntime runtime;
  private InvocationRequest request;

  /** Creates the benchmark. */
  public JsonEventBenchmark() {}

  /** Builds the mapper, the event bytes and the runtime, and checks both paths agree. */
  @Setup(Level.Trial)
  public void setUp() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(
                incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    reader = mapper.readerFor(HttpApi.Request.class);
    writer = mapper.writerFor(HttpApi.Response.class);
    event = HttpApi.eventBytes(mapper);

    runtime = LambdaRuntime.builder().build();
    RequestHandler<HttpApi.Request, HttpApi.Response> handler =
        (input, context) -> HttpApi.respond(input);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("api").timeout(InvokeBenchmark.TIMEOUT).build(),
            FunctionCode.handler(HttpApi.Request.class, handler));
    request = InvocationRequest.of("api", Payload.json(event));

    byte[] expected = handWritten();
    byte[] actual = invoke();
    if (!Arrays.equals(expected, actual)) {
      throw new IllegalStateException(
          "The runtime's response differs from the hand-written one:\n"
              + new String(expected, StandardCharsets.UTF_8)
              + "\n"
              + new String(actual, StandardCharsets.UTF_8));
    }
  }

  /** Closes the runtime. */
  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
  }

  /**
   * Jackson by hand: read, respond, write.
   *
   * @return the response JSON
   */
  @Benchmark
  public byte[] handWritten() {
    HttpApi.Request input = reader.readValue(event);
    return writer.writeValueAsBytes(HttpApi.respond(input));
  }

  /**
   * The same through the runtime, JSON in and out.
   *
   * @param blackhole consumes the response bytes
   */
  @Benchmark
  public void runtime(Blackhole blackhole) {
    blackhole.consume(invoke());
  }

  private byte[] invoke() {
    return switch (runtime.invoke(request)) {
      case InvocationResult.Success(_, _, Payload.Json json, _, _) -> json.bytes();
      case InvocationResult.Success success ->
          throw new IllegalStateException("Unexpected payload " + success.payload());
      case InvocationResult.Failure failure ->
          throw new IllegalStateException(failure.error().toJson());
    };
  }
}
