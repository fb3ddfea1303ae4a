/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.CodeSource;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FunctionJarTest {
  @TempDir Path temp;

  static final String HELLO =
      """
      package com.example;

      import dev.lambdaembedded.api.handler.Context;
      import dev.lambdaembedded.api.handler.RequestHandler;

      public class Hello implements RequestHandler<String, String> {
        public String handleRequest(String name, Context context) throws Exception {
          try (var in = Hello.class.getClassLoader().getResourceAsStream("greeting.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) + " " + name;
          }
        }

        static final class Helper {}
      }
      """;

  static final String GREETER =
      """
      package com.example.lib;

      public final class Greeter {
        public static String greet(String name) { return "Hi " + name + " from " + Greeter.class.getClassLoader().getName(); }
      }
      """;

  static final String USES_LIBRARY =
      """
      package com.example;

      import com.example.lib.Greeter;
      import dev.lambdaembedded.api.handler.Context;
      import dev.lambdaembedded.api.handler.RequestHandler;

      public class UsesLibrary implements RequestHandler<String, String> {
        public String handleRequest(String name, Context context) { return Greeter.greet(name); }
      }
      """;

  private static FunctionJar.Builder hello() {
    return FunctionJar.builder()
        .source("com.example.Hello", HELLO)
        .resource("greeting.txt", "Hello");
  }

  /** The entries of a zip, by name, in the order they are stored. */
  private static Map<String, byte[]> entries(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static List<LocalDateTime> times(byte[] zip) throws IOException {
    List<LocalDateTime> times = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        times.add(entry.getTimeLocal());
      }
    }
    return times;
  }

  private static int classFileMajorVersion(byte @Nullable [] entry) {
    byte[] classFile = Objects.requireNonNull(entry, "no such class file");
    assertThat(classFile).startsWith(0xCA, 0xFE, 0xBA, 0xBE);
    return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
  }

  private static String invoke(FunctionCode code, String handler, String event) {
    try (FunctionRuntime runtime = LambdaRuntime.builder().build()) {
      runtime.registry().create(FunctionConfig.builder("fn").handler(handler).build(), code);
      InvocationResult result = runtime.invoke("fn", Payload.json("\"" + event + "\""));
      return switch (result) {
        case InvocationResult.Success success -> success.payload().asString();
        case InvocationResult.Failure failure ->
            throw new AssertionError("the function failed: " + failure.error().toJson());
      };
    }
  }

  @Test
  void build_handlerSource_packsClassesAndResourcesSortedWithDirectories() throws IOException {
    Map<String, byte[]> entries = entries(hello().build());

    assertThat(entries.keySet())
        .containsExactly(
            "com/",
            "com/example/",
            "com/example/Hello$Helper.class",
            "com/example/Hello.class",
            "greeting.txt");
    assertThat(classFileMajorVersion(entries.get("com/example/Hello.class")))
        .isEqualTo(44 + Runtime.version().feature());
    assertThat(new String(entries.get("greeting.txt"), UTF_8)).isEqualTo("Hello");
  }

  @Test
  void build_everyEntry_hasTheFixedTime() throws IOException {
    assertThat(times(hello().build())).hasSize(5).containsOnly(FunctionJar.ENTRY_TIME);
  }

  @Test
  void build_sameInputsInAnyOrder_giveSameBytes() {
    byte[] first =
        FunctionJar.builder()
            .source("com.example.lib.Greeter", GREETER)
            .source("com.example.Hello", HELLO)
            .resource("b.txt", "b")
            .resource("a.txt", "a")
            .build();
    byte[] second =
        FunctionJar.builder()
            .resource("a.txt", "a")
            .source("com.example.Hello", HELLO)
            .resource("b.txt", "b")
            .source("com.example.lib.Greeter", GREETER)
            .build();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void build_calledTwice_leavesTheBuilderReusable() {
    FunctionJar.Builder builder = hello();

    assertThat(builder.build()).isEqualTo(builder.build());
  }

  @Test
  void build_compileErrors_listEachWithFileAndLine() {
    FunctionJar.Builder builder =
        FunctionJar.builder()
            .source(
                "com.example.Broken",
                """
                package com.example;
                public class Broken {
                  int x = "text";
                  void m() { undefined(); }
                }
                """);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The function's sources do not compile (2 errors)")
        .hasMessageContaining("com/example/Broken.java:3: error: incompatible types")
        .hasMessageContaining("com/example/Broken.java:4: error: cannot find symbol");
  }

  @Test
  void build_publicClassNamedOtherThanTheSource_failsToCompile() {
    FunctionJar.Builder builder =
        FunctionJar.builder()
            .source("com.example.Hello", "package com.example; public class Hi {}");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("com/example/Hello.java:1: error:");
  }

  @Test
  void build_withoutSources_packsOnlyResources() throws IOException {
    byte[] jar = FunctionJar.builder().resource("a/b.txt", new byte[] {1, 2}).build();

    assertThat(entries(jar).keySet()).containsExactly("a/", "a/b.txt");
    assertThat(entries(jar).get("a/b.txt")).containsExactly(1, 2);
  }

  @Test
  void release_older_compilesClassFilesOfThatVersion() throws IOException {
    byte[] jar = FunctionJar.builder().release(17).source("lib.Plain", GREETER_17).build();

    assertThat(classFileMajorVersion(entries(jar).get("lib/Plain.class"))).isEqualTo(61);
  }

  static final String GREETER_17 = "package lib; public record Plain(String name) {}";

  @Test
  void library_asBytes_isNestedUnderLibAndCompiledAgainst() throws IOException {
    byte[] library = FunctionJar.builder().source("com.example.lib.Greeter", GREETER).build();

    byte[] jar =
        FunctionJar.builder()
            .source("com.example.UsesLibrary", USES_LIBRARY)
            .library("greeter.jar", library)
            .build();

    Map<String, byte[]> entries = entries(jar);
    assertThat(entries.keySet())
        .containsExactly(
            "com/", "com/example/", "com/example/UsesLibrary.class", "lib/", "lib/greeter.jar");
    assertThat(entries.get("lib/greeter.jar")).isEqualTo(library);
  }

  @Test
  void library_asFile_isNestedUnderItsFileName() throws IOException {
    Path library =
        FunctionJar.builder().source("com.example.lib.Greeter", GREETER).build(temp.resolve("l"));

    byte[] jar =
        FunctionJar.builder()
            .source("com.example.UsesLibrary", USES_LIBRARY)
            .library(library)
            .build();

    assertThat(entries(jar)).containsKey("lib/" + library.getFileName());
    assertThat(entries(jar).get("lib/" + library.getFileName()))
        .isEqualTo(Files.readAllBytes(library));
  }

  @Test
  void classpath_entry_isCompiledAgainstButNotPacked() throws IOException {
    Path library =
        FunctionJar.builder().source("com.example.lib.Greeter", GREETER).build(temp.resolve("l"));

    byte[] jar =
        FunctionJar.builder()
            .source("com.example.UsesLibrary", USES_LIBRARY)
            .classpath(library)
            .build();

    assertThat(entries(jar).keySet())
        .containsExactly("com/", "com/example/", "com/example/UsesLibrary.class");
  }

  @Test
  void buildToDirectory_writesAFileNamedAfterItsContent() throws IOException {
    Path first = hello().build(temp.resolve("out"));
    Path second = hello().build(temp.resolve("out"));

    assertThat(first).isEqualTo(second).hasParent(temp.resolve("out"));
    assertThat(first.getFileName().toString()).matches("function-[0-9a-f]{16}\\.jar");
    assertThat(Files.readAllBytes(first)).isEqualTo(hello().build());
  }

  @Test
  void buildCode_returnsDeployedCodeOfTheJar() {
    FunctionCode.Isolated code = hello().buildCode();

    assertThat(code.source()).isInstanceOf(CodeSource.FromBytes.class);
    assertThat(((CodeSource.FromBytes) code.source()).zip()).isEqualTo(hello().build());
  }

  @Test
  void deployedJar_runsInTheRuntime() {
    assertThat(invoke(hello().buildCode(), "com.example.Hello::handleRequest", "world"))
        .isEqualTo("\"Hello world\"");
  }

  @Test
  void deployedJarFile_withNestedLibrary_runsTheLibraryInTheFunctionsLoader() {
    byte[] library = FunctionJar.builder().source("com.example.lib.Greeter", GREETER).build();
    Path jar =
        FunctionJar.builder()
            .source("com.example.UsesLibrary", USES_LIBRARY)
            .library("greeter.jar", library)
            .build(temp);

    assertThat(invoke(FunctionCode.deployed(jar), "com.example.UsesLibrary", "you"))
        .startsWith("\"Hi you from fn.fn.LATEST.");
  }

  @Test
  void build_resourceAtTheClassPath_fails() {
    FunctionJar.Builder builder = hello().resource("com/example/Hello.class", "not a class");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("com/example/Hello.class");
  }

  @Test
  void build_resourceAtALibraryPath_fails() {
    FunctionJar.Builder builder =
        FunctionJar.builder().resource("lib/a.jar", "x").library("a.jar", new byte[0]);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lib/a.jar");
  }

  @Test
  void requireCompiler_none_failsNamingTheJavaHome() {
    assertThatThrownBy(() -> FunctionJar.requireCompiler(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No Java compiler available")
        .hasMessageContaining(System.getProperty("java.home"))
        .hasMessageContaining("JDK");
  }

  @Test
  void apiLocation_isTheApisJarOrClassDirectory() {
    Path location = FunctionJar.apiLocation();

    assertThat(
            Files.isDirectory(location)
                ? location.resolve("dev/lambdaembedded/api/handler/Context.class")
                : location)
        .exists();
  }

  @Test
  void setters_badValues_failNamingTheValue() {
    FunctionJar.Builder builder = hello();

    assertThatThrownBy(() -> builder.source("com.example.Hello", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("com.example.Hello");
    assertThatThrownBy(() -> builder.source("com.1example", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("com.1example");
    for (String path : List.of("", "/abs", "dir/", "a//b", "a/../b", "./a", "a\\b")) {
      assertThatThrownBy(() -> builder.resource(path, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + path + "'");
    }
    assertThatThrownBy(() -> builder.resource("greeting.txt", "again"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("greeting.txt");
    for (String name : List.of("lib.zip", ".jar", "a/b.jar")) {
      assertThatThrownBy(() -> builder.library(name, new byte[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name);
    }
    builder.library("a.jar", new byte[0]);
    assertThatThrownBy(() -> builder.library("a.jar", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.jar");
    assertThatThrownBy(() -> builder.library(temp.resolve("missing.jar")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.jar");
    assertThatThrownBy(() -> builder.classpath(temp.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> builder.release(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7");
    assertThatThrownBy(() -> builder.release(Runtime.version().feature() + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.toString(Runtime.version().feature() + 1));
  }
}
