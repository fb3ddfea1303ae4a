/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.Destinations;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.RuntimeInspector;
import dev.lambdaembedded.core.LambdaRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link FunctionRuntimeTest}: gives each test (or each test class) a
 * {@link FunctionRuntime}, resolves it and its parts as parameters, and after the test closes it
 * and fails the test if it left threads running, invocations in flight or class loaders unreleased.
 *
 * <p>Declarative use is {@code @FunctionRuntimeTest}. Programmatic use registers an instance built
 * with {@link #builder()}, which also takes any runtime setting:
 *
 * <pre>{@code
 * @RegisterExtension
 * final FunctionRuntimeExtension lambda =
 *     FunctionRuntimeExtension.builder().configure(b -> b.accountConcurrency(10)).build();
 *
 * @Test
 * void test() {
 *   lambda.runtime().registry().create(...);
 *   lambda.clock().advance(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * An instance registered in a static field with {@link Builder#perClass()} serves the class's tests
 * one runtime; its accessors then assume the tests run one at a time.
 */
public final class FunctionRuntimeExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FunctionRuntimeExtension.class);
  private static final String FIXTURE = "fixture";

  private final @Nullable Settings programmatic;
  private volatile @Nullable Fixture current;

  /** Creates the extension {@link FunctionRuntimeTest} registers; it reads that annotation. */
  public FunctionRuntimeExtension() {
    this.programmatic = null;
  }

  private FunctionRuntimeExtension(Settings settings) {
    this.programmatic = settings;
  }

  /**
   * Returns a builder of an extension for {@code @RegisterExtension}.
   *
   * @return a builder with the defaults of {@link FunctionRuntimeTest}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the runtime of the running test.
   *
   * @return the runtime
   * @throws IllegalStateException outside a test
   */
  public FunctionRuntime runtime() {
    return fixture().runtime;
  }

  /**
   * Returns the manual clock of the running test's runtime.
   *
   * @return the clock
   * @throws IllegalStateException outside a test, or if the runtime runs on the system clock
   */
  public ManualClock clock() {
    ManualClock clock = fixture().clock;
    if (clock == null) {
      throw new IllegalStateException(
          "This runtime runs on the system clock; build the extension without systemClock()");
    }
    return clock;
  }

  /**
   * Returns the log lines of the running test's runtime.
   *
   * @return the captured logs
   * @throws IllegalStateException outside a test
   */
  public CapturedLogs logs() {
    return fixture().logs;
  }

  private Fixture fixture() {
    Fixture fixture = current;
    if (fixture == null) {
      throw new IllegalStateException("No function runtime: not inside a test of this extension");
    }
    return fixture;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (settings(context).perClass) {
      start(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!settings(context).perClass) {
      start(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!settings(context).perClass) {
      finish(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (settings(context).perClass) {
      finish(context);
    }
  }

  private void start(ExtensionContext context) {
    Fixture fixture = new Fixture(settings(context));
    context.getStore(NAMESPACE).put(FIXTURE, fixture);
    current = fixture;
  }

  private void finish(ExtensionContext context) {
    Fixture fixture = context.getStore(NAMESPACE).remove(FIXTURE, Fixture.class);
    current = null;
    if (fixture != null) {
      fixture.closeAndCheck();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FunctionRuntime.class
        || type == FunctionRegistry.class
        || type == RuntimeInspector.class
        || type == Destinations.class
        || type == ManualClock.class
        || type == CapturedLogs.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Fixture fixture = context.getStore(NAMESPACE).get(FIXTURE, Fixture.class);
    if (fixture == null) {
      throw new ParameterResolutionException(
          "No function runtime for "
              + parameter.getParameter()
              + ": with a runtime per test method, a @BeforeAll method cannot have one");
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == ManualClock.class) {
      if (fixture.clock == null) {
        throw new ParameterResolutionException(
            "The runtime runs on the system clock, so there is no ManualClock for "
                + parameter.getParameter());
      }
      return fixture.clock;
    }
    if (type == CapturedLogs.class) {
      return fixture.logs;
    }
    if (type == FunctionRegistry.class) {
      return fixture.runtime.registry();
    }
    if (type == RuntimeInspector.class) {
      return fixture.runtime.inspect();
    }
    if (type == Destinations.class) {
      return fixture.runtime.destinations();
    }
    return fixture.runtime;
  }

  private Settings settings(ExtensionContext context) {
    if (programmatic != null) {
      return programmatic;
    }
    Optional<FunctionRuntimeTest> annotation = Optional.empty();
    for (Class<?> type = context.getRequiredTestClass();
        type != null && annotation.isEmpty();
        type = type.getEnclosingClass()) {
      annotation = AnnotationSupport.findAnnotation(type, FunctionRuntimeTest.class);
    }
    FunctionRuntimeTest found =
        annotation.orElseThrow(
            () ->
                new IllegalStateException(
                    "FunctionRuntimeExtension registered with @ExtendWith needs"
                        + " @FunctionRuntimeTest on the test class; or register one built with"
                        + " FunctionRuntimeExtension.builder()"));
    return new Settings(
        found.scope() == FunctionRuntimeTest.Scope.CLASS,
        found.clock() == FunctionRuntimeTest.Clock.MANUAL,
        found.allowLeaks(),
        builder -> {});
  }

  /** How the extension builds and checks runtimes. */
  private record Settings(
      boolean perClass,
      boolean manualClock,
      boolean allowLeaks,
      Consumer<LambdaRuntime.Builder> configure) {}

  /** One runtime with its clock and logs; closed and checked once. */
  private static final class Fixture implements AutoCloseable {
    final @Nullable ManualClock clock;
    final CapturedLogs logs = new CapturedLogs();
    final FunctionRuntime runtime;
    final boolean allowLeaks;
    private boolean closed;

    Fixture(Settings settings) {
      this.clock = settings.manualClock ? ManualClock.create() : null;
      this.allowLeaks = settings.allowLeaks;
      LambdaRuntime.Builder builder = LambdaRuntime.builder().logSink(logs);
      if (clock != null) {
        builder.timeSource(clock);
      }
      settings.configure.accept(builder);
      this.runtime = builder.build();
    }

    /** Closes the runtime and throws an {@link AssertionError} naming everything it left. */
    void closeAndCheck() {
      if (closed) {
        return;
      }
      closed = true;
      runtime.close();
      List<String> problems = new ArrayList<>();
      if (runtime.state() != FunctionRuntime.State.CLOSED) {
        problems.add(
            "the runtime ended "
                + runtime.state()
                + ": handler threads ignored the interrupt at close");
      }
      RuntimeInspector inspector = runtime.inspect();
      if (inspector.liveThreads() > 0) {
        problems.add(inspector.liveThreads() + " runtime threads still alive");
      }
      if (inspector.concurrentExecutions() > 0) {
        problems.add(inspector.concurrentExecutions() + " invocations still running");
      }
      if (inspector.pendingUnloads() > 0) {
        problems.add(inspector.pendingUnloads() + " class loaders not yet checked for unloading");
      }
      if (!allowLeaks) {
        // close checked every loader again, those found pinned earlier too: the reports not
        // collected are the loaders pinned now, not ones that were pinned at some point
        for (LeakReport report : inspector.leakReports()) {
          if (!report.collected()) {
            problems.add("a class loader was left pinned: " + report);
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new AssertionError(
            "The function runtime of this test did not close cleanly: "
                + String.join("; ", problems));
      }
    }

    @Override
    public void close() {
      closeAndCheck(); // JUnit closes what the store holds if a callback could not
    }
  }

  /** Builds a {@link FunctionRuntimeExtension} for {@code @RegisterExtension}. */
  public static final class Builder {
    private boolean perClass;
    private boolean manualClock = true;
    private boolean allowLeaks;
    private Consumer<LambdaRuntime.Builder> configure = builder -> {};

    private Builder() {}

    /**
     * Makes one runtime serve all the tests of the class (register the extension in a static
     * field).
     *
     * @return this builder
     */
    public Builder perClass() {
      this.perClass = true;
      return this;
    }

    /**
     * Runs the runtime on the system clock instead of a {@link ManualClock}.
     *
     * @return this builder
     */
    public Builder systemClock() {
      this.manualClock = false;
      return this;
    }

    /**
     * Accepts class loaders left pinned after close instead of failing the test.
     *
     * @return this builder
     */
    public Builder allowLeaks() {
      this.allowLeaks = true;
      return this;
    }

    /**
     * Adds runtime settings: called with each runtime's builder after the extension has set the
     * clock (unless {@link #systemClock()}) and the log sink, which stay the extension's: setting
     * them again here fails.
     *
     * @param configure sets what the tests need
     * @return this builder
     */
    public Builder configure(Consumer<LambdaRuntime.Builder> configure) {
      this.configure = this.configure.andThen(requireNonNull(configure, "configure"));
      return this;
    }

    /**
     * Returns the extension.
     *
     * @return the extension
     */
    public FunctionRuntimeExtension build() {
      return new FunctionRuntimeExtension(
          new Settings(perClass, manualClock, allowLeaks, configure));
    }
  }
}
