/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

import org.jspecify.annotations.Nullable;

/**
 * A function's entry point that receives its event as an object and returns its response as an
 * object, like AWS Lambda's {@code RequestHandler}.
 *
 * <p>The runtime decodes the event into {@code I} (from JSON with Lambda's lenient rules, or by
 * handing over an object of that type as is) and encodes the returned {@code O}. A handler that
 * throws fails the invocation with Lambda's error shape {@code {errorType, errorMessage,
 * stackTrace}}; its execution environment stays warm unless it threw an {@link Error}.
 *
 * <p>Unless the function declares a per-environment concurrency above one, the runtime never calls
 * one handler instance from two threads at once when the instance was built per environment (by
 * class name or by a factory). An instance registered directly is shared by every environment of
 * the function and must then be thread-safe.
 *
 * @param <I> the event type
 * @param <O> the response type
 */
@FunctionalInterface
public interface RequestHandler<I extends @Nullable Object, O extends @Nullable Object> {

  /**
   * Handles one invocation.
   *
   * @param input the event, decoded into {@code I}; {@code null} for a JSON {@code null} or an
   *     empty payload
   * @param context the invocation's context: request id, remaining time, logger, environment
   * @return the response; {@code null} becomes the JSON literal {@code null}
   * @throws Exception to fail the invocation with a function error
   */
  O handleRequest(I input, Context context) throws Exception;
}
