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
 * An argument source that supplies one event, read from a JSON file, to a
 * {@code @ParameterizedTest}.
 *
 * <p>The attributes are those of {@code aws-lambda-java-tests}' annotation of the same name, so
 * tests move over by changing the import:
 *
 * {@snippet :
 * @ParameterizedTest
 * @Event("orders/sqs-batch.json")
 * void shipsEveryOrder(SqsEvent event) {
 *   // ...
 * }
 * }
 *
 * <p>The path is looked up, in this order: relative to the package of the class that declares the
 * annotated method (as {@link Class#getResource(String)} does), from the class-path root, and as a
 * file-system path (relative to the working directory unless absolute). A path starting with {@code
 * /} skips the relative lookup. The first match wins; if none matches, the test fails with a
 * message naming every place looked.
 *
 * <p>The event is read into the target type the way the embedded runtime reads an event for a
 * handler (see {@link EventLoader}): a {@code String} target receives the file's text and a {@code
 * byte[]} or {@code InputStream} target its bytes, both unparsed; {@code Object} and {@code Map}
 * receive maps and lists; any other type is built by Jackson, with unknown properties ignored and
 * property names matched case-sensitively. The invocation's display name is the file name.
 *
 * @see Events
 * @see EventLoader
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(EventArgumentsProvider.class)
public @interface Event {

  /**
   * The path of the JSON file holding the event.
   *
   * @return a class-path resource path or a file-system path
   */
  String value();

  /**
   * The type the event is read into; {@code Void.class}, the default, means the declared type of
   * the test's first parameter, generics included.
   *
   * @return the target type
   */
  Class<?> type() default Void.class;
}
