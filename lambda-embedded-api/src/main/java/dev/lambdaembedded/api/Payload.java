/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The body of an invocation request or response: a JSON document as bytes, or an object handed over
 * in-process.
 *
 * <p>A {@link Json} payload is what Lambda carries: the runtime decodes it into the handler's event
 * type with Lambda's lenient JSON rules, checks its size against the payload limits, and refuses it
 * if it is not JSON. A {@link Value} payload skips JSON entirely when the handler accepts the
 * object's type (the object is passed by reference, so the handler sees the caller's object);
 * otherwise it is converted through JSON into the handler's type. Payload size limits apply where
 * there are bytes to measure, so not to a value passed by reference.
 */
public sealed interface Payload permits Payload.Json, Payload.Value {

  /**
   * Returns a JSON payload holding the UTF-8 encoding of a JSON text.
   *
   * @param json the JSON document
   * @return the payload
   */
  static Json json(String json) {
    return new Json(requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns a JSON payload backed by the given bytes, which are not copied: the caller must not
   * modify the array afterwards.
   *
   * @param utf8Json the JSON document in UTF-8
   * @return the payload
   */
  static Json json(byte[] utf8Json) {
    return new Json(requireNonNull(utf8Json, "utf8Json"));
  }

  /**
   * Returns the empty JSON payload (zero bytes), which a handler receives as {@code null}.
   *
   * @return the empty payload
   */
  static Json empty() {
    return Json.EMPTY;
  }

  /**
   * Returns a payload handing an object to the handler in-process.
   *
   * @param value the object, or {@code null}
   * @return the payload
   */
  static Value of(@Nullable Object value) {
    return new Value(value);
  }

  /**
   * A JSON document in UTF-8.
   *
   * <p>Equality is by content.
   */
  final class Json implements Payload {
    static final Json EMPTY = new Json(new byte[0]);

    private final byte[] bytes;

    private Json(byte[] bytes) {
      this.bytes = bytes;
    }

    /**
     * Returns the document's bytes without copying them: the caller must not modify the array.
     *
     * @return the UTF-8 bytes
     */
    public byte[] bytes() {
      return bytes;
    }

    /**
     * Returns the document's size in bytes.
     *
     * @return the size
     */
    public int size() {
      return bytes.length;
    }

    /**
     * Returns the document as text.
     *
     * @return the UTF-8 decoding of the bytes
     */
    public String asString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Returns a stream over the document's bytes.
     *
     * @return a new stream
     */
    public InputStream openStream() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Json that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    /** Returns the document as text, abbreviated beyond 200 characters. */
    @Override
    public String toString() {
      String text = asString();
      if (text.length() <= 200) {
        return "Json[" + text + "]";
      }
      int end = Character.isHighSurrogate(text.charAt(199)) ? 199 : 200; // keep pairs whole
      return "Json[" + text.substring(0, end) + "...]";
    }
  }

  /**
   * An object handed over in-process.
   *
   * @param value the object, or {@code null}
   */
  record Value(@Nullable Object value) implements Payload {

    /**
     * Returns the object as the given type.
     *
     * @param type the expected type
     * @param <T> the expected type
     * @return the object, or {@code null}
     * @throws ClassCastException if the object is not of that type
     */
    public <T> @Nullable T as(Class<T> type) {
      return type.cast(value);
    }
  }
}
