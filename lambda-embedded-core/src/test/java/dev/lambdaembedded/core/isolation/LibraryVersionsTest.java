/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two functions bundling different versions of one real library (Guava 31.1 and 33.8.0, copied by
 * the build into target/test-libs) run side by side, each with its own, while the host's Guava
 * stays invisible to both.
 */
final class LibraryVersionsTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final String HANDLER =
      """
      package fn;
      public class Versions implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          if (in.equals("exiting")) {
            java.util.concurrent.ThreadPoolExecutor pool =
                (java.util.concurrent.ThreadPoolExecutor)
                    java.util.concurrent.Executors.newFixedThreadPool(1);
            pool.shutdown();
            com.google.common.util.concurrent.MoreExecutors.getExitingExecutorService(pool);
            return "no hook";
          }
          try (var props = Versions.class.getClassLoader()
              .getResourceAsStream("META-INF/maven/com.google.guava/guava/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            p.load(props);
            Class<?> list = com.google.common.collect.ImmutableList.class;
            boolean own = list.getClassLoader() == Versions.class.getClassLoader();
            return p.getProperty("version") + " " + own + " "
                + com.google.common.collect.ImmutableList.of(in, in).size();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
      """;

  private static byte[] functionWith(String guavaVersion) throws Exception {
    Path jar =
        Path.of(
            System.getProperty("test.libs", "target/test-libs"), "guava-" + guavaVersion + ".jar");
    return TestJars.builder()
        .source("fn.Versions", HANDLER)
        .compileAgainst(jar)
        .entry("lib/guava-" + guavaVersion + ".jar", Files.readAllBytes(jar))
        .toBytes();
  }

  /**
   * Guava holds calls the default policy forbids (a shutdown hook in {@code MoreExecutors}, Unsafe
   * in its comparators); checked when first loaded, they stop only the code that loads them.
   */
  @Test
  void defaultPolicy_runsGuava_andFailsOnlyTheInvocationThatLoadsAForbiddenClass()
      throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("f").handler("fn.Versions::handleRequest").build(),
            FunctionCode.deployed(functionWith("33.8.0-jre")));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"33.8.0-jre true 2\"");
    FunctionError error = error(runtime.invoke("f", Payload.json("\"exiting\"")));
    assertThat(error.errorType()).isEqualTo(FunctionError.CODE_POLICY_VIOLATION);
    assertThat(error.errorMessage())
        .contains("MoreExecutors$Application")
        .contains("java.lang.Runtime.addShutdownHook(java.lang.Thread) (SHUTDOWN_HOOK:")
        .contains("allow(CodePolicy.Check.SHUTDOWN_HOOK)");
  }

  @Test
  void twoGuavaVersions_coexist_eachFunctionSeesItsOwn() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    // Guava holds code that adds a shutdown hook and reads memory through Unsafe
    CodePolicy policy =
        CodePolicy.defaults().allow(CodePolicy.Check.UNSAFE, CodePolicy.Check.SHUTDOWN_HOOK);
    FunctionConfig.Builder config =
        FunctionConfig.builder("old").handler("fn.Versions::handleRequest");
    runtime
        .registry()
        .create(config.build(), FunctionCode.deployed(functionWith("31.1-jre")).withPolicy(policy));
    runtime
        .registry()
        .create(
            FunctionConfig.builder("new").handler("fn.Versions::handleRequest").build(),
            FunctionCode.deployed(functionWith("33.8.0-jre")).withPolicy(policy));

    assertThat(json(runtime.invoke("old", Payload.json("\"x\"")))).isEqualTo("\"31.1-jre true 2\"");
    assertThat(json(runtime.invoke("new", Payload.json("\"x\""))))
        .isEqualTo("\"33.8.0-jre true 2\"");
  }
}
