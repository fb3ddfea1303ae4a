/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

import java.util.Map;

/**
 * What a function's code can know about its execution environment outside any invocation: during
 * the init phase, and for the whole life of the environment.
 *
 * <p>The values mirror the environment variables AWS Lambda sets for a runtime ({@code
 * AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_FUNCTION_VERSION}, {@code
 * AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@code AWS_LAMBDA_LOG_GROUP_NAME}, {@code
 * AWS_LAMBDA_LOG_STREAM_NAME}); {@link #environment()} holds those and the function's own
 * variables, because a function sharing the host's JVM cannot have its own process environment.
 *
 * <p>Implementations are provided by the runtime and are safe to use from any thread.
 */
public interface InitContext {

  /**
   * Returns the function's name.
   *
   * @return the name
   */
  String functionName();

  /**
   * Returns the version this environment runs.
   *
   * @return {@code $LATEST} or a published version number
   */
  String functionVersion();

  /**
   * Returns the configured memory size.
   *
   * @return the size in megabytes, 128 to 10,240
   */
  int memoryLimitInMB();

  /**
   * Returns the function's log group name.
   *
   * @return {@code /aws/lambda/<function name>}, as on Lambda
   */
  String logGroupName();

  /**
   * Returns this execution environment's log stream name; one stream per environment.
   *
   * @return {@code yyyy/MM/dd/[<version>]<32 hex digits>}, as on Lambda
   */
  String logStreamName();

  /**
   * Returns the environment variables of this execution environment: the function's configured
   * variables plus the reserved ones Lambda sets ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code
   * AWS_REGION}, {@code _HANDLER}, ...).
   *
   * @return an immutable map
   */
  Map<String, String> environment();

  /**
   * Returns the logger that writes to this function's log and, during an invocation, to the
   * invocation's log tail.
   *
   * @return the logger
   */
  FunctionLogger logger();
}
