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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures how many jar-backed functions one runtime holds and what each costs: registration time,
 * heap, metaspace, loaded classes and disk, for registered functions and for their execution
 * environments.
 *
 * <p>It registers {@code count} functions {@code fn-00001}, {@code fn-00002}, … from the same small
 * jar (the classes of {@code dev.lambdaembedded.benchmarks.coldstart}, as {@link
 * ColdStartBenchmark} deploys them), each as its own deployment, as a host with many plugins would.
 * The runtime unpacks every deployment into a directory of its own under its work directory, so
 * disk use grows with {@code count}; the program reports it. Then it invokes the first {@code warm}
 * functions once each, from this thread: each of those invocations is a cold start that creates an
 * execution environment with a class loader of its own and defines the handler's four classes in
 * it. A second invocation of each measures the warm path. Heap, metaspace and class counts are read
 * after a few {@code System.gc()} calls before registering, after registering, after the cold
 * starts and after {@code close()}.
 *
 * <p>The runtime runs with unload verification off (it would force collections that land in the
 * measured times), an idle timeout of an hour (so no environment is reaped during the run),
 * standard-stream capture off and a log sink that drops every line.
 *
 * <p>Usage: {@code DensityMeasure [count] [warm] [results.json]}; count defaults to 10,000 and warm
 * to 1,000. It prints a summary and, when given a path, writes the figures as JSON.
 */
public final class DensityMeasure {
  private static final int GC_ROUNDS = 3;

  private DensityMeasure() {}

  /**
   * Heap, metaspace and classes at one moment, after collections.
   *
   * @param heapUsedBytes heap in use
   * @param metaspaceUsedBytes metaspace in use
   * @param loadedClasses classes currently loaded
   */
  record Snapshot(long heapUsedBytes, long metaspaceUsedBytes, int loadedClasses) {}

  /**
   * What the runtime's work directory holds.
   *
   * @param bytes the sum of the files' sizes
   * @param files regular files
   * @param directories directories below the work directory
   */
  record Disk(long bytes, long files, long directories) {}

  /**
   * One run's figures; {@code …PerFunction} divides the growth from registering by {@code
   * functions}, {@code …PerEnvironment} the growth from the cold starts by {@code environments}.
   */
  record Result(
      String variant,
      int functions,
      int environments,
      int jarBytes,
      double registerMillis,
      double registerMicrosPerFunction,
      double coldInvokeMeanMicros,
      double coldInvokeP50Micros,
      double coldInvokeP99Micros,
      double coldInvokeMaxMicros,
      double warmInvokeMeanMicros,
      double warmInvokeP50Micros,
      double closeMillis,
      long heapBeforeBytes,
      long heapAfterRegisterBytes,
      long heapAfterWarmBytes,
      long heapAfterCloseBytes,
      long metaspaceBeforeBytes,
      long metaspaceAfterRegisterBytes,
      long metaspaceAfterWarmBytes,
      long metaspaceAfterCloseBytes,
      int classesBefore,
      int classesAfterRegister,
      int classesAfterWarm,
      int classesAfterClose,
      long heapPerFunctionBytes,
      long metaspacePerFunctionBytes,
      long heapPerEnvironmentBytes,
      long metaspacePerEnvironmentBytes,
      double classesPerEnvironment,
      long workDirBytes,
      long workDirFiles,
      long workDirDirectories,
      long workDirBytesAfterClose) {}

  /** The results file. */
  record Report(String name, List<Result> results, Machine machine) {}

  /**
   * Runs the measurement and prints the summary.
   *
   * @param args {@code [count] [warm] [results.json]}
   * @throws Exception if an invocation fails or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    if (count < 1 || warm < 0 || warm > count) {
      throw new IllegalArgumentException(
          "need count >= 1 and 0 <= warm <= count: " + count + ", " + warm);
    }
    Path output = args.length > 2 ? Path.of(args[2]) : null;
    double loadStart = Machine.loadAverage();

    byte[] jar = ColdStartBenchmark.jarOf(ColdStartBenchmark.CLASSES);
    Path workDirectory = Files.createTempDirectory("lambda-embedded-density-");
    FunctionRuntime runtime =
        LambdaRuntime.builder()
            .logSink(new DiscardingLogSink())
            .captureStandardStreams(false)
            .unloadVerification(false, Duration.ofMinutes(10))
            .environmentIdleTimeout(Duration.ofHours(1))
            .workDirectory(workDirectory)
            .build();
    Result result;
    try {
      Snapshot before = snapshot();

      long start = System.nanoTime();
      for (int i = 1; i <= count; i++) {
        runtime
            .registry()
            .create(
                FunctionConfig.builder(name(i)).handler(ColdStartBenchmark.HANDLER).build(),
                FunctionCode.deployed(jar));
      }
      long registerNanos = System.nanoTime() - start;
      Disk disk = disk(workDirectory);
      Snapshot registered = snapshot();

      long[] cold = invokeEach(runtime, warm, 1);
      Snapshot warmed = snapshot();
      long[] second = invokeEach(runtime, warm, 2);

      long closeStart = System.nanoTime();
      runtime.close();
      long closeNanos = System.nanoTime() - closeStart;
      if (runtime.state() != FunctionRuntime.State.CLOSED) {
        throw new IllegalStateException("The runtime closed as " + runtime.state());
      }
      Disk afterClose = disk(workDirectory);
      Snapshot closed = snapshot();

      result =
          new Result(
              "jar-backed, caller-thread, one deployment per function",
              count,
              warm,
              jar.length,
              registerNanos / 1e6,
              registerNanos / 1e3 / count,
              mean(cold) / 1e3,
              percentile(cold, 0.50) / 1e3,
              percentile(cold, 0.99) / 1e3,
              percentile(cold, 1.0) / 1e3,
              mean(second) / 1e3,
              percentile(second, 0.50) / 1e3,
              closeNanos / 1e6,
              before.heapUsedBytes(),
              registered.heapUsedBytes(),
              warmed.heapUsedBytes(),
              closed.heapUsedBytes(),
              before.metaspaceUsedBytes(),
              registered.metaspaceUsedBytes(),
              warmed.metaspaceUsedBytes(),
              closed.metaspaceUsedBytes(),
              before.loadedClasses(),
              registered.loadedClasses(),
              warmed.loadedClasses(),
              closed.loadedClasses(),
              (registered.heapUsedBytes() - before.heapUsedBytes()) / count,
              (registered.metaspaceUsedBytes() - before.metaspaceUsedBytes()) / count,
              warm == 0 ? 0 : (warmed.heapUsedBytes() - registered.heapUsedBytes()) / warm,
              warm == 0
                  ? 0
                  : (warmed.metaspaceUsedBytes() - registered.metaspaceUsedBytes()) / warm,
              warm == 0 ? 0 : (warmed.loadedClasses() - registered.loadedClasses()) / (double) warm,
              disk.bytes(),
              disk.files(),
              disk.directories(),
              afterClose.bytes());
    } finally {
      runtime.close();
      deleteTree(workDirectory);
    }

    Report report = new Report("density", List.of(result), Machine.current(loadStart));
    System.out.print(summary(result));
    if (output != null) {
      ResultFiles.write(report, output);
    }
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "fn-%05d", i);
  }

  /** Invokes functions 1 to {@code n} once each, expecting each one's {@code nth} invocation. */
  private static long[] invokeEach(FunctionRuntime runtime, int n, int nth) {
    long[] nanos = new long[n];
    String expected = "cold: HELLO #" + nth;
    for (int i = 1; i <= n; i++) {
      InvocationRequest request = InvocationRequest.of(name(i), Payload.of("hello"), String.class);
      long start = System.nanoTime();
      InvocationResult result = runtime.invoke(request);
      nanos[i - 1] = System.nanoTime() - start;
      Object value =
          switch (result) {
            case InvocationResult.Success(_, _, Payload.Value(Object v), _, _) -> v;
            case InvocationResult.Success success ->
                throw new IllegalStateException("Unexpected payload " + success.payload());
            case InvocationResult.Failure failure ->
                throw new IllegalStateException(failure.error().toJson());
          };
      if (!expected.equals(value)) {
        throw new IllegalStateException(name(i) + ": expected " + expected + ", got " + value);
      }
    }
    return nanos;
  }

  /** Collects garbage a few times, then reads heap, metaspace and classes. */
  private static Snapshot snapshot() throws InterruptedException {
    for (int i = 0; i < GC_ROUNDS; i++) {
      System.gc();
      Thread.sleep(100);
    }
    long metaspace =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getName().equals("Metaspace"))
            .mapToLong(DensityMeasure::used)
            .sum();
    return new Snapshot(
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        metaspace,
        ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
  }

  private static long used(MemoryPoolMXBean pool) {
    return pool.getUsage().getUsed();
  }

  private static Disk disk(Path directory) throws IOException {
    long[] totals = new long[3];
    if (!Files.isDirectory(directory)) {
      return new Disk(0, 0, 0);
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.filter(path -> !path.equals(directory))
          .forEach(
              path -> {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                  totals[0] += size(path);
                  totals[1]++;
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                  totals[2]++;
                }
              });
    }
    return new Disk(totals[0], totals[1], totals[2]);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static double mean(long[] nanos) {
    return nanos.length == 0 ? Double.NaN : Arrays.stream(nanos).average().orElse(Double.NaN);
  }

  /** The nearest-rank percentile; 1.0 gives the largest. */
  private static double percentile(long[] nanos, double quantile) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String summary(Result r) {
    double mib = 1024.0 * 1024.0;
    return String.format(
        Locale.ROOT,
        "Density: %d functions from one %d-byte jar, %d of them started%n"
            + "  register: %.0f ms in all, %.1f us per function%n"
            + "  cold invoke: mean %.0f us, p50 %.0f us, p99 %.0f us, max %.0f us;"
            + " warm invoke: mean %.1f us, p50 %.1f us%n"
            + "  heap MiB before / registered / started / closed: %.1f / %.1f / %.1f / %.1f%n"
            + "  metaspace MiB before / registered / started / closed: %.1f / %.1f / %.1f / %.1f%n"
            + "  classes before / registered / started / closed: %d / %d / %d / %d%n"
            + "  per function: %d B heap, %d B metaspace;"
            + " per environment: %d B heap, %d B metaspace, %.1f classes%n"
            + "  work directory: %.1f MiB in %d files, %d directories (%.1f MiB after close)%n"
            + "  close: %.0f ms%n",
        r.functions(),
        r.jarBytes(),
        r.environments(),
        r.registerMillis(),
        r.registerMicrosPerFunction(),
        r.coldInvokeMeanMicros(),
        r.coldInvokeP50Micros(),
        r.coldInvokeP99Micros(),
        r.coldInvokeMaxMicros(),
        r.warmInvokeMeanMicros(),
        r.warmInvokeP50Micros(),
        r.heapBeforeBytes() / mib,
        r.heapAfterRegisterBytes() / mib,
        r.heapAfterWarmBytes() / mib,
        r.heapAfterCloseBytes() / mib,
        r.metaspaceBeforeBytes() / mib,
        r.metaspaceAfterRegisterBytes() / mib,
        r.metaspaceAfterWarmBytes() / mib,
        r.metaspaceAfterCloseBytes() / mib,
        r.classesBefore(),
        r.classesAfterRegister(),
        r.classesAfterWarm(),
        r.classesAfterClose(),
        r.heapPerFunctionBytes(),
        r.metaspacePerFunctionBytes(),
        r.heapPerEnvironmentBytes(),
        r.metaspacePerEnvironmentBytes(),
        r.classesPerEnvironment(),
        r.workDirBytes() / mib,
        r.workDirFiles(),
        r.workDirDirectories(),
        r.workDirBytesAfterClose() / mib,
        r.closeMillis());
  }
}
