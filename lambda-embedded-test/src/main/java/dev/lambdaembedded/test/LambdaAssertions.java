/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import dev.lambdaembedded.api.InvocationResult;

/**
 * The entry point of the test kit's AssertJ assertions, for a static import beside AssertJ's own.
 *
 * <pre>{@code
 * assertThat(runtime.invoke("greeter", Payload.json("{\"name\":\"Ada\"}")))
 *     .succeeded()
 *     .hasPayloadJson("{\"greeting\":\"Hello, Ada\"}");
 * }</pre>
 */
public final class LambdaAssertions {
  private LambdaAssertions() {}

  /**
   * Starts assertions on an invocation's result.
   *
   * @param result the result
   * @return the assertions
   */
  public static InvocationResultAssert assertThat(InvocationResult result) {
    return new InvocationResultAssert(result);
  }
}
