/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Runs a test main in a JVM of its own, on this JVM's class path and module path put together as a
 * class path, with some entries left out or added: for what a class path decides once per JVM, such
 * as which SLF4J provider is bound.
 */
public final class ChildJvm {
  private static final long TIMEOUT_SECONDS = 60;

  private final Class<?> main;
  private final List<Predicate<String>> excluded = new ArrayList<>();
  private final List<String> added = new ArrayList<>();
  private final List<String> options = new ArrayList<>();

  private ChildJvm(Class<?> main) {
    this.main = main;
  }

  /** A child that runs the {@code main} method of the given class. */
  public static ChildJvm of(Class<?> main) {
    return new ChildJvm(main);
  }

  /** Leaves out the class-path entries whose path contains the text. */
  public ChildJvm without(String pathPart) {
    excluded.add(entry -> entry.contains(pathPart));
    return this;
  }

  /** Adds an entry to the end of the class path. */
  public ChildJvm with(Path entry) {
    added.add(entry.toString());
    return this;
  }

  /** Adds a JVM option, such as a system property. */
  public ChildJvm option(String option) {
    options.add(option);
    return this;
  }

  /** What the child wrote and how it ended. */
  public record Output(int exitCode, String stdout, String stderr) {}

  /**
   * Runs the child to its end, its output in files of the directory, and checks that it exited 0.
   */
  public Output run(Path dir) throws Exception {
    Path stdout = dir.resolve("child.out");
    Path stderr = dir.resolve("child.err");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(options);
    command.add("-cp");
    command.add(classPath());
    command.add(main.getName());
    Process child =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    boolean ended = child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    Output output =
        new Output(
            child.exitValue(), Files.readString(stdout, UTF_8), Files.readString(stderr, UTF_8));
    assertThat(ended && output.exitCode() == 0)
        .as("the child ended with 0 within %d s: %s", TIMEOUT_SECONDS, output)
        .isTrue();
    return output;
  }

  private String classPath() throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    // Surefire patches the test classes into the module instead of listing them
    Path classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
    entries.add(classes.toString());
    Pattern separator = Pattern.compile(File.pathSeparator, Pattern.LITERAL);
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      separator
          .splitAsStream(System.getProperty(property, ""))
          .filter(entry -> !entry.isBlank())
          .filter(entry -> excluded.stream().noneMatch(rule -> rule.test(entry)))
          .forEach(entries::add);
    }
    entries.addAll(added);
    return String.join(File.pathSeparator, entries);
  }
}
