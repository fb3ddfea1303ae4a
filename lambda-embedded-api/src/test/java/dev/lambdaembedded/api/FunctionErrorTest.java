/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FunctionError} against the Java runtime's error body (reference sheet section 3.2). */
final class FunctionErrorTest {

  @Test
  void toJson_handlerException_isLambdasErrorBody() {
    FunctionError error =
        new FunctionError(
            "java.lang.ArithmeticException",
            "/ by zero",
            List.of(
                "example.HandlerDivide.handleRequest(HandlerDivide.java:28)",
                "example.HandlerDivide.handleRequest(HandlerDivide.java:13)"));

    // the example body of the Java runtime interface client (ErrorRequest, LambdaErrorConverter)
    assertThat(error.toJson())
        .isEqualTo(
            "{\"errorMessage\":\"/ by zero\",\"errorType\":\"java.lang.ArithmeticException\","
                + "\"stackTrace\":[\"example.HandlerDivide.handleRequest(HandlerDivide.java:28)\","
                + "\"example.HandlerDivide.handleRequest(HandlerDivide.java:13)\"]}");
  }

  @Test
  void toJson_singleFrame_hasNoTrailingComma() {
    FunctionError error = new FunctionError("T", "m", List.of("a.B.c(B.java:1)"));

    assertThat(error.toJson())
        .isEqualTo(
            "{\"errorMessage\":\"m\",\"errorType\":\"T\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}");
  }

  @Test
  void toJson_emptyStackTrace_omitsStackTrace() {
    FunctionError error =
        new FunctionError(
            FunctionError.TIMEOUT,
            "RequestId: 6f1e3c3a-0000-4000-8000-000000000001 Error: Task timed out after 3.00"
                + " seconds",
            List.of());

    // Lambda's timeout body; Runtime.BadFunctionCode bodies likewise carry no stackTrace
    assertThat(error.toJson())
        .isEqualTo(
            "{\"errorMessage\":\"RequestId: 6f1e3c3a-0000-4000-8000-000000000001 Error: Task timed"
                + " out after 3.00 seconds\",\"errorType\":\"Sandbox.Timedout\"}");
  }

  /** Raw text and its JSON string literal (RFC 8259 section 7), written out by hand. */
  static Stream<Arguments> escapes() {
    return Stream.of(
        Arguments.of("plain", "\"plain\""),
        Arguments.of("", "\"\""),
        Arguments.of("say \"hi\"", "\"say \\\"hi\\\"\""),
        Arguments.of("C:\\temp\\x", "\"C:\\\\temp\\\\x\""),
        Arguments.of("line1\nline2", "\"line1\\nline2\""),
        Arguments.of("a\r\nb", "\"a\\r\\nb\""),
        Arguments.of("col\tcol", "\"col\\tcol\""),
        Arguments.of("\b\f", "\"\\b\\f\""),
        Arguments.of("\u0000", "\"\\u0000\""),
        Arguments.of("x\u0001y", "\"x\\u0001y\""),
        Arguments.of("\u000b", "\"\\u000b\""),
        Arguments.of("\u001b[31m", "\"\\u001b[31m\""),
        Arguments.of("\u001f", "\"\\u001f\""),
        // not control characters: passed through unescaped
        Arguments.of(" ~/\u007f", "\" ~/\u007f\""),
        Arguments.of("Ren\u00e9e \u20ac\ud83d\ude00", "\"Ren\u00e9e \u20ac\ud83d\ude00\""));
  }

  @ParameterizedTest
  @MethodSource("escapes")
  void toJson_specialCharacters_areEscapedInEveryField(String raw, String literal) {
    FunctionError error = new FunctionError(raw, raw, List.of(raw, raw));

    assertThat(error.toJson())
        .isEqualTo(
            "{\"errorMessage\":"
                + literal
                + ",\"errorType\":"
                + literal
                + ",\"stackTrace\":["
                + literal
                + ","
                + literal
                + "]}");
  }

  @Test
  void cause_threeArgumentConstructor_isEmpty() {
    assertThat(new FunctionError("T", "m", List.of()).cause()).isEmpty();
  }

  /**
   * The body is the Java runtime's for the top exception only ({@code
   * LambdaErrorConverter.fromThrowable}); the chain is for the host.
   */
  @Test
  void toJson_withCause_isTheTopLevelBodyOnly() {
    FunctionError root =
        new FunctionError("java.lang.RuntimeException", "root", List.of("a.B.c(B.java:1)"));
    FunctionError error =
        new FunctionError(
            "java.io.IOException", "disk on fire", List.of("a.B.c(B.java:1)"), Optional.of(root));

    assertThat(error.cause()).contains(root);
    assertThat(error.toJson())
        .isEqualTo(
            "{\"errorMessage\":\"disk on fire\",\"errorType\":\"java.io.IOException\","
                + "\"stackTrace\":[\"a.B.c(B.java:1)\"]}");
    assertThat(error)
        .isNotEqualTo(
            new FunctionError("java.io.IOException", "disk on fire", List.of("a.B.c(B.java:1)")));
  }

  @Test
  void isTimeout_sandboxTimedout_isTrue() {
    assertThat(new FunctionError("Sandbox.Timedout", "m", List.of()).isTimeout()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Sandbox.Timeout",
        "sandbox.timedout",
        "Runtime.BadFunctionCode",
        "Function.ResponseSizeTooLarge",
        "Sandbox.Failure",
        "java.util.concurrent.TimeoutException"
      })
  void isTimeout_otherType_isFalse(String errorType) {
    assertThat(new FunctionError(errorType, "m", List.of()).isTimeout()).isFalse();
  }

  @Test
  void constants_areLambdasErrorTypes() {
    assertThat(FunctionError.TIMEOUT).isEqualTo("Sandbox.Timedout");
    assertThat(FunctionError.BAD_FUNCTION_CODE).isEqualTo("Runtime.BadFunctionCode");
    assertThat(FunctionError.RESPONSE_SIZE_TOO_LARGE).isEqualTo("Function.ResponseSizeTooLarge");
    assertThat(FunctionError.RUNTIME_CLOSED).isEqualTo("Sandbox.Failure");
  }

  @Test
  void stackTrace_sourceMutatedAfterwards_isUnchanged() {
    List<String> frames = new ArrayList<>(List.of("a.B.c(B.java:1)"));
    FunctionError error = new FunctionError("T", "m", frames);

    frames.add("d.E.f(E.java:2)");

    assertThat(error.stackTrace()).containsExactly("a.B.c(B.java:1)");
  }

  @Test
  void stackTrace_isUnmodifiable() {
    FunctionError error = new FunctionError("T", "m", new ArrayList<>(List.of("a.B.c(B.java:1)")));

    assertThatThrownBy(() -> error.stackTrace().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @SuppressWarnings("NullAway") // deliberately passes a null frame
  void constructor_nullFrame_throwsNpe() {
    List<String> frames = Arrays.asList("a.B.c(B.java:1)", null);

    assertThatThrownBy(() -> new FunctionError("T", "m", frames))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void constructor_nullArguments_throwNpe() {
    new NullPointerTester().testAllPublicConstructors(FunctionError.class);
  }
}
