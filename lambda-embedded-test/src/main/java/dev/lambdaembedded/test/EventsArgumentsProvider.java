/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Supplies the events of an {@link Events}, each named by its file name. */
final class EventsArgumentsProvider extends AnnotationBasedArgumentsProvider<Events> {

  @Override
  protected Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context, Events events) {
    Class<?> anchor = EventArgumentsProvider.anchor(parameters, context);
    return arguments(
        events,
        anchor,
        EventArgumentsProvider.loader(anchor),
        EventArgumentsProvider.firstParameterType(parameters),
        parameters.getSourceElementDescription())
        .stream();
  }

  /**
   * Reads every event of an {@link Events}, each into one named argument, before returning.
   *
   * @param events the annotation
   * @param anchor the class relative paths start from
   * @param loader the class loader of class-path root lookups
   * @param parameterType the first parameter's type, or {@code null} if there is none
   * @param source the annotated method or class, described for messages
   * @return the arguments, in invocation order
   * @throws IllegalArgumentException if both or neither of folder and events are set, or a type is
   *     {@code Void} and there is no parameter
   * @throws EventLoadingException if an event cannot be loaded
   */
  static List<Arguments> arguments(
      Events events,
      Class<?> anchor,
      ClassLoader loader,
      @Nullable Type parameterType,
      String source) {
    boolean hasFolder = !events.folder().isEmpty();
    boolean hasEvents = events.events().length > 0;
    if (hasFolder == hasEvents) {
      throw new IllegalArgumentException(
          "@Events on "
              + source
              + " needs exactly one of folder and events, but "
              + (hasFolder
                  ? "has both: folder \""
                      + events.folder()
                      + "\" and "
                      + events.events().length
                      + " events"
                  : "has neither"));
    }
    if (hasFolder) {
      Type type =
          EventArgumentsProvider.targetType(
              events.type(),
              parameterType,
              "@Events(folder = \"" + events.folder() + "\")",
              source);
      return EventFiles.folder(anchor, loader, events.folder()).stream()
          .<Arguments>map(file -> Arguments.argumentSet(file.name(), EventJson.read(file, type)))
          .toList();
    }
    return Arrays.stream(events.events())
        .<Arguments>map(
            event -> {
              Type type =
                  event.type() != Void.class
                      ? event.type()
                      : EventArgumentsProvider.targetType(
                          events.type(),
                          parameterType,
                          "@Events(events = @Event(\"" + event.value() + "\"))",
                          source);
              EventFile file = EventFiles.file(anchor, loader, event.value());
              return Arguments.argumentSet(file.name(), EventJson.read(file, type));
            })
        .toList();
  }
}
