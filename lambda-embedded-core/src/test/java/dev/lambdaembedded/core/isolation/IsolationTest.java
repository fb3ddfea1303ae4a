/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Deployed code runs in class loaders of its own, seeing only its code, its layers and the API. */
final class IsolationTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();
  @TempDir Path temp;

  /** A handler that reports facts about the class loader it runs in. */
  static final String PROBE =
      """
      package fn;
      import dev.lambdaembedded.api.handler.*;
      public class Probe implements RequestHandler<String, String> {
        public static int calls;
        public String handleRequest(String what, Context context) {
          calls++;
          ClassLoader own = Probe.class.getClassLoader();
          switch (what) {
            case "loader": return own.getName();
            case "context": return String.valueOf(Thread.currentThread().getContextClassLoader() == own);
            case "calls": return Integer.toString(calls);
            case "resource": {
              try (var in = own.getResourceAsStream("fn/data.txt")) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
              } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
            }
            default: {
              try {
                return Class.forName(what, false, own).getClassLoader() == own ? "own" : "shared";
              } catch (ClassNotFoundException e) {
                return "not found: " + e.getMessage();
              }
            }
          }
        }
      }
      """;

  private static byte[] probeJar(String data) {
    return TestJars.builder().source("fn.Probe", PROBE).resource("fn/data.txt", data).toBytes();
  }

  private static String call(FunctionRuntime runtime, String function, String what) {
    return json(runtime.invoke(function, Payload.json("\"" + what + "\"")));
  }

  private static FunctionConfig probe(String name) {
    return FunctionConfig.builder(name).handler("fn.Probe::handleRequest").build();
  }

  @Test
  void deployedHandler_runsInAClassLoaderNamedAfterItsFunction() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(probe("probe"), FunctionCode.deployed(probeJar("x")));

    assertThat(call(runtime, "probe", "loader")).startsWith("\"fn.probe.LATEST.");
  }

  @Test
  void threadContextClassLoader_isTheFunctionsLoaderDuringInvoke() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(probe("probe"), FunctionCode.deployed(probeJar("x")));

    assertThat(call(runtime, "probe", "context")).isEqualTo("\"true\"");
  }

  @Test
  void threadContextClassLoader_isTheFunctionsLoaderDuringInit() {
    FunctionRuntime runtime = fixture.runtime();
    byte[] code =
        TestJars.builder()
            .source(
                "fn.Init",
                """
                package fn;
                import dev.lambdaembedded.api.handler.*;
                public class Init implements RequestHandler<String, String>, Lifecycle {
                  boolean contextWasOwn;
                  public void init(InitContext context) {
                    contextWasOwn = Thread.currentThread().getContextClassLoader() == Init.class.getClassLoader();
                  }
                  public String handleRequest(String in, Context c) { return "init saw own loader: " + contextWasOwn; }
                }
                """)
            .toBytes();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("init").handler("fn.Init::handleRequest").build(),
            FunctionCode.deployed(code));

    assertThat(call(runtime, "init", "x")).isEqualTo("\"init saw own loader: true\"");
  }

  @Test
  void eachEnvironment_getsItsOwnLoader_soStaticStateIsPerEnvironment() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(probe("probe"), FunctionCode.deployed(probeJar("x")));
    assertThat(call(runtime, "probe", "calls")).isEqualTo("\"1\"");
    assertThat(call(runtime, "probe", "calls")).isEqualTo("\"2\"");

    runtime.registry().updateConfig(probe("probe").toBuilder().description("new env").build());

    assertThat(call(runtime, "probe", "calls"))
        .isEqualTo("\"1\""); // a new environment, new statics
  }

  @Test
  void hostClasses_areInvisibleToFunctionCode() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(probe("probe"), FunctionCode.deployed(probeJar("x")));

    assertThat(call(runtime, "probe", IsolationTest.class.getName()))
        .contains("not found: " + IsolationTest.class.getName());
    assertThat(call(runtime, "probe", "dev.lambdaembedded.core.LambdaRuntime"))
        .contains("not found");
    assertThat(call(runtime, "probe", "com.google.common.collect.ImmutableList"))
        .contains("not found");
    assertThat(call(runtime, "probe", "tools.jackson.databind.ObjectMapper")).contains("not found");
  }

  @Test
  void platformAndApiClasses_comeFromOutside() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(probe("probe"), FunctionCode.deployed(probeJar("x")));

    assertThat(call(runtime, "probe", "java.sql.Driver")).isEqualTo("\"shared\"");
    assertThat(call(runtime, "probe", "dev.lambdaembedded.api.handler.Context"))
        .isEqualTo("\"shared\"");
    assertThat(call(runtime, "probe", "fn.Probe")).isEqualTo("\"own\"");
  }

  @Test
  void sharedPackages_areLoadedFromTheHost() {
    FunctionRuntime runtime =
        fixture.runtime(b -> b.sharedPackages("dev.lambdaembedded.core.isolation"));
    runtime.registry().create(probe("probe"), FunctionCode.deployed(probeJar("x")));

    assertThat(call(runtime, "probe", IsolationTest.class.getName())).isEqualTo("\"shared\"");
  }

  @Test
  void sameClassNameInTwoFunctions_isTwoClassesWithTheirOwnState() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(probe("one"), FunctionCode.deployed(probeJar("x")));
    runtime.registry().create(probe("two"), FunctionCode.deployed(probeJar("x")));

    call(runtime, "one", "calls");
    call(runtime, "one", "calls");
    assertThat(call(runtime, "one", "calls")).isEqualTo("\"3\"");
    assertThat(call(runtime, "two", "calls")).isEqualTo("\"1\"");
  }

  @Test
  void resources_comeFromTheFunctionsOwnCode() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(probe("one"), FunctionCode.deployed(probeJar("from one")));
    runtime.registry().create(probe("two"), FunctionCode.deployed(probeJar("from two")));

    assertThat(call(runtime, "one", "resource")).isEqualTo("\"from one\"");
    assertThat(call(runtime, "two", "resource")).isEqualTo("\"from two\"");
  }

  @Test
  void jarOnDisk_andExplodedDirectory_deployLikeBytes() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    Path jar =
        TestJars.builder()
            .source("fn.Probe", PROBE)
            .resource("fn/data.txt", "jar")
            .writeTo(temp, "probe.jar");
    Path directory = temp.resolve("classes");
    for (Map.Entry<String, byte[]> entry :
        TestJars.builder().source("fn.Probe", PROBE).classes().entrySet()) {
      Path file = directory.resolve(entry.getKey());
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.write(file, entry.getValue());
    }
    java.nio.file.Files.writeString(directory.resolve("fn/data.txt"), "directory");
    runtime.registry().create(probe("jar"), FunctionCode.deployed(jar));
    runtime.registry().create(probe("dir"), FunctionCode.deployed(directory));
    java.nio.file.Files.delete(jar); // the runtime copied it: the caller's file is free

    assertThat(call(runtime, "jar", "resource")).isEqualTo("\"jar\"");
    assertThat(call(runtime, "dir", "resource")).isEqualTo("\"directory\"");
  }

  @Test
  void missingHandlerClass_failsInitWithLambdasClassNotFoundError() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("f").handler("fn.Missing::handleRequest").build(),
            FunctionCode.deployed(probeJar("x")));

    assertThat(error(runtime.invoke("f", Payload.json("\"x\""))).errorType())
        .isEqualTo("java.lang.ClassNotFoundException");
  }
}
