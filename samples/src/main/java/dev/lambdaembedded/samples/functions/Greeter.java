/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.functions;

import dev.lambdaembedded.api.handler.Context;

/**
 * A handler class loaded by name, as a Lambda function's handler string {@code
 * dev.lambdaembedded.samples.functions.Greeter::handle} names it.
 *
 * <p>The runtime loads this class in the function's class loader and builds one instance per
 * execution environment with the public no-argument constructor, so an instance is never called
 * from two threads at once and may keep per-environment state, such as the invocation count here.
 */
public final class Greeter {
  private int invocations;

  /** Creates the handler; the runtime calls this once per execution environment. */
  public Greeter() {}

  /**
   * Greets the event's name.
   *
   * @param in the event
   * @param ctx the invocation's context
   * @return the greeting, naming the function and how often this environment has run
   */
  public Reply handle(Greeting in, Context ctx) {
    invocations++;
    String name = in.name();
    return new Reply(
        "Hello, "
            + (name == null ? "stranger" : name)
            + ", from "
            + ctx.functionName()
            + " (invocation "
            + invocations
            + " of this environment)");
  }
}
