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
 * The body of an invocation request or response: a JSON document as bytes, bytes of any kind, or an
 * object handed over in-process.
 *
 * <p>A {@link Json} payload is what Lambda carries: the runtime decodes it into the handler's event
 * type with Lambda's lenient JSON rules, checks its size against the payload limits, and refuses it
 * if it is not JSON. A {@link Bytes} payload makes no claim to be JSON: a stream handler reads it
 * unchanged, whatever it holds, while a request handler, whose event is read as JSON, refuses it
 * with {@link InvalidRequestContentException} unless it is JSON. A {@link Value} payload skips JSON
 * entirely when the handler accepts the object's type (the object is passed by reference, so the
 * handler sees the caller's object); otherwise it is converted through JSON into the handler's
 * type. Payload size limits apply where there are bytes to measure, so not to a value passed by
 * reference.
 *
 * <p>{@link #asString()} reads any payload that holds text without a cast. To handle each kind,
 * {@code switch} over the three:
 *
 * <pre>{@code
 * byte[] body =
 *     switch (payload) {
 *       case Payload.Json json -> json.bytes();
 *       case Payload.Bytes bytes -> bytes.bytes();
 *       case Payload.Value value -> encode(value.value());
 *     };
 * }</pre>
 */
public sealed interface Payload permits Payload.Json, Payload.Bytes, Payload.Value {

  /**
   * Returns the payload as text: the UTF-8 decoding of a {@link Json} or {@link Bytes} payload's
   * bytes (a malformed sequence decodes as U+FFFD), or the string a {@link Value} payload holds.
   *
   * <p>This is how a successful invocation's response is read as a string, without a cast: {@code
   * success.payload().asString()}. A response is JSON unless the request asked for a response type
   * (then it is a {@link Value}) or a stream handler wrote bytes that are not JSON (then it is
   * {@link Bytes}); a {@link InvocationResult.Failure} has no payload, and its {@link
   * FunctionError#toJson()} is what Lambda's {@code Invoke} returns in its place.
   *
   * @return the text
   * @throws IllegalStateException if this is a {@link Value} payload that does not hold a {@code
   *     String} ({@code null} included): read it with {@link Value#value()} or {@link
   *     Value#as(Class)}
   */
  String asString();

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
   * Returns a payload of bytes that need not be JSON, backed by the given array, which is not
   * copied: the caller must not modify the array afterwards.
   *
   * @param bytes the bytes, handed unchanged to a stream handler
   * @return the payload
   */
  static Bytes bytes(byte[] bytes) {
    return new Bytes(requireNonNull(bytes, "bytes"));
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
    @Override
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
   * Bytes that need not be JSON: Lambda's invocation payload as a stream handler sees it.
   *
   * <p>A stream handler reads them unchanged from its {@code InputStream}; a request handler reads
   * them as JSON and refuses them if they are not. A stream handler's response comes back as {@code
   * Bytes} when it is not JSON. Equality is by content; a {@code Bytes} payload never equals a
   * {@link Json} one, even with the same bytes.
   */
  final class Bytes implements Payload {
    private final byte[] bytes;

    private Bytes(byte[] bytes) {
      this.bytes = bytes;
    }

    /**
     * Returns the bytes without copying them: the caller must not modify the array.
     *
     * @return the bytes
     */
    public byte[] bytes() {
      return bytes;
    }

    /**
     * Returns the number of bytes.
     *
     * @return the size
     */
    public int size() {
      return bytes.length;
    }

    /**
     * Returns the bytes decoded as UTF-8 text, a malformed sequence as U+FFFD.
     *
     * @return the text
     */
    @Override
    public String asString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Returns a stream over the bytes.
     *
     * @return a new stream
     */
    public InputStream openStream() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    /** Returns the size, not the bytes, which may not be text. */
    @Override
    public String toString() {
      return "Bytes[" + bytes.length + " bytes]";
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

    /**
     * Returns the string this payload holds.
     *
     * @return the string
     * @throws IllegalStateException if the object is not a {@code String} ({@code null} included)
     */
    @Override
    public String asString() {
      if (value instanceof String text) {
        return text;
      }
      throw new IllegalStateException(
          "The payload holds "
              + (value == null ? "null" : "an object of " + value.getClass().getName())
              + ", not a String: read it with value() or as(type)");
    }
  }
}
