/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Supplies the one event of an {@link Event}, named by its file name. */
final class EventArgumentsProvider extends AnnotationBasedArgumentsProvider<Event> {

  @Override
  protected Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context, Event event) {
    Class<?> anchor = anchor(parameters, context);
    return Stream.of(
        arguments(
            event,
            anchor,
            loader(anchor),
            firstParameterType(parameters),
            parameters.getSourceElementDescription()));
  }

  /**
   * Reads the event of an {@link Event} into one named argument.
   *
   * @param event the annotation
   * @param anchor the class relative paths start from
   * @param loader the class loader of class-path root lookups
   * @param parameterType the first parameter's type, or {@code null} if there is none
   * @param source the annotated method or class, described for messages
   * @return the argument, named by the file name
   * @throws IllegalArgumentException if the type is {@code Void} and there is no parameter
   * @throws EventLoadingException if the event cannot be loaded
   */
  static Arguments arguments(
      Event event,
      Class<?> anchor,
      ClassLoader loader,
      @Nullable Type parameterType,
      String source) {
    Type type =
        targetType(event.type(), parameterType, "@Event(\"" + event.value() + "\")", source);
    EventFile file = EventFiles.file(anchor, loader, event.value());
    return Arguments.argumentSet(file.name(), EventJson.read(file, type));
  }

  /**
   * Returns the type events are read into: the declared one unless it is {@code Void}, else the
   * parameter's.
   *
   * @throws IllegalArgumentException if both are missing
   */
  static Type targetType(
      Class<?> declared, @Nullable Type parameterType, String annotation, String source) {
    if (declared != Void.class) {
      return declared;
    }
    if (parameterType == null) {
      throw new IllegalArgumentException(
          annotation
              + " on "
              + source
              + " reads events into the first parameter's type, but there is no parameter:"
              + " add one or set type");
    }
    return parameterType;
  }

  /**
   * Returns the class that declares the annotated method or class, which relative paths start from.
   */
  static Class<?> anchor(ParameterDeclarations parameters, ExtensionContext context) {
    AnnotatedElement source = parameters.getSourceElement();
    return switch (source) {
      case Class<?> c -> c;
      case Member m -> m.getDeclaringClass();
      default -> context.getRequiredTestClass();
    };
  }

  /** Returns the class loader that finds class-path resources for an anchor. */
  static ClassLoader loader(Class<?> anchor) {
    ClassLoader loader = anchor.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }

  /** Returns the declared type of the first parameter, generics included, or null if none. */
  static @Nullable Type firstParameterType(ParameterDeclarations parameters) {
    return parameters
        .getFirst()
        .map(
            (ParameterDeclaration p) ->
                switch (p.getAnnotatedElement()) {
                  case Parameter parameter -> parameter.getParameterizedType();
                  case Field field -> field.getGenericType();
                  default -> p.getParameterType();
                })
        .orElse(null);
  }
}
