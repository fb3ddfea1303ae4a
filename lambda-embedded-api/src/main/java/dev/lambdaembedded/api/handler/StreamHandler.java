/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function's entry point that reads its event as raw bytes and writes its response as raw bytes,
 * like AWS Lambda's {@code RequestStreamHandler}.
 *
 * <p>The input is the request payload exactly as sent (a JSON document); whatever the handler
 * writes to the output is the response payload, limited to the runtime's response size (6 MB by
 * default, as on Lambda). The runtime owns both streams; the handler need not close them.
 */
@FunctionalInterface
public interface StreamHandler {

  /**
   * Handles one invocation.
   *
   * @param input the request payload
   * @param output where the response payload is written
   * @param context the invocation's context
   * @throws Exception to fail the invocation with a function error
   */
  void handleRequest(InputStream input, OutputStream output, Context context) throws Exception;
}
