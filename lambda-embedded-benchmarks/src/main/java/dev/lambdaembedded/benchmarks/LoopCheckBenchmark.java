/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodePolicy.Finding;
import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.isolation.bytecode.CodeVerifier;
import dev.lambdaembedded.core.isolation.bytecode.Instrumenter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of cooperative deadline checks and of the load-time code policy.
 *
 * <p>{@code plain} and {@code instrumented} run a {@code workload} loop {@code n} times, each
 * defined from the same class file in its own throwaway loader; {@code instrumented} has the loop
 * check of {@link CodePolicy#defaults()} at its back-edge (a read of the loader's volatile alarm
 * flag, which stays down, so {@code Guard.poll()} is never called). The difference divided by
 * {@code n} is the cost of one back-edge check.
 *
 * <p>{@code verifyAndInstrument} is the load-time cost for one small class ({@link EchoHandler}):
 * parse and verify, then parse, rewrite and regenerate stack maps with a warm class hierarchy
 * resolver, as a function loader does for each class it defines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
public class LoopCheckBenchmark {
  /** How many iterations the loop runs. */
  @Param("10000")
  public int n;

  /** The loop: {@code sum} ({@link SumOfSquares}) or {@code hash} ({@link HashChain}). */
  @Param({"sum", "hash"})
  public String workload;

  private IntToLongFunction plain;
  private IntToLongFunction instrumented;
  private byte[] handlerBytes;
  private ClassHierarchyResolver resolver;

  /** Creates the benchmark. */
  public LoopCheckBenchmark() {}

  /** Defines both copies of the workload and checks that they agree. */
  @Setup(Level.Trial)
  @SuppressWarnings(
      "ReferenceEquality") // the instrumenter returns its input when it changes nothing
  public void setUp() {
    Class<?> workloadClass = workload.equals("sum") ? SumOfSquares.class : HashChain.class;
    byte[] original = classBytes(workloadClass);
    ClassLoader parent = LoopCheckBenchmark.class.getClassLoader();
    byte[] rewritten =
        Instrumenter.instrument(original, CodePolicy.defaults(), Instrumenter.resolverFor(parent));
    if (rewritten == original) {
      throw new IllegalStateException("the workload was not instrumented");
    }
    plain = define(workloadClass.getName(), original);
    instrumented = define(workloadClass.getName(), rewritten);
    if (plain.applyAsLong(n) != instrumented.applyAsLong(n)) {
      throw new IllegalStateException("the instrumented workload computes another sum");
    }
    handlerBytes = classBytes(EchoHandler.class);
    resolver = Instrumenter.resolverFor(parent);
  }

  /**
   * Sums with the original class.
   *
   * @return the sum
   */
  @Benchmark
  public long plain() {
    return plain.applyAsLong(n);
  }

  /**
   * Sums with the instrumented class.
   *
   * @return the sum
   */
  @Benchmark
  public long instrumented() {
    return instrumented.applyAsLong(n);
  }

  /**
   * Verifies and instruments one small class.
   *
   * @param blackhole sink for the results
   */
  @Benchmark
  public void verifyAndInstrument(Blackhole blackhole) {
    List<Finding> findings = CodeVerifier.verify(handlerBytes, CodePolicy.defaults());
    blackhole.consume(findings);
    blackhole.consume(Instrumenter.instrument(handlerBytes, CodePolicy.defaults(), resolver));
  }

  private static byte[] classBytes(Class<?> type) {
    String resource = type.getSimpleName() + ".class";
    try (InputStream in = Objects.requireNonNull(type.getResourceAsStream(resource), resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IntToLongFunction define(String name, byte[] bytes) {
    try {
      Class<?> type = new ThrowawayLoader().define(name, bytes);
      return (IntToLongFunction) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalStateException("cannot create the workload", cause);
    }
  }

  /**
   * A loader of one class, whose parent resolves the JDK and the runtime's guard hooks; it defines
   * its own alarm flag class, as a function's loader does, and the flag stays down.
   */
  private static final class ThrowawayLoader extends ClassLoader {
    ThrowawayLoader() {
      super(LoopCheckBenchmark.class.getClassLoader());
      byte[] flag = Alarm.classBytes();
      defineClass(Alarm.CLASS_NAME, flag, 0, flag.length);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
