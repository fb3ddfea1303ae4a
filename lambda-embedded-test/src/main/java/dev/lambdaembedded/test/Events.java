/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * An argument source that runs a {@code @ParameterizedTest} once per event, the events read from
 * every JSON file of a folder or from a list of {@link Event}s.
 *
 * <p>The attributes are those of {@code aws-lambda-java-tests}' annotation of the same name.
 * Exactly one of {@link #folder()} and {@link #events()} must be set; setting both or neither fails
 * the test.
 *
 * {@snippet :
 * @ParameterizedTest
 * @Events(folder = "orders/", type = SqsEvent.class)
 * void shipsEveryOrder(SqsEvent event) {
 *   // runs once per .json file in orders/, in file-name order
 * }
 * }
 *
 * <p>A folder is looked up like an {@link Event} path: relative to the declaring class's package,
 * from the class-path root, then on the file system. On the class path it may be a directory or a
 * folder inside a jar; only the first class-path entry that has the folder is used. Its regular
 * files whose names end in {@code .json} are read, sorted by name; subfolders and other files are
 * skipped, and a folder without any {@code .json} file fails the test. Every file is read before
 * the first invocation, so a bad file fails the test at once, with a message naming it. Each
 * invocation's display name is its file name.
 *
 * @see Event
 * @see EventLoader
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(EventsArgumentsProvider.class)
public @interface Events {

  /**
   * The folder whose {@code .json} files are the events; empty, the default, means none.
   *
   * @return a class-path folder or a file-system path, or the empty string
   */
  String folder() default "";

  /**
   * The type every event is read into; {@code Void.class}, the default, means the declared type of
   * the test's first parameter. An {@link Event#type()} other than {@code Void.class} in {@link
   * #events()} overrides it for that event.
   *
   * @return the target type
   */
  Class<?> type() default Void.class;

  /**
   * The events, one invocation each, in this order; empty, the default, means none.
   *
   * @return the events
   */
  Event[] events() default {};
}
