/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code sources and their refusals. Lambda's layout (classes at the root, then {@code lib/*.jar}
 * sorted by name) and its limits (50 MB zipped, 250 MB unzipped with layers); a refused archive
 * registers nothing and leaves no file behind.
 */
final class CodeSourceTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();
  @TempDir Path temp;

  static final String VERSIONED =
      """
      package fn;
      public class Handler implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          return lib.Version.name();
        }
      }
      """;

  private static byte[] library(String version) {
    return TestJars.builder()
        .source(
            "lib.Version",
            "package lib; public class Version { public static String name() { return \""
                + version
                + "\"; } }")
        .toBytes();
  }

  private FunctionRuntime runtime() {
    Path work = temp.resolve("work");
    return fixture.runtime(b -> b.workDirectory(work).codeSizeLimits(64 * 1024, 256 * 1024));
  }

  private static FunctionConfig handler(String name) {
    return FunctionConfig.builder(name).handler("fn.Handler::handleRequest").build();
  }

  private void assertNothingLeft(FunctionRuntime runtime) throws IOException {
    assertThat(runtime.registry().list()).isEmpty();
    Path work = temp.resolve("work");
    if (Files.exists(work)) {
      try (Stream<Path> files = Files.list(work)) {
        assertThat(files).as("unpacked code left behind").isEmpty();
      }
    }
  }

  @Test
  void libJars_followTheRootAndAreSearchedInNameOrder() {
    FunctionRuntime runtime = runtime();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.putAll(
        TestJars.builder()
            .source("fn.Handler", VERSIONED)
            .compileAgainst(libraryDir("v0"))
            .classes());
    entries.put("lib/b-version.jar", library("from b"));
    entries.put("lib/a-version.jar", library("from a"));
    runtime.registry().create(handler("f"), FunctionCode.deployed(TestJars.zip(entries)));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"from a\"");
  }

  @Test
  void rootClasses_winOverLibJars() {
    FunctionRuntime runtime = runtime();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.putAll(
        TestJars.builder()
            .source("fn.Handler", VERSIONED)
            .compileAgainst(libraryDir("v0"))
            .classes());
    entries.putAll(
        TestJars.builder()
            .source(
                "lib.Version",
                "package lib; public class Version { public static String name() { return \"root\"; } }")
            .classes());
    entries.put("lib/a-version.jar", library("from a"));
    runtime.registry().create(handler("f"), FunctionCode.deployed(TestJars.zip(entries)));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"root\"");
  }

  private Path libraryDir(String version) {
    Path dir = temp.resolve("compile-" + version);
    TestJars.builder()
        .source(
            "lib.Version",
            "package lib; public class Version { public static String name() { return \""
                + version
                + "\"; } }")
        .classes()
        .forEach(
            (name, bytes) -> {
              try {
                Path file = dir.resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return dir;
  }

  @Test
  void notAZip_isRefusedWithLambdasMessage() throws IOException {
    FunctionRuntime runtime = runtime();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(handler("f"), FunctionCode.deployed("not a zip".getBytes(UTF_8))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Could not unzip uploaded file")
        .hasMessageContaining("it is not a zip archive");
    assertNothingLeft(runtime);
  }

  @Test
  void truncatedZip_isRefused() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] jar =
        TestJars.builder()
            .source("fn.Handler", VERSIONED)
            .compileAgainst(libraryDir("v"))
            .toBytes();
    byte[] truncated = java.util.Arrays.copyOf(jar, jar.length / 2);

    assertThatThrownBy(
            () -> runtime.registry().create(handler("f"), FunctionCode.deployed(truncated)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Could not unzip uploaded file");
    assertNothingLeft(runtime);
  }

  @Test
  void emptyZip_isRefused() throws IOException {
    FunctionRuntime runtime = runtime();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(handler("f"), FunctionCode.deployed(TestJars.zip(Map.of()))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Could not unzip uploaded file");
    assertNothingLeft(runtime);
  }

  @Test
  void zipSlipEntry_isRefusedAndNothingIsWrittenOutside() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] evil = TestJars.zip(Map.of("../../escaped.txt", "x".getBytes(UTF_8)));

    assertThatThrownBy(() -> runtime.registry().create(handler("f"), FunctionCode.deployed(evil)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("'../../escaped.txt'")
        .hasMessageContaining("relative paths inside the archive");
    assertThat(temp.resolve("escaped.txt")).doesNotExist();
    assertThat(temp.resolveSibling("escaped.txt")).doesNotExist();
    assertNothingLeft(runtime);
  }

  @Test
  void absoluteEntry_isRefused() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] evil = TestJars.zip(Map.of("/etc/evil", "x".getBytes(UTF_8)));

    assertThatThrownBy(() -> runtime.registry().create(handler("f"), FunctionCode.deployed(evil)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("'/etc/evil'");
    assertNothingLeft(runtime);
  }

  @Test
  void archiveAboveTheZippedLimit_isRefusedBeforeUnpacking() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] random = new byte[70 * 1024];
    new java.util.Random(7).nextBytes(random);
    byte[] big = TestJars.zip(Map.of("noise.bin", random));

    assertThatThrownBy(() -> runtime.registry().create(handler("f"), FunctionCode.deployed(big)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("zipped size less than or equal to 65536 bytes");
    assertNothingLeft(runtime);
  }

  @Test
  void zipBombAboveTheUnzippedLimit_isRefusedWhileUnpacking() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] bomb = TestJars.zip(Map.of("zeros.bin", new byte[300 * 1024])); // compresses to ~300 B

    assertThatThrownBy(() -> runtime.registry().create(handler("f"), FunctionCode.deployed(bomb)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Unzipped size must be smaller than 262144 bytes");
    assertNothingLeft(runtime);
  }

  @Test
  void lambdasOwnLimits_areTheDefaults() {
    FunctionRuntime runtime = fixture.runtime(b -> b.workDirectory(temp.resolve("work")));
    byte[] bomb = TestJars.zip(Map.of("zeros.bin", new byte[251 * 1024 * 1024]));

    assertThatThrownBy(() -> runtime.registry().create(handler("f"), FunctionCode.deployed(bomb)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Unzipped size must be smaller than 262144000 bytes");
  }

  @Test
  void missingPath_isRefused() {
    FunctionRuntime runtime = runtime();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(handler("f"), FunctionCode.deployed(temp.resolve("missing.jar"))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("must name an existing jar, zip or directory");
  }

  @Test
  void badLibJar_isRefused() throws IOException {
    FunctionRuntime runtime = runtime();
    Map<String, byte[]> entries =
        new LinkedHashMap<>(
            TestJars.builder()
                .source("fn.Handler", VERSIONED)
                .compileAgainst(libraryDir("v"))
                .classes());
    entries.put("lib/broken.jar", "not a jar".getBytes(UTF_8));

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(handler("f"), FunctionCode.deployed(TestJars.zip(entries))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("lib/broken.jar is not a jar");
    assertNothingLeft(runtime);
  }

  @Test
  void deletingAFunction_deletesItsUnpackedCode() throws IOException {
    FunctionRuntime runtime = runtime();
    runtime
        .registry()
        .create(
            handler("f"),
            FunctionCode.deployed(
                TestJars.builder()
                    .source("fn.Handler", VERSIONED)
                    .compileAgainst(libraryDir("v"))
                    .entry("lib/v.jar", library("v"))
                    .toBytes()));
    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"v\"");

    runtime.registry().delete("f");

    assertNothingLeft(runtime);
  }
}
