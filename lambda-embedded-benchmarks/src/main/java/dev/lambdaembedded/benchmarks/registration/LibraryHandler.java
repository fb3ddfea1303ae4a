/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.registration;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;

/**
 * A tiny handler deployed with a fat jar of libraries: it names the class loader that holds the
 * class its input names, so the benchmark can check at setup that the libraries are reachable from
 * the function's own loader.
 */
public final class LibraryHandler implements RequestHandler<String, String> {

  /** Creates the handler; the runtime calls this once per execution environment. */
  public LibraryHandler() {}

  @Override
  public String handleRequest(String className, Context context) throws ClassNotFoundException {
    ClassLoader loader =
        Class.forName(className, false, LibraryHandler.class.getClassLoader()).getClassLoader();
    return loader == null ? "bootstrap" : String.valueOf(loader.getName());
  }
}
