/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Keeps {@code lambda-embedded-bom} true to the build: it manages exactly the published modules (a
 * module is published unless it, or a parent of it in the project, sets {@code maven.deploy.skip}),
 * each at the BOM's own version, which is the project's. The BOM has no parent (see its pom), so
 * nothing else ties it to the project.
 */
final class BomTest {
  private static final Path ROOT =
      requireNonNull(Path.of("").toAbsolutePath().getParent(), "the project root");

  @Test
  void bom_managesExactlyThePublishedModules_atTheProjectVersion() throws Exception {
    Pom parent = Pom.read(ROOT);
    Pom bom = Pom.read(ROOT.resolve("lambda-embedded-bom"));

    List<String> published = new ArrayList<>();
    for (Path module : parent.modulesDeep()) {
      Pom pom = Pom.read(module);
      if (!pom.packaging().equals("pom") && !pom.deploySkipped()) {
        published.add(pom.groupId() + ":" + pom.artifactId());
      }
    }

    assertThat(bom.artifactId()).isEqualTo("lambda-embedded-bom");
    assertThat(bom.packaging()).isEqualTo("pom");
    assertThat(bom.text("parent")).as("the BOM's parent").isEmpty();
    assertThat(bom.version()).isEqualTo(parent.version());
    assertThat(parent.modules()).contains(ROOT.resolve("lambda-embedded-bom"));
    assertThat(published)
        .as("published modules")
        .contains(
            "dev.lambdaembedded:lambda-embedded-api", "dev.lambdaembedded:lambda-embedded-core");
    assertThat(bom.managed())
        .containsExactlyInAnyOrderElementsOf(
            published.stream().map(ga -> ga + ":${project.version}").toList());
  }

  @Test
  void bom_spotlessPrefixEntry_hasTheParentsPluginVersion() throws Exception {
    Pom parent = Pom.read(ROOT);
    Pom bom = Pom.read(ROOT.resolve("lambda-embedded-bom"));

    assertThat(bom.text("build/pluginManagement/plugins/plugin/version"))
        .contains(parent.text("properties/spotless-plugin.version").orElseThrow());
  }

  /** The parts of a pom this test reads, without Maven's inheritance beyond what it says. */
  private record Pom(Path dir, Element project) {

    static Pom read(Path dir) throws Exception {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(dir.resolve("pom.xml").toFile());
      return new Pom(dir, document.getDocumentElement());
    }

    String groupId() {
      return text("groupId").or(() -> text("parent/groupId")).orElseThrow();
    }

    String artifactId() {
      return text("artifactId").orElseThrow();
    }

    String version() {
      return text("version").or(() -> text("parent/version")).orElseThrow();
    }

    String packaging() {
      return text("packaging").orElse("jar");
    }

    /** Whether this pom, or a parent of it in the project, sets maven.deploy.skip to true. */
    boolean deploySkipped() throws Exception {
      if (text("properties/maven.deploy.skip").orElse("false").equals("true")) {
        return true;
      }
      if (text("parent").isEmpty()) {
        return false;
      }
      Path relative = dir.resolve(text("parent/relativePath").orElse("../pom.xml")).normalize();
      Path parentDir =
          Files.isDirectory(relative) ? relative : requireNonNull(relative.getParent(), "parent");
      return Files.exists(parentDir.resolve("pom.xml")) && Pom.read(parentDir).deploySkipped();
    }

    List<Path> modules() {
      List<Path> modules = new ArrayList<>();
      for (Element module : children(child(project, "modules"), "module")) {
        modules.add(dir.resolve(module.getTextContent().strip()).normalize());
      }
      return modules;
    }

    /** The modules and, for aggregators among them, theirs. */
    List<Path> modulesDeep() throws Exception {
      List<Path> all = new ArrayList<>();
      for (Path module : modules()) {
        all.add(module);
        all.addAll(Pom.read(module).modulesDeep());
      }
      return all;
    }

    /** groupId:artifactId:version of each dependencyManagement entry. */
    List<String> managed() {
      Element dependencies = child(child(project, "dependencyManagement"), "dependencies");
      return children(dependencies, "dependency").stream()
          .map(
              d ->
                  String.join(
                      ":",
                      new Pom(dir, d).text("groupId").orElseThrow(),
                      new Pom(dir, d).text("artifactId").orElseThrow(),
                      new Pom(dir, d).text("version").orElseThrow()))
          .collect(Collectors.toList());
    }

    /** The text of the element at a slash-separated path under the project, if it exists. */
    Optional<String> text(String path) {
      @Nullable Element element = project;
      for (String name : path.split("/", -1)) {
        element = child(element, name);
        if (element == null) {
          return Optional.empty();
        }
      }
      return Optional.of(element.getTextContent().strip());
    }

    private static @Nullable Element child(@Nullable Element parent, String name) {
      List<Element> found = children(parent, name);
      return found.isEmpty() ? null : found.getFirst();
    }

    private static List<Element> children(@Nullable Element parent, String name) {
      List<Element> found = new ArrayList<>();
      if (parent == null) {
        return found;
      }
      for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element element && element.getTagName().equals(name)) {
          found.add(element);
        }
      }
      return found;
    }
  }
}
