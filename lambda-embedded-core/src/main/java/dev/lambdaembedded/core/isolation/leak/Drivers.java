/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.function.Function;

/**
 * Runs {@link DriverSweep} inside a function's class loader, as Tomcat's JDBC leak prevention does.
 */
final class Drivers {
  private static final String HELPER = DriverSweep.class.getName();

  private Drivers() {}

  /**
   * Lists, and optionally deregisters, the JDBC drivers the subject's classes registered.
   *
   * @param subject the function's loader
   * @param deregister whether to deregister them
   * @return the drivers' class names
   * @throws IllegalStateException if the helper could not be defined or run
   */
  @SuppressWarnings("ReferenceEquality") // a class loader is its own identity
  static List<String> sweep(LeakSubject subject, boolean deregister) {
    Class<?> helper = subject.defineHelper(HELPER, HelperBytes.BYTES);
    if (helper.getClassLoader() != subject) {
      // a helper from any other loader would sweep that loader's drivers, the host's included
      throw new IllegalStateException(
          subject.name()
              + " did not define "
              + HELPER
              + " itself but returned it from "
              + ResourceTracker.loaderName(helper.getClassLoader()));
    }
    return List.copyOf(newSweep(helper).apply(deregister));
  }

  @SuppressWarnings("unchecked") // DriverSweep implements exactly this type
  private static Function<Boolean, List<String>> newSweep(Class<?> helper) {
    try {
      return (Function<Boolean, List<String>>) helper.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create " + HELPER, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + HELPER, e);
    }
  }

  /** The helper's class file, read once on first use. */
  private static final class HelperBytes {
    static final byte[] BYTES = read();

    private static byte[] read() {
      String resource = DriverSweep.class.getSimpleName() + ".class";
      try (InputStream in = DriverSweep.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing class file " + resource);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
