/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.FunctionLogger;
import dev.lambdaembedded.api.handler.LogLevel;
import java.util.Map;

/**
 * The context a direct call passes: constants, since the benchmarked handler never reads it. It
 * only exists so the direct call runs the very same handler method as the runtime does.
 */
final class DirectContext implements Context, FunctionLogger {

  @Override
  public String awsRequestId() {
    return "00000000-0000-4000-8000-000000000000";
  }

  @Override
  public String invokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:direct";
  }

  @Override
  public int remainingTimeInMillis() {
    return 900_000;
  }

  @Override
  public String functionName() {
    return "direct";
  }

  @Override
  public String functionVersion() {
    return "$LATEST";
  }

  @Override
  public int memoryLimitInMB() {
    return 128;
  }

  @Override
  public String logGroupName() {
    return "/aws/lambda/direct";
  }

  @Override
  public String logStreamName() {
    return "direct";
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public FunctionLogger logger() {
    return this;
  }

  @Override
  public void log(String message) {}

  @Override
  public void log(byte[] message) {}

  @Override
  public void log(String message, LogLevel level) {}
}
