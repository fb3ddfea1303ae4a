/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.coldstart;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;

/**
 * The handler the cold-start benchmark deploys: its first invocation loads {@link Shouter}, {@link
 * Prefix} and {@link Invocations} as well, so a cold start defines a handful of classes.
 */
public final class ColdStartHandler implements RequestHandler<String, String> {
  private final Shouter shouter = new Shouter(new Prefix("cold"));

  /** Creates the handler; the runtime calls this once per execution environment. */
  public ColdStartHandler() {}

  @Override
  public String handleRequest(String input, Context context) {
    return shouter.shout(input, Invocations.next());
  }
}
