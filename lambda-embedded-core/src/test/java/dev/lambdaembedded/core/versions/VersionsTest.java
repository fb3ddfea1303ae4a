/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.testing.Results;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions as Lambda's PublishVersion, ListVersionsByFunction and DeleteFunction (with a qualifier)
 * define them: numbered snapshots of $LATEST's code and version-specific configuration, immutable,
 * not re-published when nothing changed, numbers never reused, refused deletion while an alias
 * routes to one.
 */
final class VersionsTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();
  @TempDir Path temp;

  /** Answers with what the environment sees: the greeting variable, version and memory. */
  private static final FunctionCode ECHO_ENV =
      FunctionCode.handler(
          (Object in, Context context) ->
              context.environment().get("GREETING")
                  + " v"
                  + context.functionVersion()
                  + " "
                  + context.memoryLimitInMB());

  private static FunctionConfig config(String greeting, int memory) {
    return FunctionConfig.builder("greeter")
        .environmentVariable("GREETING", greeting)
        .memorySize(memory)
        .build();
  }

  @Test
  void publishVersion_numbersFromOneAndSnapshotsLatest() {
    FunctionRuntime runtime = fixture.runtime(b -> b.region("eu-west-1").accountId("123456789012"));
    FunctionRegistry registry = runtime.registry();
    registry.create(config("hello", 256), ECHO_ENV);

    FunctionInfo first = registry.publishVersion("greeter", "first cut");
    registry.updateConfig(config("hi", 512));
    FunctionInfo second = registry.publishVersion("greeter", "");

    assertThat(first.version()).isEqualTo("1");
    assertThat(first.functionArn())
        .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:greeter:1");
    assertThat(first.config().description()).isEqualTo("first cut");
    assertThat(second.version()).isEqualTo("2");
    assertThat(second.config().memorySize()).isEqualTo(512);
    assertThat(registry.listVersions("greeter"))
        .extracting(FunctionInfo::version)
        .containsExactly("$LATEST", "1", "2");
    assertThat(registry.get("greeter:1")).contains(first);
    assertThat(registry.get("greeter:$LATEST")).isEqualTo(registry.get("greeter"));
  }

  @Test
  void publishVersion_nothingChanged_returnsTheLastVersion() {
    FunctionRegistry registry = fixture.runtime().registry();
    registry.create(config("hello", 256), ECHO_ENV);
    FunctionInfo first = registry.publishVersion("greeter", "one");

    // Lambda compares code and configuration, not the description given to PublishVersion
    assertThat(registry.publishVersion("greeter", "another description")).isEqualTo(first);
    registry.updateConfig(config("hello", 256)); // same configuration, new revision
    assertThat(registry.publishVersion("greeter", "")).isEqualTo(first);
    registry.updateCode("greeter", ECHO_ENV); // the same code
    assertThat(registry.publishVersion("greeter", "")).isEqualTo(first);
    // reserved concurrency is the function's, not the version's
    registry.updateConfig(config("hello", 256).toBuilder().reservedConcurrency(5).build());
    assertThat(registry.publishVersion("greeter", "").version()).isEqualTo("1");

    registry.updateCode("greeter", FunctionCode.handler((Object in, Context c) -> "new code"));
    assertThat(registry.publishVersion("greeter", "").version()).isEqualTo("2");
    registry.updateConfig(config("changed", 256));
    assertThat(registry.publishVersion("greeter", "").version()).isEqualTo("3");
    // the function's own description is configuration
    registry.updateConfig(config("changed", 256).toBuilder().description("described").build());
    assertThat(registry.publishVersion("greeter", "").version()).isEqualTo("4");
  }

  @Test
  void publishVersion_deployedCode_comparesTheArchiveHash() throws Exception {
    FunctionRegistry registry = fixture.runtime().registry();
    byte[] jar =
        TestJars.builder()
            .source(
                "demo.Hello",
                """
                package demo;
                public class Hello {
                  public String handle(String in) { return "hello " + in; }
                }
                """)
            .toBytes();
    registry.create(
        FunctionConfig.builder("jarred").handler("demo.Hello::handle").build(),
        FunctionCode.deployed(jar));
    FunctionInfo first = registry.publishVersion("jarred", "");

    assertThat(first.codeSha256()).isPresent();
    assertThat(first.codeSize()).isEqualTo(jar.length);
    registry.updateCode("jarred", FunctionCode.deployed(jar.clone())); // the same bytes again
    assertThat(registry.publishVersion("jarred", "")).isEqualTo(first);
    byte[] other =
        TestJars.builder()
            .source(
                "demo.Hello",
                """
                package demo;
                public class Hello {
                  public String handle(String in) { return "hi " + in; }
                }
                """)
            .toBytes();
    registry.updateCode("jarred", FunctionCode.deployed(other));
    FunctionInfo second = registry.publishVersion("jarred", "");

    assertThat(second.version()).isEqualTo("2");
    assertThat(second.codeSha256()).isNotEqualTo(first.codeSha256());
  }

  @Test
  void publishedVersion_isImmutable_updatingLatestChangesOnlyLatest() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = runtime.registry();
    registry.create(config("hello", 256), ECHO_ENV);
    FunctionInfo first = registry.publishVersion("greeter", "");

    registry.updateConfig(config("bonjour", 1024));
    registry.updateCode("greeter", FunctionCode.handler((Object in, Context c) -> "replaced"));

    assertThat(Results.json(runtime.invoke("greeter:1", Payload.json("{}"))))
        .isEqualTo("\"hello v1 256\"");
    assertThat(Results.json(runtime.invoke("greeter", Payload.json("{}"))))
        .isEqualTo("\"replaced\"");
    assertThat(registry.get("greeter:1")).contains(first);
  }

  @Test
  void publishedVersion_showsTheFunctionsCurrentReservedConcurrency() {
    FunctionRegistry registry = fixture.runtime().registry();
    registry.create(config("hello", 256), ECHO_ENV);
    registry.publishVersion("greeter", "");

    registry.updateConfig(config("hello", 256).toBuilder().reservedConcurrency(7).build());

    assertThat(registry.get("greeter:1").orElseThrow().config().reservedConcurrency()).hasValue(7);
  }

  @Test
  void invoke_version_executedVersionInResultStartLineAndEnvironment() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(config("hello", 256), ECHO_ENV);
    runtime.registry().publishVersion("greeter", "");
    runtime
        .registry()
        .create(
            FunctionConfig.of("version-env"),
            FunctionCode.handler(
                (Object in, Context c) -> c.environment().get("AWS_LAMBDA_FUNCTION_VERSION")));
    runtime.registry().publishVersion("version-env", "");

    InvocationResult result = runtime.invoke("greeter:1", Payload.json("{}"));

    assertThat(result.executedVersion()).isEqualTo("1");
    assertThat(fixture.logs().lines("greeter"))
        .contains("START RequestId: " + result.requestId() + " Version: 1");
    assertThat(Results.json(runtime.invoke("version-env:1", Payload.json("{}"))))
        .isEqualTo("\"1\"");
    assertThat(runtime.invoke("greeter", Payload.json("{}")).executedVersion())
        .isEqualTo("$LATEST");
  }

  @Test
  void deleteVersion_refusedWhileAnAliasRoutesToIt_thenDeletedAndNumberNotReused() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = runtime.registry();
    registry.create(config("a", 256), ECHO_ENV);
    registry.publishVersion("greeter", "");
    registry.updateConfig(config("b", 256));
    registry.publishVersion("greeter", "");
    registry.createAlias("greeter", AliasConfig.of("live", "1").withRouting("2", 0.5));

    assertThatThrownBy(() -> registry.deleteVersion("greeter", "2"))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Unable to delete version because the following aliases reference it:"
                            + " [live]"));
    assertThat(registry.listVersions("greeter")).hasSize(3);

    registry.updateAlias("greeter", AliasConfig.of("live", "1"));
    registry.deleteVersion("greeter", "2");
    registry.updateConfig(config("c", 256));

    assertThat(registry.publishVersion("greeter", "").version()).isEqualTo("3");
    assertThat(registry.listVersions("greeter"))
        .extracting(FunctionInfo::version)
        .containsExactly("$LATEST", "1", "3");
    assertThatThrownBy(() -> runtime.invoke("greeter:2", Payload.json("{}")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Function not found: arn:aws:lambda:us-east-1:000000000000:function:"
                            + "greeter:2"));
  }

  @Test
  void deleteVersion_latestOrUnknown_refusedWithTheRule() {
    FunctionRegistry registry = fixture.runtime().registry();
    registry.create(config("a", 256), ECHO_ENV);

    assertThatThrownBy(() -> registry.deleteVersion("greeter", "$LATEST"))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.field()).isEqualTo("qualifier"));
    assertThatThrownBy(() -> registry.deleteVersion("greeter", "4"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> registry.publishVersion("nobody", ""))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> registry.publishVersion("greeter", "x".repeat(257)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.field()).isEqualTo("description"));
  }

  @Test
  void deleteFunction_removesVersionsAndAliases() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = runtime.registry();
    registry.create(config("a", 256), ECHO_ENV);
    registry.publishVersion("greeter", "");
    registry.createAlias("greeter", AliasConfig.of("live", "1"));
    runtime.invoke("greeter:live", Payload.json("{}"));

    registry.delete("greeter");

    assertThat(registry.get("greeter:1")).isEmpty();
    assertThat(registry.getAlias("greeter", "live")).isEmpty();
    assertThatThrownBy(() -> runtime.invoke("greeter:live", Payload.json("{}")))
        .isInstanceOf(ResourceNotFoundException.class);
    registry.create(config("again", 256), ECHO_ENV);
    assertThat(registry.publishVersion("greeter", "").version()).isEqualTo("1");
    assertThat(registry.listAliases("greeter")).isEmpty();
  }

  @Test
  void publishedVersion_keepsItsOwnTimeout() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionRegistry registry = runtime.registry();
    registry.create(
        FunctionConfig.builder("timed").timeout(Duration.ofSeconds(30)).build(),
        FunctionCode.handler((Object in, Context c) -> c.remainingTimeInMillis()));
    registry.publishVersion("timed", "");
    registry.updateConfig(FunctionConfig.builder("timed").timeout(Duration.ofSeconds(5)).build());

    assertThat(Results.json(runtime.invoke("timed:1", Payload.json("{}")))).isEqualTo("30000");
    assertThat(Results.json(runtime.invoke("timed", Payload.json("{}")))).isEqualTo("5000");
    assertThat(registry.get("timed:1").orElseThrow().config().environment()).isEqualTo(Map.of());
  }
}
