/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.util.function.Consumer;

/**
 * The in-process queues and topics that asynchronous invocations deliver records and dead letters
 * to: the roles SQS queues and SNS topics play for Lambda's destinations and dead-letter queues. A
 * function destination needs nothing here: it names the function's ARN.
 *
 * <p>Thread-safe.
 */
public interface Destinations {

  /**
   * Returns the queue of a name, creating it (holding at most 10,000 messages) if needed.
   *
   * @param name 1 to 256 characters of {@code [a-zA-Z0-9_.-]}
   * @return the queue; its {@link MessageQueue#arn()} names it in configurations
   * @throws InvalidParameterValueException if the name is malformed
   */
  MessageQueue queue(String name);

  /**
   * Subscribes a host callback to a topic, creating the topic if needed. A delivery to the topic
   * calls every subscriber on the delivering thread; one that throws fails the delivery, which is
   * retried and then counted.
   *
   * @param topicName 1 to 256 characters of {@code [a-zA-Z0-9_.-]}
   * @param subscriber called with each message
   * @return the topic's ARN, {@code arn:aws:sns:<region>:<account>:<name>}
   * @throws InvalidParameterValueException if the name is malformed
   */
  String subscribe(String topicName, Consumer<DestinationMessage> subscriber);
}
