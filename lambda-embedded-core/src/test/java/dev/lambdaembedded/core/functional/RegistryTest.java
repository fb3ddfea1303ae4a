/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.RequestTooLargeException;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry as Lambda's control plane behaves: names are unique, changes are atomic and a
 * refused change leaves everything as it was, unknown names are ResourceNotFoundException with
 * Lambda's "Function not found: <arn>" message.
 */
final class RegistryTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final FunctionCode OK = FunctionCode.handler((Object in, Context c) -> "ok");

  @Test
  void create_describesTheFunctionWithItsArn() {
    FunctionRuntime runtime = fixture.runtime(b -> b.region("eu-west-1").accountId("123456789012"));

    FunctionInfo info = runtime.registry().create(FunctionConfig.of("orders"), OK);

    assertThat(info.functionName()).isEqualTo("orders");
    assertThat(info.functionArn())
        .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:orders");
    assertThat(info.version()).isEqualTo("$LATEST");
    assertThat(info.lastModified()).isEqualTo(fixture.time().instant());
    assertThat(runtime.registry().get("orders")).contains(info);
  }

  @Test
  void create_nameTaken_conflictAndFirstFunctionUntouched() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionInfo first = runtime.registry().create(FunctionConfig.of("dup"), OK);

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(FunctionConfig.builder("dup").memorySize(512).build(), OK))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("Function already exist: dup");
              assertThat(e.statusCode()).isEqualTo(409);
            });
    assertThat(runtime.registry().get("dup")).contains(first);
  }

  @Test
  void create_classpathCodeWithoutHandler_rejectedNamingTheField() {
    FunctionRuntime runtime = fixture.runtime();

    assertThatThrownBy(
            () -> runtime.registry().create(FunctionConfig.of("f"), FunctionCode.classpath()))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo("handler");
              assertThat(e.rule()).isEqualTo("Member is required for code loaded by class name");
            });
    assertThat(runtime.registry().list()).isEmpty();
  }

  @Test
  void create_inlineCodeWithHandlerString_rejected() {
    FunctionRuntime runtime = fixture.runtime();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(FunctionConfig.builder("f").handler("a.B::c").build(), OK))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.rule()).isEqualTo("Member must be absent for inline handler code"));
  }

  @Test
  void updateConfig_rejected_leavesConfigCodeAndEnvironmentsAsTheyWere() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionInfo before =
        runtime
            .registry()
            .create(FunctionConfig.builder("keep").environmentVariable("AB", "1").build(), OK);
    runtime.invoke("keep", Payload.json("{}"));

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .updateConfig(FunctionConfig.builder("keep").handler("x.Y").build()))
        .isInstanceOf(InvalidParameterValueException.class);

    assertThat(runtime.registry().get("keep")).contains(before);
    runtime.invoke("keep", Payload.json("{}"));
    assertThat(runtime.inspect().metrics("keep").orElseThrow().coldStarts())
        .as("the warm environment was not retired")
        .isEqualTo(1);
  }

  @Test
  void update_unknownFunction_notFound() {
    FunctionRuntime runtime = fixture.runtime();

    assertThatThrownBy(() -> runtime.registry().updateCode("ghost", OK))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessage("Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost");
    assertThatThrownBy(() -> runtime.registry().updateConfig(FunctionConfig.of("ghost")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> runtime.registry().delete("ghost"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void update_changesRevisionIdAndLastModified() {
    FunctionRuntime runtime = fixture.runtime();
    FunctionInfo created = runtime.registry().create(FunctionConfig.of("rev"), OK);
    fixture.time().advance(java.time.Duration.ofSeconds(5));

    FunctionInfo updated =
        runtime.registry().updateConfig(FunctionConfig.builder("rev").description("two").build());

    assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());
    assertThat(updated.lastModified()).isAfter(created.lastModified());
    assertThat(updated.config().description()).isEqualTo("two");
  }

  @Test
  void delete_laterInvocationsNotFound() {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.of("gone"), OK);
    runtime.invoke("gone", Payload.json("{}"));

    runtime.registry().delete("gone");

    assertThat(runtime.registry().get("gone")).isEmpty();
    assertThatThrownBy(() -> runtime.invoke("gone", Payload.json("{}")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessage("Function not found: arn:aws:lambda:us-east-1:000000000000:function:gone");
  }

  @Test
  void list_isOrderedByName() {
    FunctionRuntime runtime = fixture.runtime();
    for (String name : new String[] {"charlie", "alpha", "bravo"}) {
      runtime.registry().create(FunctionConfig.of(name), OK);
    }

    assertThat(runtime.registry().list())
        .extracting(FunctionInfo::functionName)
        .containsExactly("alpha", "bravo", "charlie");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "f",
        "f:$LATEST",
        "arn:aws:lambda:us-east-1:000000000000:function:f",
        "arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST",
        "000000000000:function:f"
      })
  void invoke_everyQualifierFormOfLatest_runsTheFunction(String qualifier) {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.of("f"), OK);

    assertThat(runtime.invoke(qualifier, Payload.json("{}")))
        .isInstanceOfSatisfying(
            InvocationResult.Success.class,
            s -> assertThat(s.executedVersion()).isEqualTo("$LATEST"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"f:1", "f:live", "missing", "missing:$LATEST"})
  void invoke_versionAliasOrFunctionThatDoesNotExist_notFoundWithQualifiedArn(String qualifier) {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.of("f"), OK);

    assertThatThrownBy(() -> runtime.invoke(qualifier, Payload.json("{}")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:"
                          + qualifier);
              assertThat(e.resource()).contains(qualifier);
              assertThat(e.statusCode()).isEqualTo(404);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bad name", "a:b:c", "f:", "f:$latest", "arn:aws:s3:::bucket"})
  void invoke_malformedQualifier_invalidParameterValue(String qualifier) {
    FunctionRuntime runtime = fixture.runtime();
    runtime.registry().create(FunctionConfig.of("f"), OK);

    assertThatThrownBy(() -> runtime.invoke(qualifier, Payload.json("{}")))
        .isInstanceOf(InvalidParameterValueException.class);
  }

  @Test
  void invoke_payloadAtAndOverTheSynchronousLimit_acceptedThenRefused() {
    FunctionRuntime runtime = fixture.runtime(); // Lambda: 6 MB (6,291,456 bytes) synchronous
    runtime
        .registry()
        .create(
            FunctionConfig.of("big"),
            FunctionCode.streamHandler(
                (in, out, c) -> in.transferTo(java.io.OutputStream.nullOutputStream())));
    byte[] atLimit = jsonString(6_291_456);
    byte[] overLimit = jsonString(6_291_457);

    assertThat(runtime.invoke("big", Payload.json(atLimit)))
        .isInstanceOf(InvocationResult.Success.class);
    assertThatThrownBy(() -> runtime.invoke("big", Payload.json(overLimit)))
        .isInstanceOfSatisfying(
            RequestTooLargeException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
              assertThat(e.size()).isEqualTo(6_291_457);
              assertThat(e.statusCode()).isEqualTo(413);
            });
    assertThat(runtime.inspect().metrics("big").orElseThrow().invocations()).isEqualTo(1);
  }

  /** A JSON string document of exactly the given size. */
  private static byte[] jsonString(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'x');
    bytes[0] = '"';
    bytes[size - 1] = '"';
    return bytes;
  }
}
