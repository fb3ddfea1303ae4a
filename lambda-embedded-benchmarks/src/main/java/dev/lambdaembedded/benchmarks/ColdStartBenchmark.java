/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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

/**
 * The cold start of deployed code: register a function from a small jar, invoke it once, delete it.
 *
 * <p>The jar holds the classes of {@code dev.lambdaembedded.benchmarks.coldstart} (a handler and
 * three classes its first invocation uses), copied from this benchmark's class path at setup. Each
 * operation pays what a new function pays: the runtime copying and checking the code under the
 * default {@code CodePolicy}, then, in the first invocation, a new execution environment with a
 * class loader of its own that defines and rewrites those classes, the handler's init, the call,
 * and the REPORT accounting. Deleting retires the environment; its class loader is left to the
 * garbage collector, whose cost lands in later operations as it would in a host.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ColdStartBenchmark {

  /** The handler, named by string: this class must not load it in its own class loader. */
  static final String HANDLER = "dev.lambdaembedded.benchmarks.coldstart.ColdStartHandler";

  /** The classes of the deployed jar, as class file names. */
  static final List<String> CLASSES =
      List.of(
          "dev/lambdaembedded/benchmarks/coldstart/ColdStartHandler.class",
          "dev/lambdaembedded/benchmarks/coldstart/Shouter.class",
          "dev/lambdaembedded/benchmarks/coldstart/Prefix.class",
          "dev/lambdaembedded/benchmarks/coldstart/Invocations.class");

  /** A runtime and the jar deployed by every operation. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Deployment {
    FunctionRuntime runtime;
    FunctionConfig config;
    byte[] jar;
    InvocationRequest request;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Deployment() {}

    /**
     * Builds the jar and the runtime, and checks twice that a new function counts its invocations
     * from one, which it does only if its classes come from a class loader of its own.
     */
    @Setup(Level.Trial)
    public void setUp() {
      jar = jarOf(CLASSES);
      runtime = LambdaRuntime.builder().build();
      config = FunctionConfig.builder("cold-start").handler(HANDLER).build();
      request = InvocationRequest.of("cold-start", Payload.of("hello"), String.class);
      for (int i = 0; i < 2; i++) {
        Object response = coldStart(this);
        if (!"cold: HELLO #1".equals(response)) {
          throw new IllegalStateException("Unexpected response " + response);
        }
      }
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
    }
  }

  /** A function registered once, whose every operation starts a new environment. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Registered {
    FunctionRuntime runtime;
    FunctionConfig[] configs;
    InvocationRequest request;
    int next;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Registered() {}

    /** Registers the function from the jar. */
    @Setup(Level.Trial)
    public void setUp() {
      runtime = LambdaRuntime.builder().build();
      FunctionConfig config = FunctionConfig.builder("env-start").handler(HANDLER).build();
      configs =
          new FunctionConfig[] {
            config, config.toBuilder().description("the same code, another configuration").build()
          };
      runtime.registry().create(config, FunctionCode.deployed(jarOf(CLASSES)));
      request = InvocationRequest.of("env-start", Payload.of("hello"), String.class);
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
    }
  }

  /** Creates the benchmark. */
  public ColdStartBenchmark() {}

  /**
   * Starts a new execution environment of an already registered function: a configuration update
   * retires the old one, and the invocation cold-starts a new one (a class loader of its own, the
   * four classes defined from bytes the policy step prepared when the code was first loaded, the
   * handler's init), as Lambda does for each new environment.
   *
   * @param state the registered function
   * @return the response, for JMH to consume
   */
  @Benchmark
  public Object newEnvironment(Registered state) {
    state.runtime.registry().updateConfig(state.configs[state.next++ & 1]);
    return switch (state.runtime.invoke(state.request)) {
      case InvocationResult.Success(_, _, Payload.Value(Object value), _, _) -> value;
      case InvocationResult.Success success ->
          throw new IllegalStateException("Unexpected payload " + success.payload());
      case InvocationResult.Failure failure ->
          throw new IllegalStateException(failure.error().toJson());
    };
  }

  /**
   * Registers the function from its jar, invokes it once (a cold start) and deletes it.
   *
   * @param state the runtime and jar
   * @return the response, for JMH to consume
   */
  @Benchmark
  public Object deployInvokeDelete(Deployment state) {
    return coldStart(state);
  }

  private static Object coldStart(Deployment state) {
    state.runtime.registry().create(state.config, FunctionCode.deployed(state.jar));
    try {
      return switch (state.runtime.invoke(state.request)) {
        case InvocationResult.Success(_, _, Payload.Value(Object value), _, _) -> value;
        case InvocationResult.Success success ->
            throw new IllegalStateException("Unexpected payload " + success.payload());
        case InvocationResult.Failure failure ->
            throw new IllegalStateException(failure.error().toJson());
      };
    } finally {
      state.runtime.registry().delete(state.config.functionName());
    }
  }

  /** A jar of the given class files, read from this class's class path. */
  static byte[] jarOf(List<String> classFiles) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      for (String name : classFiles) {
        try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("Not on the class path: " + name);
          }
          jar.putNextEntry(new JarEntry(name));
          in.transferTo(jar);
          jar.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
