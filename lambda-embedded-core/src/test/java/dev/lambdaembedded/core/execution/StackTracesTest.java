/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link StackTraces} against what Lambda's Java runtime interface client does with a throwable
 * ({@code aws-lambda-java-runtime-interface-client}, {@code UserFault} and {@code
 * LambdaErrorConverter}): the log text is Java's own {@code printStackTrace} of the throwable with
 * each level's frames cut at the runtime ({@code UserFault.filterStackTrace} + {@code trace}), the
 * error keeps the cause chain. Frames are synthetic (no module or loader), so that Java's text can
 * be the expected value.
 */
final class StackTracesTest {
  private static final String CALL = HandlerCall.class.getName();

  private static StackTraceElement frame(String type, String method, int line) {
    return new StackTraceElement(
        type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
  }

  /** What the caller and the runtime add below the handler: cut by the client's filter. */
  private static final StackTraceElement[] RUNTIME = {
    frame(CALL, "request", 40), frame("dev.lambdaembedded.core.invoke.Invocation", "run", 7)
  };

  private static <T extends Throwable> T framed(T thrown, StackTraceElement... frames) {
    thrown.setStackTrace(frames);
    return thrown;
  }

  private static StackTraceElement[] withRuntime(StackTraceElement... frames) {
    List<StackTraceElement> all = new ArrayList<>(List.of(frames));
    all.addAll(List.of(RUNTIME));
    return all.toArray(StackTraceElement[]::new);
  }

  /** Java's own text, the client's {@code UserFault.trace} after filtering. */
  private static String printed(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  private static final StackTraceElement HANDLE = frame("fn.Handler", "handleRequest", 12);
  private static final StackTraceElement READ = frame("fn.Disk", "read", 30);
  private static final StackTraceElement CLOSE = frame("fn.Disk", "close", 44);

  /** A handler's exception with a cause, a suppressed exception with its own cause, and nesting. */
  private static Throwable tree(boolean withRuntimeFrames) {
    StackTraceElement[] top = {READ, HANDLE};
    StackTraceElement[] closing = {CLOSE, HANDLE};
    StackTraceElement[] root = {frame("fn.Disk", "seek", 51), READ, HANDLE};
    if (withRuntimeFrames) {
      top = withRuntime(top);
      closing = withRuntime(closing);
      root = withRuntime(root);
    }
    Throwable cause = framed(new IllegalStateException("root"), root);
    IOException thrown = framed(new IOException("disk on fire", cause), top);
    IOException closeFailed =
        framed(new IOException("close failed", framed(new RuntimeException(), closing)), closing);
    closeFailed.addSuppressed(framed(new IllegalArgumentException("nested"), CLOSE));
    thrown.addSuppressed(closeFailed);
    return thrown;
  }

  @Test
  void trace_causeAndSuppressed_isJavasPrintStackTraceAsUserFaultTraceWrites() {
    Throwable thrown = tree(false);

    assertThat(StackTraces.trace(thrown)).isEqualTo(printed(thrown));
    assertThat(StackTraces.trace(thrown))
        .contains("\tSuppressed: java.io.IOException: close failed\n")
        .contains("\t\tSuppressed: java.lang.IllegalArgumentException: nested\n")
        .contains("\tCaused by: java.lang.RuntimeException\n")
        .contains(
            "Caused by: java.lang.IllegalStateException: root\n\tat fn.Disk.seek(Disk.java:51)\n");
  }

  /** {@code UserFault.filterStackTrace} cuts every level: the top, causes and suppressed ones. */
  @Test
  void trace_runtimeFramesAtEveryLevel_areCutAsFilterStackTraceCutsTheClientsPackage() {
    String trace = StackTraces.trace(tree(true));

    assertThat(trace).isEqualTo(printed(tree(false)));
    assertThat(trace).doesNotContain(CALL).doesNotContain("Invocation.run");
  }

  /** A cause cycle ends the chain; the text marks it as Java does, the client prints it so. */
  @Test
  void trace_causeCycle_printsCircularReferenceAndEndsTheChain() {
    IllegalStateException first = framed(new IllegalStateException("first"), withRuntime(HANDLE));
    IllegalArgumentException second =
        framed(new IllegalArgumentException("second", first), withRuntime(READ, HANDLE));
    first.initCause(second);

    String trace = StackTraces.trace(first);
    FunctionError error = StackTraces.toFunctionError(first);

    first.setStackTrace(new StackTraceElement[] {HANDLE});
    second.setStackTrace(new StackTraceElement[] {READ, HANDLE});
    assertThat(trace)
        .isEqualTo(printed(first))
        .endsWith("Caused by: [CIRCULAR REFERENCE: java.lang.IllegalStateException: first]\n");
    assertThat(error.cause().orElseThrow().errorMessage()).isEqualTo("second");
    assertThat(error.cause().orElseThrow().cause()).isEmpty();
  }

  /** A suppressed exception that is also the cause, and one suppressed twice. */
  @Test
  void trace_suppressedSeenBefore_printsCircularReferenceAsJavaDoes() {
    IOException shared = framed(new IOException("shared"), CLOSE, HANDLE);
    IllegalStateException thrown = framed(new IllegalStateException("top", shared), HANDLE);
    thrown.addSuppressed(shared);
    IllegalArgumentException other = framed(new IllegalArgumentException("other"), CLOSE);
    other.addSuppressed(thrown); // back to the top
    thrown.addSuppressed(other);

    assertThat(StackTraces.trace(thrown))
        .isEqualTo(printed(thrown))
        .contains("[CIRCULAR REFERENCE:");
  }

  /**
   * The log text is {@code UserFault.reportableError}, {@code "%s: %s\n%s\n"} of message, type and
   * trace, less the final line break, which is the log record's own.
   */
  @Test
  void reportable_ioExceptionWithCause_isReportableErrorText() {
    StackTraceElement[] frames = withRuntime(HANDLE);
    IOException thrown =
        framed(
            new IOException("disk on fire", framed(new RuntimeException("root"), frames)), frames);

    String text = StackTraces.reportable(StackTraces.toFunctionError(thrown), thrown);

    assertThat(text)
        .isEqualTo(
            """
            disk on fire: java.io.IOException
            java.io.IOException: disk on fire
            \tat fn.Handler.handleRequest(Handler.java:12)
            Caused by: java.lang.RuntimeException: root
            \t... 1 more
            """);
  }

  /**
   * The error is {@code LambdaErrorConverter.fromThrowable} of the top throwable (message, or the
   * class name without one; type; filtered frames), and the same for each cause below it.
   */
  @Test
  void toFunctionError_causeChain_keepsEachLevelInLambdasShape() {
    Throwable thrown = tree(true);

    FunctionError error = StackTraces.toFunctionError(thrown);

    assertThat(error.errorType()).isEqualTo("java.io.IOException");
    assertThat(error.errorMessage()).isEqualTo("disk on fire");
    assertThat(error.stackTrace())
        .containsExactly("fn.Disk.read(Disk.java:30)", "fn.Handler.handleRequest(Handler.java:12)");
    FunctionError cause = error.cause().orElseThrow();
    assertThat(cause.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(cause.errorMessage()).isEqualTo("root");
    assertThat(cause.stackTrace())
        .containsExactly(
            "fn.Disk.seek(Disk.java:51)",
            "fn.Disk.read(Disk.java:30)",
            "fn.Handler.handleRequest(Handler.java:12)");
    assertThat(cause.cause()).isEmpty();
    assertThat(error.toJson()).doesNotContain("root");
  }

  @Test
  void toFunctionError_givenMessage_keepsTheThrownTypeAndCause() {
    ExceptionInInitializerError thrown =
        framed(
            new ExceptionInInitializerError(
                framed(new IllegalStateException("init failed on purpose"), HANDLE)),
            READ);

    FunctionError error = StackTraces.toFunctionError(thrown, "Error loading class fn.Handler");

    assertThat(error)
        .isEqualTo(
            new FunctionError(
                "java.lang.ExceptionInInitializerError",
                "Error loading class fn.Handler",
                List.of("fn.Disk.read(Disk.java:30)"),
                Optional.of(
                    new FunctionError(
                        "java.lang.IllegalStateException",
                        "init failed on purpose",
                        List.of("fn.Handler.handleRequest(Handler.java:12)")))));
  }

  /** A throwable whose overridden methods throw: user code, read as absent, never propagated. */
  static final class Hostile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Hostile() {
      super("hostile");
    }

    @Override
    public synchronized @Nullable Throwable getCause() {
      throw new UnsupportedOperationException("getCause");
    }

    @Override
    public String getLocalizedMessage() {
      throw new UnsupportedOperationException("getLocalizedMessage");
    }

    @Override
    @SuppressWarnings("OverrideThrowableToString") // deliberately hostile
    public String toString() {
      throw new UnsupportedOperationException("toString");
    }
  }

  @Test
  void toFunctionErrorAndTrace_throwableMethodsThrow_readThemAsAbsent() {
    Hostile thrown = framed(new Hostile(), HANDLE);

    FunctionError error = StackTraces.toFunctionError(thrown);

    assertThat(error.errorMessage()).isEqualTo(Hostile.class.getName());
    assertThat(error.cause()).isEmpty();
    assertThat(StackTraces.trace(thrown))
        .isEqualTo(Hostile.class.getName() + "\n\tat fn.Handler.handleRequest(Handler.java:12)\n");
  }

  /** Without its own frames, so that ten thousand levels are cheap. */
  static final class Level extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Level(int depth, @Nullable Throwable cause) {
      super("level " + depth, cause, false, false);
    }
  }

  @Test
  void toFunctionErrorAndTrace_veryLongChain_doNotOverflowTheStack() {
    Throwable thrown = null;
    for (int depth = 10_000; depth > 0; depth--) {
      thrown = new Level(depth, thrown);
    }
    Throwable top = java.util.Objects.requireNonNull(thrown);

    FunctionError error = StackTraces.toFunctionError(top);
    String trace = StackTraces.trace(top);

    int levels = 0;
    for (Optional<FunctionError> at = Optional.of(error); at.isPresent(); at = at.get().cause()) {
      levels++;
    }
    assertThat(levels).isEqualTo(10_000);
    assertThat(trace).endsWith("Caused by: " + Level.class.getName() + ": level 10000\n");
  }
}
