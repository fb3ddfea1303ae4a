/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.core.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the default sink's lines go, by the SLF4J provider the host has: through SLF4J when one is
 * bound; to the JDK's System.Logger (standard error by default), with one warning saying how to get
 * them into the host's logging, when none is; nowhere when the host chose slf4j-nop. Each case runs
 * {@link LoggingChild} in a JVM of its own, as SLF4J binds its provider once per JVM.
 */
final class LoggingProviderTest {
  private static final String WARNING = "No SLF4J provider is bound";

  @TempDir Path dir;

  @Test
  void noProvider_linesGoToStandardErrorThroughSystemLogger_withOneWarning() throws Exception {
    ChildJvm.Output output = ChildJvm.of(LoggingChild.class).without("logback-").run(dir);

    String stderr = output.stderr();
    assertThat(count(stderr, WARNING)).as(stderr).isEqualTo(1);
    assertThat(stderr)
        .contains("logback-classic or org.slf4j:slf4j-simple", "LambdaRuntime.builder().logSink(")
        .contains("START RequestId: ", "END RequestId: ")
        .contains("logged for Ada", "printed for Ada");
    assertThat(count(stderr, "REPORT RequestId: ")).as(stderr).isEqualTo(2);
    assertThat(output.stdout()).isEmpty();
  }

  @Test
  void logbackBound_linesGoThroughSlf4j_noWarning() throws Exception {
    Path config = dir.resolve("logback.xml");
    Files.writeString(
        config,
        """
        <configuration>
          <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>LOGBACK %logger %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="ERR"/></root>
        </configuration>
        """,
        UTF_8);

    ChildJvm.Output output =
        ChildJvm.of(LoggingChild.class).option("-Dlogback.configurationFile=" + config).run(dir);

    String stderr = output.stderr();
    assertThat(stderr)
        .doesNotContain(WARNING)
        .contains("LOGBACK dev.lambdaembedded.function.hello-1 START RequestId: ")
        .contains("LOGBACK dev.lambdaembedded.function.hello-1 logged for Ada")
        .contains("LOGBACK dev.lambdaembedded.function.hello-2 printed for Ada");
  }

  @Test
  void slf4jNopChosenByTheHost_staysSilent() throws Exception {
    ChildJvm.Output output =
        ChildJvm.of(LoggingChild.class).without("logback-").with(slf4jNop()).run(dir);

    assertThat(output.stderr())
        .doesNotContain(WARNING)
        .doesNotContain("START RequestId: ")
        .doesNotContain("logged for Ada");
  }

  /** The slf4j-nop jar the build copies next to the test libraries, off the class path. */
  private static Path slf4jNop() throws IOException {
    Path libs = Path.of(System.getProperty("test.libs", "target/test-libs"));
    try (Stream<Path> jars = Files.list(libs)) {
      return jars.filter(jar -> jar.getFileName().toString().startsWith("slf4j-nop-"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no slf4j-nop jar in " + libs));
    }
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
