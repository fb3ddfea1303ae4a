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
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.core.LambdaRuntime;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warm invoke of our runtime beside its peers, in one class so that one run gives both.
 *
 * <p>String benchmarks do {@link EchoHandler}'s work (a 32-character {@code toUpperCase}):
 *
 * <ul>
 *   <li>{@code direct}: the handler called directly, the reference;
 *   <li>{@code lambdaEmbeddedString}: our runtime in object mode ({@link Payload.Value} in, a
 *       {@code String} out), caller-thread execution with every default limit on;
 *   <li>{@code springCloudFunctionString}: Spring Cloud Function, the same work as a {@code
 *       Function<String, String>} bean looked up in the {@link FunctionCatalog} of a Spring Boot
 *       context without a web server;
 *   <li>{@code executorSubmitGet}: a naive host, {@code submit(..).get()} on a fixed pool of
 *       platform threads, one per available processor;
 *   <li>{@code newVirtualThreadPerCall}: a naive host that starts a virtual thread per call and
 *       joins it.
 * </ul>
 *
 * <p>JSON benchmarks read the 1 KB API Gateway HTTP API event of {@link JsonEventBenchmark} from
 * UTF-8 bytes into {@link HttpApi.Request}, answer with {@link HttpApi#respond} and write the
 * {@link HttpApi.Response} back as JSON bytes: {@code lambdaEmbeddedJson} through our runtime's
 * JSON payload, {@code springCloudFunctionJson} through a {@code Function<HttpApi.Request,
 * HttpApi.Response>} bean given a {@code Message<byte[]>} with content type {@code
 * application/json} and looked up with {@code application/json} as its accepted output, which is
 * how Spring Cloud Function documents JSON-to-POJO conversion. The setup checks that both answer
 * with the same JSON.
 *
 * <p>Requests, messages and tasks are built in the setup, so a benchmark method allocates only what
 * the call itself does ({@code -prof gc}). Shared state is {@link Scope#Benchmark}, so the class
 * also runs with many threads ({@code -bm thrpt -t 8}); only the virtual-thread task is per thread.
 * Spring Boot's logging system is switched off, so logback keeps the benchmarks' {@code
 * logback.xml}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
public class PeerBenchmark {
  private static final String ECHO = "echo";
  private static final String API = "api";

  private final EchoHandler handler = new EchoHandler();
  private final Context context = new DirectContext();
  private String input = InvokeBenchmark.INPUT; // not final: keeps the JIT from folding the call

  private FunctionRuntime runtime;
  private InvocationRequest stringRequest;
  private InvocationRequest jsonRequest;
  private ConfigurableApplicationContext spring;
  private FunctionInvocationWrapper springString;
  private FunctionInvocationWrapper springJson;
  private Message<byte[]> jsonMessage;
  private ExecutorService executor;
  private Callable<String> task;

  /** Creates the benchmark. */
  public PeerBenchmark() {}

  /**
   * The Spring configuration: auto-configuration (which brings Spring Cloud Function's {@link
   * FunctionCatalog}) and the two functions as beans.
   */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  public static class SpringFunctions {

    /** Creates the configuration. */
    public SpringFunctions() {}

    /**
     * Returns the Jackson 3 mapper Spring Cloud Function converts JSON with, configured as {@link
     * JsonEventBenchmark}'s; without this bean it logs a missing {@code ObjectMapper} bean and
     * builds its own.
     *
     * @return the mapper
     */
    @Bean
    public JsonMapper objectMapper() {
      return mapper();
    }

    /**
     * Returns the string function: {@link EchoHandler}'s upper-casing.
     *
     * @return the function
     */
    @Bean
    public Function<String, String> echo() {
      EchoHandler echo = new EchoHandler();
      Context direct = new DirectContext();
      return value -> echo.handleRequest(value, direct);
    }

    /**
     * Returns the JSON function: {@link HttpApi#respond} on the records.
     *
     * @return the function
     */
    @Bean
    public Function<HttpApi.Request, HttpApi.Response> api() {
      return HttpApi::respond;
    }
  }

  /** The per-thread task of {@link #newVirtualThreadPerCall}: it keeps the handler's result. */
  @State(Scope.Thread)
  @SuppressWarnings("NullAway.Init") // result is read only after the thread that sets it is joined
  public static class VirtualCall implements Runnable {
    private final EchoHandler handler = new EchoHandler();
    private final Context context = new DirectContext();
    private String input = InvokeBenchmark.INPUT; // not final: keeps the JIT from folding the call
    private String result;

    /** Creates the task. */
    public VirtualCall() {}

    @Override
    public void run() {
      result = handler.handleRequest(input, context);
    }
  }

  /**
   * Builds the runtime, the Spring context, the executor and every request, and checks that each
   * path answers as the direct call does.
   *
   * @throws Exception if a check call fails
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    runtime = LambdaRuntime.builder().build();
    runtime
        .registry()
        .create(
            FunctionConfig.builder(ECHO).timeout(InvokeBenchmark.TIMEOUT).build(),
            FunctionCode.handler(String.class, new EchoHandler()));
    RequestHandler<HttpApi.Request, HttpApi.Response> api = (event, ctx) -> HttpApi.respond(event);
    runtime
        .registry()
        .create(
            FunctionConfig.builder(API).timeout(InvokeBenchmark.TIMEOUT).build(),
            FunctionCode.handler(HttpApi.Request.class, api));
    JsonMapper mapper = mapper();
    byte[] event = HttpApi.eventBytes(mapper);
    stringRequest = InvocationRequest.of(ECHO, Payload.of(InvokeBenchmark.INPUT), String.class);
    jsonRequest = InvocationRequest.of(API, Payload.json(event));

    // Spring Boot would otherwise reinitialise logback and drop logback.xml's levels
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    spring =
        new SpringApplicationBuilder(SpringFunctions.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .run();
    FunctionCatalog catalog = spring.getBean(FunctionCatalog.class);
    springString = lookup(catalog, ECHO);
    springJson = lookup(catalog, API, MimeTypeUtils.APPLICATION_JSON_VALUE);
    jsonMessage =
        MessageBuilder.withPayload(event)
            .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
            .build();

    executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    task = () -> handler.handleRequest(input, context);

    check(
        LoggerFactory.getLogger("dev.lambdaembedded.function." + ECHO).isInfoEnabled(),
        false,
        "the function logger at INFO: check logback.xml");
    String expected = InvokeBenchmark.INPUT.toUpperCase(Locale.ROOT);
    check(lambdaEmbeddedString(), expected, "lambdaEmbeddedString");
    check(springCloudFunctionString(), expected, "springCloudFunctionString");
    check(executorSubmitGet(), expected, "executorSubmitGet");
    VirtualCall call = new VirtualCall();
    check(newVirtualThreadPerCall(call), expected, "newVirtualThreadPerCall");
    JsonNode expectedJson = mapper.readTree(lambdaEmbeddedJson());
    JsonNode actualJson = mapper.readTree(springCloudFunctionJson());
    check(actualJson, expectedJson, "springCloudFunctionJson (lambdaEmbeddedJson expected)");
  }

  /**
   * Closes the runtime, the Spring context and the executor.
   *
   * @throws InterruptedException if interrupted while the executor stops
   */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    runtime.close();
    spring.close();
    executor.shutdown();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      executor.shutdownNow();
    }
  }

  /**
   * Calls the handler object directly.
   *
   * @return the response
   */
  @Benchmark
  public String direct() {
    return handler.handleRequest(input, context);
  }

  /**
   * Invokes the string function through our runtime, in object mode.
   *
   * @return the response
   */
  @Benchmark
  public Object lambdaEmbeddedString() {
    return switch (runtime.invoke(stringRequest)) {
      case InvocationResult.Success(_, _, Payload.Value(Object value), _, _) when value != null ->
          value;
      case InvocationResult.Success success ->
          throw new IllegalStateException("Unexpected payload " + success.payload());
      case InvocationResult.Failure failure ->
          throw new IllegalStateException(failure.error().toJson());
    };
  }

  /**
   * Applies the string function looked up in Spring Cloud Function's catalog.
   *
   * @return the response
   */
  @Benchmark
  public Object springCloudFunctionString() {
    return springString.apply(input);
  }

  /**
   * Invokes the JSON function through our runtime: JSON bytes in and out.
   *
   * @return the response JSON
   */
  @Benchmark
  public byte[] lambdaEmbeddedJson() {
    return switch (runtime.invoke(jsonRequest)) {
      case InvocationResult.Success(_, _, Payload.Json json, _, _) -> json.bytes();
      case InvocationResult.Success success ->
          throw new IllegalStateException("Unexpected payload " + success.payload());
      case InvocationResult.Failure failure ->
          throw new IllegalStateException(failure.error().toJson());
    };
  }

  /**
   * Applies the JSON function looked up in Spring Cloud Function's catalog to a JSON message.
   *
   * @return the response JSON
   */
  @Benchmark
  public byte[] springCloudFunctionJson() {
    Object result = springJson.apply(jsonMessage);
    if (result instanceof Message<?> message && message.getPayload() instanceof byte[] bytes) {
      return bytes;
    }
    throw new IllegalStateException("Unexpected result " + result);
  }

  /**
   * Submits the handler call to a fixed pool of platform threads and waits for it.
   *
   * @return the response
   * @throws InterruptedException if interrupted while waiting
   * @throws ExecutionException if the handler failed
   */
  @Benchmark
  public String executorSubmitGet() throws InterruptedException, ExecutionException {
    return executor.submit(task).get();
  }

  /**
   * Starts a virtual thread that calls the handler and joins it.
   *
   * @param call this thread's task
   * @return the response
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  public String newVirtualThreadPerCall(VirtualCall call) throws InterruptedException {
    Thread.startVirtualThread(call).join();
    return call.result;
  }

  private static JsonMapper mapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .changeDefaultPropertyInclusion(
            incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
        .build();
  }

  private static FunctionInvocationWrapper lookup(
      FunctionCatalog catalog, String name, String... acceptedOutputTypes) {
    FunctionInvocationWrapper function = catalog.lookup(name, acceptedOutputTypes);
    if (function == null) {
      throw new IllegalStateException("No function " + name + " in " + catalog.getNames(null));
    }
    return function;
  }

  private static void check(Object actual, Object expected, String what) {
    if (!Objects.equals(actual, expected)) {
      throw new IllegalStateException(
          what + ": expected " + describe(expected) + ", got " + describe(actual));
    }
  }

  private static String describe(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : "" + value;
  }
}
