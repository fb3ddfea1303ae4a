/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;

import java.lang.annotation.Annotation;
import java.util.Arrays;

/** Reads annotations off the methods of a holder class, so tests can call providers directly. */
final class TestAnnotations {

  private TestAnnotations() {}

  /**
   * Returns an annotation of the holder's method of that name.
   *
   * @throws AssertionError if there is no such method or it lacks the annotation
   */
  static <A extends Annotation> A of(Class<?> holder, String method, Class<A> type) {
    return Arrays.stream(holder.getDeclaredMethods())
        .filter(m -> m.getName().equals(method))
        .map(m -> m.getAnnotation(type))
        .map(a -> requireNonNull(a, () -> method + " lacks @" + type.getSimpleName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(holder.getName() + " has no method " + method));
  }
}
