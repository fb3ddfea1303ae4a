/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.CodeSource;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer's classes are loaded once, by the layer version's own loader, however many functions use
 * it; bundled into each function, they are loaded once per environment. Each class costs metaspace
 * (about 3 KB for a small class, jvm-measurements §3), so sharing saves it N-1 times over.
 */
final class LayerSharingTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();
  @TempDir Path temp;

  private static final int LIBRARY_CLASSES = 40;
  private static final int FUNCTIONS = 5;

  private static TestJars library() {
    TestJars jars = TestJars.builder();
    StringBuilder touch =
        new StringBuilder("package lib; public class All { public static int touch() { int n = 0;");
    for (int i = 0; i < LIBRARY_CLASSES; i++) {
      jars.source(
          "lib.C" + i,
          "package lib; public class C" + i + " { public int id() { return " + i + "; } }");
      touch.append(" n += new C").append(i).append("().id();");
    }
    touch.append(" return n; } }");
    return jars.source("lib.All", touch.toString());
  }

  private static final String USER =
      """
      package fn;
      public class User implements dev.lambdaembedded.api.handler.RequestHandler<String, Integer> {
        public Integer handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          return lib.All.touch();
        }
      }
      """;

  private Path libraryClasses() throws Exception {
    Path dir = temp.resolve("lib-classes");
    for (Map.Entry<String, byte[]> e : library().classes().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    return dir;
  }

  private static long loadedClasses() {
    return ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
  }

  private static void invokeAll(FunctionRuntime runtime) {
    for (int i = 0; i < FUNCTIONS; i++) {
      assertThat(json(runtime.invoke("user" + i, Payload.json("\"x\"")))).isEqualTo("780");
    }
  }

  @Test
  void layerClasses_areLoadedOnceForAllFunctions_bundledOnesOncePerFunction() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    byte[] user =
        TestJars.builder().source("fn.User", USER).compileAgainst(libraryClasses()).toBytes();
    byte[] bundled =
        TestJars.builder()
            .source("fn.User", USER)
            .compileAgainst(libraryClasses())
            .entry("lib/library.jar", library().toBytes())
            .toBytes();
    String layer =
        runtime
            .layers()
            .publishLayerVersion(
                "library",
                CodeSource.ofZip(TestJars.zip(Map.of("java/lib/library.jar", library().toBytes()))),
                java.util.List.of(),
                "")
            .layerVersionArn();
    // warm up the runtime's own classes with one throwaway function of each kind
    runtime
        .registry()
        .create(
            FunctionConfig.builder("warm").handler("fn.User::handleRequest").build(),
            FunctionCode.deployed(bundled));
    runtime.invoke("warm", Payload.json("\"x\""));
    runtime.registry().delete("warm");
    runtime
        .registry()
        .create(
            FunctionConfig.builder("warm").handler("fn.User::handleRequest").layers(layer).build(),
            FunctionCode.deployed(user));
    // the layer's classes load here, once; and so do the test's own assertion classes
    assertThat(json(runtime.invoke("warm", Payload.json("\"x\"")))).isEqualTo("780");
    runtime.registry().delete("warm");

    long beforeLayered = loadedClasses();
    for (int i = 0; i < FUNCTIONS; i++) {
      runtime
          .registry()
          .create(
              FunctionConfig.builder("user" + i)
                  .handler("fn.User::handleRequest")
                  .layers(layer)
                  .build(),
              FunctionCode.deployed(user));
    }
    invokeAll(runtime);
    long layered = loadedClasses() - beforeLayered;
    for (int i = 0; i < FUNCTIONS; i++) {
      runtime.registry().delete("user" + i);
    }

    long beforeBundled = loadedClasses();
    for (int i = 0; i < FUNCTIONS; i++) {
      runtime
          .registry()
          .create(
              FunctionConfig.builder("user" + i).handler("fn.User::handleRequest").build(),
              FunctionCode.deployed(bundled));
    }
    invokeAll(runtime);
    long bundledCount = loadedClasses() - beforeBundled;

    // with the layer only each environment's handler class loads: the layer's 41 classes were
    // loaded once, by the first function that used it; bundled, every environment loads all 42
    assertThat(layered)
        .as("classes loaded by five functions using the layer")
        .isLessThan(FUNCTIONS + 10L);
    assertThat(bundledCount)
        .as("classes loaded by five functions bundling the library")
        .isGreaterThanOrEqualTo(FUNCTIONS * (LIBRARY_CLASSES + 2L));
  }
}
