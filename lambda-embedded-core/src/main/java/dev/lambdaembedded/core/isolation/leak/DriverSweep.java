/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;

/**
 * A helper that lists, and optionally deregisters, the JDBC drivers that {@code DriverManager}
 * holds for classes of the class loader that defined this helper. Only {@link Drivers} uses it,
 * after defining a copy of this class inside a function's class loader; the copy in the runtime's
 * own module is never run.
 *
 * <p>Do not make this class refer to any other runtime class, nor use lambdas: its copy is linked
 * inside the function's loader, which sees only the JDK and the API.
 */
public final class DriverSweep implements Function<Boolean, List<String>> {
  /*
   * DriverManager.getDrivers and deregisterDriver are caller-sensitive: they only see drivers
   * whose class the caller's loader can load. Run from a class the function's loader defined, they
   * see the function's drivers; run from the runtime, they would see none of them. The calls go
   * through reflection because the runtime's module does not read java.sql; Method.invoke passes
   * this class on as the caller.
   */

  /** Creates the helper; called reflectively on the copy inside a function's loader. */
  public DriverSweep() {}

  /**
   * Lists the drivers registered with {@code DriverManager} whose class this helper's loader
   * defined.
   *
   * @param deregister whether to deregister them as well
   * @return their class names, in registration order; empty if {@code java.sql} is not present
   * @throws IllegalStateException if {@code DriverManager} could not be called
   */
  @Override
  public List<String> apply(Boolean deregister) {
    Class<?> manager;
    Class<?> driverType;
    try {
      manager = Class.forName("java.sql.DriverManager");
      driverType = Class.forName("java.sql.Driver");
    } catch (ClassNotFoundException e) {
      return List.of();
    }
    try {
      return sweep(manager, driverType, deregister);
    } catch (IllegalAccessException | NoSuchMethodException e) {
      throw new IllegalStateException("cannot call DriverManager", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("DriverManager failed", e.getCause());
    }
  }

  @SuppressWarnings("ReferenceEquality") // a class loader is its own identity
  private static List<String> sweep(Class<?> manager, Class<?> driverType, boolean deregister)
      throws IllegalAccessException, NoSuchMethodException, InvocationTargetException {
    Method getDrivers = manager.getMethod("getDrivers");
    Method deregisterDriver = manager.getMethod("deregisterDriver", driverType);
    ClassLoader own = DriverSweep.class.getClassLoader();
    List<String> found = new ArrayList<>();
    Enumeration<?> drivers = (Enumeration<?>) getDrivers.invoke(null);
    while (drivers.hasMoreElements()) {
      Object driver = drivers.nextElement();
      if (driver.getClass().getClassLoader() == own) {
        if (deregister) {
          deregisterDriver.invoke(null, driver);
        }
        found.add(driver.getClass().getName());
      }
    }
    return found;
  }
}
