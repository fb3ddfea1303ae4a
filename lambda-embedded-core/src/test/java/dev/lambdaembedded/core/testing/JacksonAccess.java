/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import tools.jackson.databind.ObjectMapper;

/**
 * Opens a test package to Jackson, as a function's own module would declare {@code opens pkg to
 * tools.jackson.databind} for its event classes.
 *
 * <p>Surefire patches the tests into the module {@code dev.lambdaembedded.core}, which opens none
 * of its packages, so without this the runtime's codec cannot read or write the event records and
 * POJOs the tests declare. On the class path (an unnamed module) it does nothing.
 */
public final class JacksonAccess {
  private JacksonAccess() {}

  /** Opens the package of {@code anchor} to Jackson's databind module. */
  public static void open(Class<?> anchor) {
    anchor.getModule().addOpens(anchor.getPackageName(), ObjectMapper.class.getModule());
  }
}
