/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Checks what the build hands the sample host: the function and layer jars, built by the compile
 * phase, and a host class path without their classes.
 */
final class SampleJarsTest {

  @Test
  void function_builtByTheBuild_holdsItsHandlersButNotTheLayer() throws IOException {
    Path jar = SampleJars.function().orElseThrow();

    assertThat(jar.getFileName()).hasToString("shout.jar");
    assertThat(classesIn(jar))
        .contains(
            "dev/lambdaembedded/samples/shout/ShoutHandler.class",
            "dev/lambdaembedded/samples/shout/SlugHandler.class")
        .noneMatch(name -> name.startsWith("dev/lambdaembedded/samples/texttools/"))
        .noneMatch(name -> name.startsWith("dev/lambdaembedded/api/"));
  }

  @Test
  void layer_builtByTheBuild_isAPlainJarOfTextTools() throws IOException {
    Path jar = SampleJars.layer().orElseThrow();

    assertThat(jar.getFileName()).hasToString("text-tools.jar");
    assertThat(classesIn(jar)).contains("dev/lambdaembedded/samples/texttools/Slugs.class");
  }

  @Test
  void hostClassPath_sampleJarsBuiltFirst_holdsNoneOfTheirClasses() {
    ClassLoader host = SampleJarsTest.class.getClassLoader();

    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(
            () -> Class.forName("dev.lambdaembedded.samples.shout.ShoutHandler", false, host));
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> Class.forName("dev.lambdaembedded.samples.texttools.Slugs", false, host));
  }

  private static List<String> classesIn(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")).toList();
    }
  }
}
