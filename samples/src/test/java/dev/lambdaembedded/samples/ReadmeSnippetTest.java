/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Keeps every Java block of the README identical to compiled code, imports included, so that each
 * example a newcomer copies names real types and compiles.
 *
 * <p>Each {@code ```java} block is preceded by a marker {@code <!-- snippet: path#tag -->} naming a
 * source file under the project root and a region of it between {@code // tag::tag[]} and {@code //
 * end::tag[]}. The block must be that file's import lines, a blank line, and the region without its
 * common indentation. Spotless removes unused imports, so a file whose only code is its example
 * shows exactly the imports the example needs. The build section's coordinates are checked against
 * the poms.
 */
final class ReadmeSnippetTest {
  private static final Path ROOT =
      requireNonNull(Path.of("").toAbsolutePath().getParent(), "the project root");
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");
  private static final String JAVA_FENCE = "```java";

  /** A Java block of the README: its code, the line of its fence, the line before the fence. */
  private record Block(String code, int line, String marker) {}

  @Test
  void readme_everyJavaBlock_isTheImportsAndRegionOfACompiledSource() throws IOException {
    List<Block> blocks = javaBlocks(readme());
    assertThat(blocks).as("Java blocks in the README").hasSizeGreaterThanOrEqualTo(8);

    for (Block block : blocks) {
      Matcher marker = MARKER.matcher(block.marker());
      assertThat(marker.matches())
          .as(
              "the line before the Java block at README line %d names its source:"
                  + " <!-- snippet: path#tag -->, found: %s",
              block.line(), block.marker())
          .isTrue();
      String source = Files.readString(ROOT.resolve(marker.group(1)), StandardCharsets.UTF_8);

      assertThat(block.code())
          .as("the Java block at README line %d, from %s", block.line(), block.marker())
          .isEqualTo(rendering(source, marker.group(2)));
    }
  }

  @Test
  void readmeExamples_everyTaggedRegion_isInTheReadme() throws IOException {
    String readme = readme();
    Path dir = ROOT.resolve("samples/src/test/java/dev/lambdaembedded/samples/readme");
    List<String> regions = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        Matcher tag =
            Pattern.compile("// tag::(\\S+)\\[]")
                .matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (tag.find()) {
          regions.add(ROOT.relativize(file).toString().replace('\\', '/') + "#" + tag.group(1));
        }
      }
    }

    assertThat(regions).isNotEmpty();
    assertThat(regions)
        .allSatisfy(region -> assertThat(readme).contains("<!-- snippet: " + region + " -->"));
  }

  /** The build section's Maven coordinates are the poms': the BOM, at the project's version. */
  @Test
  void readme_buildSection_namesTheBomAndPublishedModulesAtTheProjectVersion() throws Exception {
    String readme = readme();
    String section = readme.substring(readme.indexOf("## Add it to your build"));
    int start = section.indexOf("```xml\n") + 7;
    String xml = section.substring(start, section.indexOf("```", start));
    Element root =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader("<root>" + xml + "</root>")))
            .getDocumentElement();
    String projectVersion = text(pom(ROOT), "version");
    String bom = Files.readString(ROOT.resolve("lambda-embedded-bom/pom.xml"));

    List<String> ours = new ArrayList<>();
    NodeList dependencies = root.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (text(dependency, "groupId").equals("dev.lambdaembedded")) {
        String artifactId = text(dependency, "artifactId");
        ours.add(artifactId);
        if (artifactId.equals("lambda-embedded-bom")) {
          assertThat(text(dependency, "version")).isEqualTo(projectVersion);
          assertThat(text(dependency, "scope")).isEqualTo("import");
        } else {
          assertThat(bom).contains("<artifactId>" + artifactId + "</artifactId>");
          assertThat(dependency.getElementsByTagName("version").getLength())
              .as("%s takes its version from the BOM", artifactId)
              .isZero();
        }
      }
    }
    assertThat(ours)
        .contains(
            "lambda-embedded-bom",
            "lambda-embedded-core",
            "lambda-embedded-sqlite",
            "lambda-embedded-test");
  }

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  private static List<Block> javaBlocks(String markdown) {
    List<String> lines = Arrays.asList(markdown.split("\n", -1));
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(JAVA_FENCE)) {
        int end = i + 1;
        while (!lines.get(end).strip().equals("```")) {
          end++;
        }
        String code = String.join("\n", lines.subList(i + 1, end));
        blocks.add(new Block(code, i + 1, i > 0 ? lines.get(i - 1).strip() : ""));
        i = end;
      }
    }
    return blocks;
  }

  /** A source's import lines (with the blank line between their groups), then the region. */
  private static String rendering(String source, String tag) {
    List<String> lines = Arrays.asList(source.split("\n", -1));
    int first = -1;
    int last = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("import ")) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    String region = dedent(taggedRegion(source, tag));
    return first < 0 ? region : String.join("\n", lines.subList(first, last + 1)) + "\n\n" + region;
  }

  private static String taggedRegion(String source, String tag) {
    int open = source.indexOf("// tag::" + tag + "[]");
    int close = source.indexOf("// end::" + tag + "[]");
    assertThat(open).as("region %s", tag).isNotNegative();
    assertThat(close).as("end of region %s", tag).isGreaterThan(open);
    int start = source.indexOf('\n', open) + 1;
    int end = source.lastIndexOf('\n', close);
    return source.substring(start, end + 1);
  }

  /** Removes the indentation common to all non-blank lines, and trailing blank lines. */
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

  private static Element pom(Path dir) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(dir.resolve("pom.xml").toFile())
        .getDocumentElement();
  }

  /** The text of an element's first direct child of that name, or "" if there is none. */
  private static String text(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
        return child.getTextContent().strip();
      }
    }
    return "";
  }
}
