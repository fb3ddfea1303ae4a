/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the jars the sample host deploys: the sample function's {@code shout.jar} and the sample
 * layer's {@code text-tools.jar}, which the build writes to the sample modules' {@code target}
 * directories at the compile phase.
 *
 * <p>A system property names each jar (the samples pom sets both for {@code exec:exec} and for
 * tests); without it, the jar is looked up relative to the working directory, which may be the
 * {@code samples} module or the project root.
 */
final class SampleJars {

  /** The system property naming the sample function's jar. */
  static final String FUNCTION_PROPERTY = "samples.function.jar";

  /** The system property naming the sample layer's jar. */
  static final String LAYER_PROPERTY = "samples.layer.jar";

  private SampleJars() {}

  /** The sample function's jar, or empty if it has not been built. */
  static Optional<Path> function() {
    return find(FUNCTION_PROPERTY, "functions/sample-function/target/shout.jar");
  }

  /** The sample layer's jar, or empty if it has not been built. */
  static Optional<Path> layer() {
    return find(LAYER_PROPERTY, "functions/sample-layer/target/text-tools.jar");
  }

  private static Optional<Path> find(String property, String underSamples) {
    String named = System.getProperty(property);
    Stream<Path> candidates =
        named != null
            ? Stream.of(Path.of(named))
            : Stream.of(Path.of(underSamples), Path.of("samples", underSamples));
    return candidates.filter(Files::isRegularFile).findFirst();
  }
}
