/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's first example identical to the code {@link QuickStartTest} compiles and runs,
 * so the example a newcomer copies always works.
 */
final class ReadmeSnippetTest {

  @Test
  void readme_firstJavaBlock_isTheCompiledQuickStart() throws IOException {
    Path root = requireNonNull(Path.of("").toAbsolutePath().getParent(), "the project root");
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    String test =
        Files.readString(
            root.resolve("samples/src/test/java/dev/lambdaembedded/samples/QuickStartTest.java"),
            StandardCharsets.UTF_8);

    assertThat(dedent(firstJavaBlock(readme))).isEqualTo(dedent(taggedRegion(test, "quickstart")));
  }

  @Test
  void readme_testingSection_isTheCompiledTestingExample() throws IOException {
    Path root = requireNonNull(Path.of("").toAbsolutePath().getParent(), "the project root");
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    String test =
        Files.readString(
            root.resolve("samples/src/test/java/dev/lambdaembedded/samples/GreeterReadmeTest.java"),
            StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("### Testing your handlers"));

    assertThat(dedent(firstJavaBlock(section))).isEqualTo(dedent(taggedRegion(test, "testing")));
  }

  private static String firstJavaBlock(String markdown) {
    int start = markdown.indexOf("```java\n");
    assertThat(start).as("a java block in the README").isNotNegative();
    int end = markdown.indexOf("```", start + 8);
    return markdown.substring(start + 8, end);
  }

  private static String taggedRegion(String source, String tag) {
    int start = source.indexOf('\n', source.indexOf("// tag::" + tag + "[]")) + 1;
    int end = source.lastIndexOf('\n', source.indexOf("// end::" + tag + "[]"));
    return source.substring(start, end + 1);
  }

  /** Removes the indentation common to all non-blank lines and trailing blank lines. */
  private static String dedent(String block) {
    List<String> lines = Arrays.asList(block.stripTrailing().split("\n", -1));
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream()
        .map(line -> line.isBlank() ? "" : line.substring(indent))
        .collect(Collectors.joining("\n"));
  }
}
