/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A loader of event files for tests that do not use {@link Event}: the same lookup and the same
 * reading, as plain static calls.
 *
 * {@snippet :
 * SqsEvent batch = EventLoader.load(SampleEvents.SQS_BATCH, SqsEvent.class);
 * String json = EventLoader.loadJson(OrderTest.class, "order.json");
 * }
 *
 * <p><b>Lookup.</b> A path is looked up relative to the anchor class's package, if an anchor is
 * given and the path does not start with {@code /} (as {@link Class#getResource(String)} does);
 * then from the class-path root, through the anchor's class loader or, without an anchor, the
 * thread's context class loader; then on the file system, relative to the working directory unless
 * absolute. The first match wins. A path that matches nothing fails with a message naming every
 * place looked.
 *
 * <p><b>Reading.</b> The file is read into the target type with the embedded runtime's lenient
 * Jackson configuration, so a type receives what a handler with that parameter type would: unknown
 * properties are ignored, property names match case-sensitively (Lambda's events use {@code
 * Records}, {@code eventSourceARN}, {@code Sns}: annotate or name the properties so), a single
 * value is accepted where an array is expected and a one-element array where a value is, and empty
 * strings and arrays read as null objects. {@code Object} and {@code Map} receive maps and lists.
 * {@code String} receives the file's text, and {@code byte[]} and {@code InputStream} its bytes,
 * all unparsed and so not checked for being JSON. The file must hold exactly one JSON document, not
 * {@code null}.
 *
 * <p>Thread-safe. Nothing is cached: every call reads the file again.
 */
public final class EventLoader {

  private EventLoader() {}

  /**
   * Loads an event, looked up from the class-path root, then on the file system.
   *
   * @param path the path of the event file
   * @param type the type to read the event into
   * @param <T> the event type
   * @return the event
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the path is blank
   * @throws EventLoadingException if the file is missing, unreadable, not one JSON document, JSON
   *     {@code null}, or not readable as the type; the message names the file
   */
  public static <T> T load(String path, Class<T> type) {
    requireNonNull(path, "path");
    requireNonNull(type, "type");
    return cast(type, EventJson.read(EventFiles.file(null, contextLoader(), path), type));
  }

  /**
   * Loads an event, looked up relative to an anchor class's package, then from the class-path root,
   * then on the file system.
   *
   * @param anchor the class whose package relative paths start from, usually the test class
   * @param path the path of the event file
   * @param type the type to read the event into
   * @param <T> the event type
   * @return the event
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the path is blank
   * @throws EventLoadingException if the file is missing, unreadable, not one JSON document, JSON
   *     {@code null}, or not readable as the type; the message names the file
   */
  public static <T> T load(Class<?> anchor, String path, Class<T> type) {
    requireNonNull(anchor, "anchor");
    requireNonNull(path, "path");
    requireNonNull(type, "type");
    EventFile file = EventFiles.file(anchor, EventArgumentsProvider.loader(anchor), path);
    return cast(type, EventJson.read(file, type));
  }

  /**
   * Loads an event file's text, looked up from the class-path root, then on the file system.
   *
   * @param path the path of the event file
   * @return the text, decoded as UTF-8 and not parsed
   * @throws NullPointerException if the path is null
   * @throws IllegalArgumentException if the path is blank
   * @throws EventLoadingException if the file is missing or unreadable
   */
  public static String loadJson(String path) {
    requireNonNull(path, "path");
    return text(EventFiles.file(null, contextLoader(), path));
  }

  /**
   * Loads an event file's text, looked up relative to an anchor class's package, then from the
   * class-path root, then on the file system.
   *
   * @param anchor the class whose package relative paths start from, usually the test class
   * @param path the path of the event file
   * @return the text, decoded as UTF-8 and not parsed
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the path is blank
   * @throws EventLoadingException if the file is missing or unreadable
   */
  public static String loadJson(Class<?> anchor, String path) {
    requireNonNull(anchor, "anchor");
    requireNonNull(path, "path");
    return text(EventFiles.file(anchor, EventArgumentsProvider.loader(anchor), path));
  }

  private static String text(EventFile file) {
    return new String(file.bytes(), StandardCharsets.UTF_8);
  }

  private static ClassLoader contextLoader() {
    @Nullable ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EventArgumentsProvider.loader(EventLoader.class);
  }

  @SuppressWarnings("unchecked") // a primitive type's Class<T> has T = its wrapper, read as such
  private static <T> T cast(Class<T> type, Object value) {
    return type.isPrimitive() ? (T) value : type.cast(value);
  }
}
