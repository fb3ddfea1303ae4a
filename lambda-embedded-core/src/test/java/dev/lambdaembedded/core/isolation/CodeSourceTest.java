/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code sources and their refusals. Lambda's layout (classes at the root, then {@code lib/*.jar}
 * sorted by name) and its limits (50 MB zipped, 250 MB unzipped with layers); a refused archive
 * registers nothing and leaves no file behind. An archive is kept as one copied file read in place,
 * only its {@code lib/*.jar} extracted; what its central directory declares bounds every read.
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

  /** A handler that returns the text of the resource its input names, or why it could not. */
  static final String READER =
      """
      package fn;
      public class Reader implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String name, dev.lambdaembedded.api.handler.Context c) {
          ClassLoader own = Reader.class.getClassLoader();
          if (name.startsWith("url:")) {
            return String.valueOf(own.getResource(name.substring(4)));
          }
          if (name.startsWith("all:")) {
            try {
              return java.util.Collections.list(own.getResources(name.substring(4))).toString();
            } catch (java.io.IOException e) { return "failed: " + e.getMessage(); }
          }
          try (var in = own.getResourceAsStream(name)) {
            if (in == null) return "missing";
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          } catch (java.io.IOException e) {
            return "failed: " + e.getMessage();
          }
        }
      }
      """;

  private static FunctionConfig reader(String name) {
    return FunctionConfig.builder(name).handler("fn.Reader::handleRequest").build();
  }

  private static String read(FunctionRuntime runtime, String function, String what) {
    return json(runtime.invoke(function, Payload.json("\"" + what + "\"")));
  }

  private static Map<String, byte[]> readerWith(String resource, byte[] bytes) {
    Map<String, byte[]> entries =
        new LinkedHashMap<>(TestJars.builder().source("fn.Reader", READER).classes());
    entries.put(resource, bytes);
    return entries;
  }

  /**
   * Rewrites the uncompressed size the central directory declares for one entry, leaving its data
   * (and the local header) as they are: a lying central directory.
   */
  private static byte[] declaring(byte[] zip, String entry, int size) {
    byte[] patched = zip.clone();
    ByteBuffer buffer = ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN);
    byte[] name = entry.getBytes(UTF_8);
    for (int i = 0; i + 46 + name.length <= patched.length; i++) {
      if (buffer.getInt(i) == 0x02014b50
          && Short.toUnsignedInt(buffer.getShort(i + 28)) == name.length
          && Arrays.equals(patched, i + 46, i + 46 + name.length, name, 0, name.length)) {
        buffer.putInt(i + 24, size);
        return patched;
      }
    }
    throw new IllegalArgumentException(entry + " is not in the central directory");
  }

  /** The files in the work directory, named relative to their code's own directory. */
  private List<String> codeFiles() throws IOException {
    Path work = temp.resolve("work");
    try (Stream<Path> files = Files.walk(work)) {
      return files
          .filter(Files::isRegularFile)
          .map(work::relativize)
          .map(file -> file.subpath(1, file.getNameCount()).toString().replace('\\', '/'))
          .toList();
    }
  }

  @Test
  void archive_isKeptAsOneFile_andOnlyItsLibJarsAreExtracted() throws IOException {
    FunctionRuntime runtime = runtime();
    runtime
        .registry()
        .create(
            handler("f"),
            FunctionCode.deployed(
                TestJars.builder()
                    .source("fn.Handler", VERSIONED)
                    .compileAgainst(libraryDir("v"))
                    .resource("fn/data.txt", "x")
                    .entry("lib/v.jar", library("v"))
                    .entry("lib/nested/ignored.jar", library("nested"))
                    .toBytes()));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"v\"");
    assertThat(codeFiles()).containsExactlyInAnyOrder("code.zip", "lib/v.jar");
  }

  @Test
  void callersFile_changedOrDeletedAfterRegistration_doesNotReachRunningCode() throws IOException {
    FunctionRuntime runtime = runtime();
    Path jar = temp.resolve("reader.jar");
    Files.write(jar, TestJars.zip(readerWith("fn/data.txt", "before".getBytes(UTF_8))));
    runtime.registry().create(reader("f"), FunctionCode.deployed(jar));

    Files.write(jar, TestJars.zip(readerWith("fn/data.txt", "after, and longer".getBytes(UTF_8))));
    assertThat(read(runtime, "f", "fn/data.txt")).isEqualTo("\"before\"");
    Files.delete(jar);
    assertThat(read(runtime, "f", "fn/data.txt")).isEqualTo("\"before\"");
  }

  @Test
  void codeSha256_isTheArchivesOwnSha256_fromAFileOrBytes() throws Exception {
    FunctionRuntime runtime = runtime();
    byte[] zip = TestJars.zip(readerWith("fn/data.txt", "x".getBytes(UTF_8)));
    Path jar = Files.write(temp.resolve("reader.jar"), zip);
    String expected =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));

    FunctionInfo fromFile = runtime.registry().create(reader("file"), FunctionCode.deployed(jar));
    FunctionInfo fromBytes = runtime.registry().create(reader("bytes"), FunctionCode.deployed(zip));

    assertThat(fromFile.codeSha256()).contains(expected);
    assertThat(fromBytes.codeSha256()).contains(expected);
    assertThat(fromFile.codeSize()).isEqualTo(zip.length);
  }

  @Test
  void resources_haveTheBundlesOwnUrls_rootFirstThenLibJars() {
    FunctionRuntime runtime = runtime();
    Map<String, byte[]> entries = readerWith("shared.txt", "root".getBytes(UTF_8));
    entries.put(
        "lib/a.jar",
        TestJars.zip(Map.of("shared.txt", "a".getBytes(UTF_8), "only-a.txt", "a".getBytes(UTF_8))));
    runtime.registry().create(reader("f"), FunctionCode.deployed(TestJars.zip(entries)));

    assertThat(read(runtime, "f", "url:shared.txt")).startsWith("\"lambda-code:/code-");
    assertThat(read(runtime, "f", "url:shared.txt")).endsWith("/code.zip!/shared.txt\"");
    assertThat(read(runtime, "f", "url:only-a.txt")).endsWith("/lib/a.jar!/only-a.txt\"");
    assertThat(read(runtime, "f", "all:shared.txt"))
        .matches(
            "\"\\[lambda-code:/\\S+/code.zip!/shared.txt, lambda-code:/\\S+/lib/a.jar!/shared.txt]\"");
    assertThat(read(runtime, "f", "shared.txt")).isEqualTo("\"root\"");
    assertThat(read(runtime, "f", "only-a.txt")).isEqualTo("\"a\"");
    assertThat(read(runtime, "f", "absent.txt")).isEqualTo("\"missing\"");
  }

  @Test
  void entryInflatingToMoreThanItsCentralDirectoryDeclares_failsItsReadAtTheDeclaredSize() {
    FunctionRuntime runtime = runtime(); // 256 KiB unzipped: 300 KiB declared honestly is refused
    byte[] lying =
        declaring(
            TestJars.zip(readerWith("fn/zeros.bin", new byte[300 * 1024])), "fn/zeros.bin", 100);
    runtime.registry().create(reader("f"), FunctionCode.deployed(lying));

    assertThat(read(runtime, "f", "fn/zeros.bin"))
        .contains("failed: ")
        .contains(
            "fn/zeros.bin in code.zip holds more than the 100 bytes the central directory declares");
  }

  @Test
  void entryInflatingToLessThanItsCentralDirectoryDeclares_failsItsRead() {
    FunctionRuntime runtime = runtime();
    byte[] lying =
        declaring(TestJars.zip(readerWith("fn/data.txt", new byte[1000])), "fn/data.txt", 2000);
    runtime.registry().create(reader("f"), FunctionCode.deployed(lying));

    assertThat(read(runtime, "f", "fn/data.txt"))
        .contains(
            "fn/data.txt in code.zip holds 1000 bytes where the central directory declares 2000");
  }

  @Test
  void declaredSizes_countAgainstTheUnzippedLimit_beforeAnythingIsRead() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] honest = TestJars.zip(readerWith("fn/small.bin", new byte[10]));
    byte[] inflated = declaring(honest, "fn/small.bin", 300 * 1024);

    assertThatThrownBy(
            () -> runtime.registry().create(reader("f"), FunctionCode.deployed(inflated)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Unzipped size must be smaller than 262144 bytes");
    assertNothingLeft(runtime);
  }

  @Test
  void libJarInflatingToMoreThanDeclared_isRefusedWhenExtracted() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] jar = new byte[200 * 1024]; // zeros: not a jar, but never read as one
    Map<String, byte[]> entries = readerWith("fn/data.txt", "x".getBytes(UTF_8));
    entries.put("lib/big.jar", jar);
    byte[] lying = declaring(TestJars.zip(entries), "lib/big.jar", 64);

    assertThatThrownBy(() -> runtime.registry().create(reader("f"), FunctionCode.deployed(lying)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Could not unzip uploaded file")
        .hasMessageContaining("lib/big.jar in code.zip holds more than the 64 bytes");
    assertNothingLeft(runtime);
  }

  @Test
  void entriesWithDotSegments_areFoundAtTheNamesExtractingWouldGiveThem() {
    FunctionRuntime runtime = runtime();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    readerWith("fn/data.txt", "dotted".getBytes(UTF_8))
        .forEach((name, bytes) -> entries.put("./" + name, bytes));
    runtime.registry().create(reader("f"), FunctionCode.deployed(TestJars.zip(entries)));

    assertThat(read(runtime, "f", "fn/data.txt")).isEqualTo("\"dotted\"");
  }

  @Test
  void fileAboveTheZippedLimit_isRefusedBeforeCopying() throws IOException {
    FunctionRuntime runtime = runtime();
    byte[] random = new byte[70 * 1024];
    new java.util.Random(7).nextBytes(random);
    Path big = Files.write(temp.resolve("big.zip"), TestJars.zip(Map.of("noise.bin", random)));

    assertThatThrownBy(() -> runtime.registry().create(handler("f"), FunctionCode.deployed(big)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("zipped size less than or equal to 65536 bytes");
    assertNothingLeft(runtime);
  }

  @Test
  void directory_withLibJars_deploysInLambdasOrder_andIsDeletedWithTheFunction()
      throws IOException {
    FunctionRuntime runtime = runtime();
    Path directory = temp.resolve("exploded");
    TestJars.builder()
        .source("fn.Handler", VERSIONED)
        .compileAgainst(libraryDir("v0"))
        .classes()
        .forEach(
            (name, bytes) -> {
              try {
                Path file = directory.resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Files.createDirectories(directory.resolve("lib"));
    Files.write(directory.resolve("lib/b-version.jar"), library("from b"));
    Files.write(directory.resolve("lib/a-version.jar"), library("from a"));
    runtime.registry().create(handler("f"), FunctionCode.deployed(directory));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"from a\"");
    runtime.registry().delete("f");
    assertNothingLeft(runtime);
  }
}
