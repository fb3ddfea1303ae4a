/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;
import java.util.Locale;

/**
 * The trivial handler of {@link InvokeBenchmark}: upper-cases its event, which allocates the result
 * (72 bytes for 32 characters) and nothing else. Stateless, so one instance serves every
 * environment and the direct call.
 */
public final class EchoHandler implements RequestHandler<String, String> {

  /** Creates the handler. */
  public EchoHandler() {}

  @Override
  public String handleRequest(String input, Context context) {
    return input.toUpperCase(Locale.ROOT);
  }
}
