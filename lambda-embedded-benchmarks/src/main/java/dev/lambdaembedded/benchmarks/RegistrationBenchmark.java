/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Registering and deleting a function deployed from a real fat handler jar.
 *
 * <p>The jars are built at setup from real libraries, merged as a shade plugin merges them (see
 * {@link FatJars}), with a tiny handler ({@code registration.LibraryHandler}) at their root, and
 * written to a temporary directory: {@code sdk} is the AWS SDK v2 S3 client 2.59.1 with its netty
 * and Apache HTTP clients (14.6 MB, 8,407 classes, like AWS's s3-java sample of 15.5 MB), {@code
 * jackson} is Jackson 2.23 and Byte Buddy 1.18 (7.0 MB, 4,109 classes, like AWS's java-basic sample
 * of 6.5 MB). {@code register} is {@code registry().create(config, FunctionCode.deployed(jarPath))}
 * returning, under the default code policy: the function is registered and can be invoked. {@code
 * delete} is {@code registry().delete(name)} returning, its code's files deleted. Each is timed
 * alone: JMH's per-invocation setup or teardown does the other half, untimed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegistrationBenchmark {

  /** The handler, named by string: this class must not load it in its own class loader. */
  static final String HANDLER = "dev.lambdaembedded.benchmarks.registration.LibraryHandler";

  private static final String FUNCTION = "registration";

  /** A runtime and a fat jar on disk. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Deployment {
    /** The library set: {@code sdk} (about 15 MB) or {@code jackson} (about 6.5 MB). */
    @Param({"sdk", "jackson"})
    public String libraries;

    Path directory;
    FunctionRuntime runtime;
    FunctionConfig config;
    FunctionCode code;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Deployment() {}

    /**
     * Writes the jar and checks once that a function deployed from it runs and finds a library
     * class in its own class loader.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      directory = Files.createTempDirectory("registration-benchmark-");
      FatJars.Written jar =
          FatJars.write(
              libraries,
              List.of(HANDLER.replace('.', '/') + ".class"),
              directory.resolve(libraries + ".jar"));
      System.out.println("RegistrationBenchmark: " + FatJars.describe(jar));
      runtime = LambdaRuntime.builder().workDirectory(directory.resolve("work")).build();
      config = FunctionConfig.builder(FUNCTION).handler(HANDLER).build();
      code = FunctionCode.deployed(jar.file());
      String probe =
          libraries.equals("sdk")
              ? "software.amazon.awssdk.services.s3.S3Client"
              : "com.fasterxml.jackson.databind.ObjectMapper";
      runtime.registry().create(config, code);
      try {
        Object loader =
            switch (runtime.invoke(
                InvocationRequest.of(FUNCTION, Payload.of(probe), String.class))) {
              case InvocationResult.Success(_, _, Payload.Value(Object value), _, _) -> value;
              case InvocationResult.Success success ->
                  throw new IllegalStateException("Unexpected payload " + success.payload());
              case InvocationResult.Failure failure ->
                  throw new IllegalStateException(failure.error().toJson());
            };
        if (!String.valueOf(loader).startsWith("fn." + FUNCTION + ".")) {
          throw new IllegalStateException(probe + " came from " + loader);
        }
      } finally {
        runtime.registry().delete(FUNCTION);
      }
    }

    /** Closes the runtime and deletes the jar. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      runtime.close();
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }

    void register() {
      runtime.registry().create(config, code);
    }

    void delete() {
      runtime.registry().delete(FUNCTION);
    }
  }

  /** Deletes, after each {@code register}, what it registered. */
  public static class Registering extends Deployment {
    /** Creates the state. */
    public Registering() {}

    /** Deletes the function registered by the operation. */
    @TearDown(Level.Invocation)
    public void deleteRegistered() {
      delete();
    }
  }

  /** Registers, before each {@code delete}, what it deletes. */
  public static class Deleting extends Deployment {
    /** Creates the state. */
    public Deleting() {}

    /** Registers the function the operation deletes. */
    @Setup(Level.Invocation)
    public void registerToDelete() {
      register();
    }
  }

  /** Creates the benchmark. */
  public RegistrationBenchmark() {}

  /**
   * Registers a function from the jar.
   *
   * @param state the runtime and jar
   * @return the function, for JMH to consume
   */
  @Benchmark
  public FunctionInfo register(Registering state) {
    return state.runtime.registry().create(state.config, state.code);
  }

  /**
   * Deletes the function registered from the jar.
   *
   * @param state the runtime and the registered function
   */
  @Benchmark
  public void delete(Deleting state) {
    state.delete();
  }
}
