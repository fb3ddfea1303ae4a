/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

/**
 * Reads events and writes responses for one function version, with AWS Lambda's lenient rules.
 *
 * <p>Each function version gets its own codec, and so its own mapper and type cache: a mapper
 * shared across functions would keep every function's classes reachable after the function is gone
 * (measured on JDK 25: a shared mapper and Jackson's JVM-wide type cache both pin an unloaded
 * function's class loader).
 *
 * <p>Reading follows the configuration of Lambda's Java serializer: unknown properties are ignored,
 * a single value is accepted where an array is expected (and a one-element array where a single
 * value is), empty strings and empty arrays read as null objects, unknown enum values read as null,
 * and a null for a primitive reads as its default. Parsing is strict JSON, as Lambda's API accepts
 * only valid JSON: one document and nothing after it. Writing omits null properties and null map
 * values. Thread-safe.
 */
public final class JsonCodec {

  private final JsonMapper mapper;
  private final ObjectWriter writer;
  private final ConcurrentMap<Type, Reader> readers = new ConcurrentHashMap<>();

  private JsonCodec(JsonMapper mapper) {
    this.mapper = mapper;
    this.writer = mapper.writer();
  }

  /**
   * Returns a codec with its own mapper and type cache.
   *
   * @return a new codec
   */
  public static JsonCodec create() {
    JsonMapper mapper =
        JsonMapper.builder()
            .typeFactory(TypeFactory.createDefaultInstance())
            .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
            .enable(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS)
            .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
            .disable(MapperFeature.REQUIRE_SETTERS_FOR_GETTERS)
            .enable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
            .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
            .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(DeserializationFeature.WRAP_EXCEPTIONS)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // checked as syntax below
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .changeDefaultPropertyInclusion(
                incl ->
                    incl.withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();
    return new JsonCodec(mapper);
  }

  /**
   * Returns a reader of values of the given type; readers are immutable and meant to be kept.
   *
   * @param type the target type
   * @return the reader
   */
  public Reader reader(Type type) {
    JavaType javaType = mapper.getTypeFactory().constructType(requireNonNull(type, "type"));
    return new Reader(mapper.readerFor(javaType), javaType);
  }

  /**
   * Returns this codec's reader of the given type, built on first use and then kept.
   *
   * @param type the target type
   * @return the reader
   */
  public Reader cachedReader(Type type) {
    Reader reader = readers.get(type);
    return reader != null ? reader : readers.computeIfAbsent(type, this::reader);
  }

  /**
   * Writes a value as JSON.
   *
   * @param value the value; {@code null} writes {@code null}
   * @return the UTF-8 JSON bytes
   * @throws JsonFailure if the value cannot be written
   */
  public byte[] write(@Nullable Object value) {
    if (value instanceof String text) {
      byte[] plain = plainString(text);
      if (plain != null) {
        return plain;
      }
    }
    try {
      return writer.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new JsonFailure(false, describe(e), e);
    }
  }

  /**
   * Returns a string of printable ASCII without quotes or backslashes as the JSON Jackson writes
   * for it, without a generator: the common response of a {@code String} handler.
   *
   * @return the bytes, or {@code null} for Jackson to write
   */
  private static byte @Nullable [] plainString(String text) {
    int length = text.length();
    if (length > 256) {
      return null;
    }
    byte[] json = new byte[length + 2];
    json[0] = '"';
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return null;
      }
      json[i + 1] = (byte) c;
    }
    json[length + 1] = '"';
    return json;
  }

  /**
   * Checks that bytes hold exactly one JSON document, or nothing.
   *
   * @param json the bytes
   * @throws JsonFailure (a syntax failure) if they do not
   */
  public void validate(byte[] json) {
    if (json.length == 0 || JsonSyntax.accepts(json)) {
      return; // the common case, without a parser; anything else is Jackson's to judge
    }
    validateWithJackson(json);
  }

  /**
   * Returns whether bytes hold exactly one JSON document, or nothing: {@link #validate} as a test,
   * for a stream handler's response, which may be anything.
   *
   * @param bytes the bytes
   * @return {@code true} if they are JSON or empty
   */
  public boolean isJson(byte[] bytes) {
    try {
      validate(bytes);
      return true;
    } catch (JsonFailure e) {
      return false;
    }
  }

  /**
   * Jackson's verdict on non-empty bytes; {@link #validate} asks it when the fast check did not
   * accept.
   */
  void validateWithJackson(byte[] json) {
    try (JsonParser parser = mapper.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonFailure(true, "No content to map due to end-of-input", null);
      }
      parser.skipChildren();
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new JsonFailure(
            true, "Trailing token (of type " + trailing + ") found after value", null);
      }
    } catch (StreamReadException e) {
      throw new JsonFailure(true, describe(e), e);
    } catch (JacksonException e) {
      throw new JsonFailure(true, describe(e), e);
    }
  }

  /**
   * Converts a value into the given type through Jackson's token buffer, without bytes.
   *
   * @param value the value
   * @param type the target type
   * @return the converted value
   * @throws JsonFailure (a mapping failure) if it cannot be converted
   */
  public @Nullable Object convert(@Nullable Object value, Type type) {
    try {
      return mapper.convertValue(value, mapper.getTypeFactory().constructType(type));
    } catch (JacksonException e) {
      throw new JsonFailure(false, describe(e), e);
    }
  }

  private static String describe(JacksonException e) {
    String message = e.getOriginalMessage();
    return message != null ? message : e.getClass().getName();
  }

  /** Reads JSON into one type; immutable and thread-safe. */
  public static final class Reader {
    private final ObjectReader reader;
    private final JavaType type;

    private Reader(ObjectReader reader, JavaType type) {
      this.reader = reader;
      this.type = type;
    }

    /**
     * Returns the raw class values are read into.
     *
     * @return the raw class
     */
    public Class<?> rawClass() {
      return type.getRawClass();
    }

    /**
     * Reads a value.
     *
     * @param json UTF-8 JSON bytes; empty reads as {@code null}
     * @return the value
     * @throws JsonFailure with {@link JsonFailure#syntax()} for malformed JSON, without for JSON
     *     that does not fit the type
     */
    public @Nullable Object read(byte[] json) {
      if (json.length == 0) {
        return null;
      }
      try (JsonParser parser = reader.createParser(json)) {
        if (parser.nextToken() == null) {
          throw new JsonFailure(true, "No content to map due to end-of-input", null);
        }
        Object value = reader.readValue(parser);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
          throw new JsonFailure(
              true, "Trailing token (of type " + trailing + ") found after value", null);
        }
        return value;
      } catch (StreamReadException e) {
        throw new JsonFailure(true, describe(e), e);
      } catch (JacksonException e) {
        throw new JsonFailure(false, describe(e), e);
      }
    }
  }
}
