/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists the virtual threads of the JVM with their stacks, from a JSON thread dump.
 *
 * <p>Virtual threads are missing from {@link Thread#getAllStackTraces()}; the only public API that
 * lists them is {@link HotSpotDiagnosticMXBean#dumpThreads}. The dump holds the virtual threads
 * that the JDK tracks in thread containers: those of thread-per-task executors always, and those
 * started directly ({@code Thread.ofVirtual().start(..)}) only while the system property {@code
 * jdk.trackAllThreads} is unset or true, its default on JDK 25 (checked: with {@code
 * -Djdk.trackAllThreads=false} such threads are absent from the dump). A dump takes about 100 ms
 * the first time and writes a temporary file, which is deleted.
 */
final class VirtualThreads {
  private VirtualThreads() {}

  /**
   * One virtual thread in a dump.
   *
   * @param id the thread id
   * @param name the thread's name, empty if unnamed
   * @param stack the frames, innermost first, in {@link StackTraceElement#toString()} form
   */
  record DumpedThread(String id, String name, List<String> stack) {}

  /**
   * Dumps the JVM's threads and returns the virtual ones.
   *
   * @return the virtual threads in the dump
   * @throws UncheckedIOException if the dump could not be written or read
   */
  static List<DumpedThread> dump() {
    try {
      Path directory = Files.createTempDirectory("lambda-embedded-threads");
      Path file = directory.resolve("threads.json");
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
        return parse(JsonMapper.shared().readTree(file));
      } finally {
        Files.deleteIfExists(file);
        Files.delete(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<DumpedThread> parse(JsonNode dump) {
    List<DumpedThread> virtual = new ArrayList<>();
    for (JsonNode container : dump.path("threadDump").path("threadContainers").values()) {
      for (JsonNode thread : container.path("threads").values()) {
        if (thread.path("virtual").asBoolean(false)) {
          virtual.add(
              new DumpedThread(
                  thread.path("tid").asString(""),
                  thread.path("name").asString(""),
                  thread.path("stack").values().stream().map(f -> f.asString("")).toList()));
        }
      }
    }
    return virtual;
  }
}
