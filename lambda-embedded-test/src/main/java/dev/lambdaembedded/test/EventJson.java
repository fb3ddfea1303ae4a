/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

/**
 * Reads event files into target types with the embedded runtime's lenient Jackson configuration.
 * Thread-safe.
 */
final class EventJson {

  /*
   * The configuration repeats the runtime's event codec (core's JsonCodec, not exported): Lambda's
   * Java serializer ignores unknown properties, matches names case-sensitively, accepts a single
   * value for an array and a one-element array for a value, reads empty strings and arrays as null
   * objects and unknown enum constants as null, and writes no null properties. A handler parameter
   * type therefore receives here what the runtime would hand it.
   *
   * One mapper is shared, with its own type factory, for types whose classes the test kit's class
   * loader can see. A mapper caches every type it reads, so a type from any other class loader (a
   * function's, say) gets a mapper of its own that dies with the call: sharing it would keep that
   * class loader reachable for the rest of the test run and defeat unloading tests.
   */

  private static final JsonMapper SHARED = newMapper();

  private EventJson() {}

  /**
   * Reads an event file into a type: the text for {@code String}, the bytes for {@code byte[]} and
   * {@code InputStream}, both unparsed; otherwise the JSON, read by Jackson.
   *
   * @param file the event file
   * @param type the target type
   * @return the event, never null
   * @throws EventLoadingException if the file is not one JSON document, is the JSON {@code null},
   *     or cannot be read as the type
   */
  static Object read(EventFile file, Type type) {
    Class<?> raw = rawClass(type);
    if (raw == String.class) {
      return new String(file.bytes(), StandardCharsets.UTF_8);
    }
    if (raw == byte[].class) {
      return file.bytes().clone();
    }
    if (raw == InputStream.class) {
      return new ByteArrayInputStream(file.bytes().clone());
    }
    JsonMapper mapper = visibleToKit(type) ? SHARED : newMapper();
    JavaType javaType = mapper.getTypeFactory().constructType(type);
    Object value;
    try (JsonParser parser = mapper.createParser(file.bytes())) {
      if (parser.nextToken() == null) {
        throw malformed(file, "the file holds no JSON value", null);
      }
      value = mapper.readValue(parser, javaType);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw malformed(
            file,
            "unexpected " + trailing + " after the JSON value" + at(parser.currentLocation()),
            null);
      }
    } catch (StreamReadException e) {
      throw malformed(file, describe(e), e);
    } catch (JacksonException e) {
      throw new EventLoadingException(
          file.path(),
          "Cannot read event file "
              + file.location()
              + " as "
              + javaType.toCanonical()
              + ": "
              + describe(e),
          e);
    }
    if (value == null) {
      throw new EventLoadingException(
          file.path(),
          "Event file "
              + file.location()
              + " holds JSON null, which is no event: read it as String to get the text",
          null);
    }
    return value;
  }

  /**
   * Reads JSON text into a tree, for comparing two documents by value.
   *
   * @throws JacksonException if the text is not JSON
   */
  static JsonNode tree(String json) {
    return SHARED.readTree(json);
  }

  /** Writes a value as JSON text with the runtime's settings. */
  static String write(@Nullable Object value) {
    return SHARED.writeValueAsString(value);
  }

  private static JsonMapper newMapper() {
    return JsonMapper.builder()
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
        .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
        .enable(DeserializationFeature.WRAP_EXCEPTIONS)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // checked as syntax in read
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .changeDefaultPropertyInclusion(
            incl ->
                incl.withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
        .build();
  }

  /** Returns the class a type erases to. */
  static Class<?> rawClass(Type type) {
    return switch (type) {
      case Class<?> c -> c;
      case ParameterizedType p -> rawClass(p.getRawType());
      case GenericArrayType g -> rawClass(g.getGenericComponentType()).arrayType();
      case TypeVariable<?> v -> rawClass(v.getBounds()[0]);
      case WildcardType w -> rawClass(w.getUpperBounds()[0]);
      default -> Object.class;
    };
  }

  /** Whether every class a type mentions is the one the test kit's class loader would load. */
  private static boolean visibleToKit(Type type) {
    return switch (type) {
      case Class<?> c -> visibleToKit(c);
      case ParameterizedType p ->
          visibleToKit(p.getRawType())
              && Arrays.stream(p.getActualTypeArguments()).allMatch(EventJson::visibleToKit)
              && (p.getOwnerType() == null || visibleToKit(p.getOwnerType()));
      case GenericArrayType g -> visibleToKit(g.getGenericComponentType());
      case TypeVariable<?> v -> Arrays.stream(v.getBounds()).allMatch(EventJson::visibleToKit);
      case WildcardType w ->
          Arrays.stream(w.getUpperBounds()).allMatch(EventJson::visibleToKit)
              && Arrays.stream(w.getLowerBounds()).allMatch(EventJson::visibleToKit);
      default -> false;
    };
  }

  private static boolean visibleToKit(Class<?> c) {
    Class<?> element = c;
    while (element.isArray()) {
      element = element.componentType();
    }
    if (element.isPrimitive()) {
      return true;
    }
    try {
      return Class.forName(element.getName(), false, EventJson.class.getClassLoader()) == element;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static EventLoadingException malformed(
      EventFile file, String message, @Nullable Throwable cause) {
    return new EventLoadingException(
        file.path(), "Malformed JSON in event file " + file.location() + ": " + message, cause);
  }

  private static String describe(JacksonException e) {
    String message = e.getOriginalMessage();
    StringBuilder text = new StringBuilder(message != null ? message : e.getClass().getName());
    String reference = e.getPathReference();
    if (reference != null && !e.getPath().isEmpty()) {
      text.append(" (property path ").append(reference).append(')');
    }
    return text.append(at(e.getLocation())).toString();
  }

  private static String at(@Nullable TokenStreamLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
