/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests get a {@code FunctionRuntime}: built before each test (or once for
 * the class), closed after it, and checked for leaks — the test fails if the runtime left threads
 * running, invocations in flight or class loaders unreleased.
 *
 * <p>Test methods and lifecycle methods may declare parameters of these types: {@code
 * FunctionRuntime}, {@code FunctionRegistry}, {@code RuntimeInspector}, {@code Destinations},
 * {@link ManualClock} (unless {@link #clock()} is {@link Clock#SYSTEM}) and {@link CapturedLogs}.
 *
 * <pre>{@code
 * @FunctionRuntimeTest
 * class GreeterTest {
 *   @Test
 *   void greets(FunctionRuntime runtime) {
 *     runtime.registry().create(FunctionConfig.of("greeter"), FunctionCode.handler(new Greeter()));
 *     assertThat(runtime.invoke("greeter", Payload.json("{\"name\":\"Ada\"}"))).succeeded();
 *   }
 * }
 * }</pre>
 *
 * For settings beyond these attributes, register a {@link FunctionRuntimeExtension} built with
 * {@link FunctionRuntimeExtension#builder()} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FunctionRuntimeExtension.class)
public @interface FunctionRuntimeTest {

  /**
   * Returns whether each test gets its own runtime or the class's tests share one.
   *
   * @return {@link Scope#METHOD} by default
   */
  Scope scope() default Scope.METHOD;

  /**
   * Returns the runtime's clock.
   *
   * @return {@link Clock#MANUAL} by default
   */
  Clock clock() default Clock.MANUAL;

  /**
   * Returns whether class loaders left pinned after close are accepted rather than failing the test
   * (for tests that seed leaks on purpose).
   *
   * @return {@code false} by default
   */
  boolean allowLeaks() default false;

  /** How long one runtime lives. */
  enum Scope {
    /** A runtime per test method. */
    METHOD,
    /** One runtime for all the tests of the class, closed and checked after the last. */
    CLASS
  }

  /** What time the runtime runs on. */
  enum Clock {
    /**
     * A {@link ManualClock} the test advances: timeouts, asynchronous retries, backoff and event
     * age expire only when it moves, at once, without sleeps.
     */
    MANUAL,
    /** The system clock: timeouts and retries take real time. */
    SYSTEM
  }
}
