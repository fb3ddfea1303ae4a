/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.StreamHandler;
import dev.lambdaembedded.core.execution.Handler;
import dev.lambdaembedded.core.execution.HandlerResolver;
import dev.lambdaembedded.core.execution.InitFailure;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzzes {@link HandlerResolver}'s reading of Lambda handler strings ({@code package.Class::method}
 * or {@code package.Class}): a string that names no loadable class, no fitting method or is
 * malformed becomes a {@link Handler.Fault} without a stack trace, as on Lambda; only a class whose
 * initialiser or constructor throws makes resolution throw, and then only {@link InitFailure}.
 *
 * <p>Classes are loaded through a loader that sees only this class's nested fixtures, so the fuzzer
 * cannot initialise or instantiate arbitrary classes of the test class path.
 *
 * <p>A plain {@code mvn test} replays the inputs under {@code HandlerFuzzTestInputs/}. To fuzz
 * instead, for each method's {@code @FuzzTest(maxDuration = "60s")} (longer with {@code
 * -Djazzer.max_duration=10m}), select one method:
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o test -pl lambda-embedded-test -am -Dtest='HandlerFuzzTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
 * }</pre>
 *
 * <p>See {@code lambda-embedded-test/FUZZING.md}.
 */
final class HandlerFuzzTest {
  private static final String FIXTURES = HandlerFuzzTest.class.getName() + "$";
  private static final Set<String> THROWING =
      Set.of(FIXTURES + "FailingInit", FIXTURES + "FailingConstructor", FIXTURES + "Inner");
  private static final FunctionCode CODE = FunctionCode.classLoader(new FixtureLoader());

  /** Any handler string resolves to a handler or a fault; only a throwing fixture throws. */
  @FuzzTest(maxDuration = "60s")
  void resolve_anyHandlerString_faultsOrResolves(byte[] input) {
    String handlerString = new String(input, UTF_8);
    int split = handlerString.lastIndexOf("::");
    String className = split < 0 ? handlerString : handlerString.substring(0, split);
    Handler handler;
    try {
      handler = HandlerResolver.resolve(CODE, Optional.of(handlerString), null);
    } catch (InitFailure e) {
      assertThat(className).isIn(THROWING);
      // names the class: in its message ("Error loading class X"), or, for a constructor's own
      // exception (Lambda's makeUserFault of it), in its first frame
      FunctionError error = e.error();
      assertThat(
              error.errorMessage().contains(className)
                  || (!error.stackTrace().isEmpty()
                      && error.stackTrace().getFirst().startsWith(className + ".")))
          .as("%s names %s", error, className)
          .isTrue();
      return;
    }
    if (handler instanceof Handler.Fault fault) {
      FunctionError error = fault.error();
      assertThat(error.stackTrace()).isEmpty();
      assertThat(error.errorType())
          .isIn(FunctionError.BAD_FUNCTION_CODE, ClassNotFoundException.class.getName());
      assertThat(error.errorMessage()).isNotBlank();
    } else {
      assertThat(className).startsWith(FIXTURES);
    }
  }

  /** Loads only this test's nested fixtures, from the test class path. */
  private static final class FixtureLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    FixtureLoader() {
      super("handler-fixtures", HandlerFuzzTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(FIXTURES)) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  /** A request handler by class name. */
  public static final class Echo implements RequestHandler<String, String> {
    /** Instantiated by the resolver. */
    public Echo() {}

    @Override
    public String handleRequest(String input, Context context) {
      return input;
    }
  }

  /** A stream handler by class name. */
  public static final class Streams implements StreamHandler {
    /** Instantiated by the resolver. */
    public Streams() {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {}
  }

  /** A request handler without a concrete event type: a fault by class name. */
  public static final class Generic<T> implements RequestHandler<T, String> {
    /** Instantiated by the resolver. */
    public Generic() {}

    @Override
    public String handleRequest(T input, Context context) {
      return "";
    }
  }

  /** Methods of every shape, and some that fit none. */
  public static final class Methods {
    /** Instantiated by the resolver. */
    public Methods() {}

    /** A POJO handler with a context. */
    public String handle(Map<String, Object> event, Context context) {
      return event.toString();
    }

    /** A POJO handler. */
    public static String pojo(String event) {
      return event;
    }

    /** A stream handler method. */
    public void stream(InputStream in, OutputStream out, Context context) {}

    /** A handler method without parameters. */
    public static void none() {}

    /** Fits no shape. */
    public static void two(String a, String b) {}
  }

  /** A class whose static initialiser throws. */
  public static final class FailingInit {
    static final int VALUE = fail();

    /** Never called. */
    public FailingInit() {}

    private static int fail() {
      throw new IllegalStateException("initialiser fails");
    }

    /** A handler method. */
    public static int handle() {
      return VALUE;
    }
  }

  /** A class whose constructor throws. */
  public static final class FailingConstructor {
    /** Throws. */
    public FailingConstructor() {
      throw new IllegalStateException("constructor fails");
    }

    /** An instance handler method. */
    public void handle(String event) {}
  }

  /** A non-static inner class: Lambda cannot instantiate it. */
  @SuppressWarnings("ClassCanBeStatic") // non-static on purpose: that is what it tests
  public final class Inner {
    /** An instance handler method. */
    public void handle(String event) {}
  }
}
