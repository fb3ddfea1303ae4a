/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

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
 * The names of every thread alive in the JVM, virtual ones included, from a JSON thread dump:
 * virtual threads are missing from {@link Thread#getAllStackTraces()}.
 */
public final class ThreadDump {
  private ThreadDump() {}

  /** Returns the names of the threads alive now, platform and virtual. */
  public static List<String> threadNames() {
    try {
      Path directory = Files.createTempDirectory("thread-dump");
      Path file = directory.resolve("threads.json");
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
        List<String> names = new ArrayList<>();
        JsonNode dump = JsonMapper.shared().readTree(file);
        for (JsonNode container : dump.path("threadDump").path("threadContainers").values()) {
          for (JsonNode thread : container.path("threads").values()) {
            names.add(thread.path("name").asString(""));
          }
        }
        return names;
      } finally {
        Files.deleteIfExists(file);
        Files.delete(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
