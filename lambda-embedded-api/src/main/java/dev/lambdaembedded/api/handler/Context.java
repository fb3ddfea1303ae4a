/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

/**
 * The context of one invocation, passed to the handler with the event: everything AWS Lambda's Java
 * {@code Context} gives, with record-style names.
 *
 * <p>A context is valid for the invocation it was created for. It may be read from any thread, but
 * {@link #remainingTimeInMillis()} keeps counting down after the invocation has ended and the
 * logger then no longer adds to the invocation's log tail.
 */
public interface Context extends InitContext {

  /**
   * Returns the request id, the same for every retry of one asynchronous event, as on Lambda.
   *
   * @return a UUID in its text form
   */
  String awsRequestId();

  /**
   * Returns the ARN the caller invoked, qualified with the version or alias when the caller named
   * one.
   *
   * @return {@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}
   */
  String invokedFunctionArn();

  /**
   * Returns the time left before the invocation's deadline. At zero the runtime fails the
   * invocation with a timeout and interrupts the handler's thread.
   *
   * @return the milliseconds left, never negative
   */
  int remainingTimeInMillis();
}
