/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An in-process queue that destinations and dead-letter targets deliver to and the host reads, in
 * the role of an SQS queue. Bounded: a delivery to a full queue fails, and is counted as Lambda
 * counts a failed delivery.
 *
 * <p>Thread-safe.
 */
public interface MessageQueue {

  /**
   * Returns the queue's ARN, {@code arn:aws:sqs:<region>:<account>:<name>}, to name it in a
   * destination or dead-letter configuration.
   *
   * @return the ARN
   */
  String arn();

  /**
   * Takes the oldest message, if any.
   *
   * @return the message, or empty
   */
  Optional<DestinationMessage> poll();

  /**
   * Takes the oldest message, waiting for one up to a timeout.
   *
   * @param timeout the longest wait
   * @return the message, or empty if none came
   * @throws InterruptedException if interrupted while waiting
   */
  Optional<DestinationMessage> poll(Duration timeout) throws InterruptedException;

  /**
   * Takes every message now in the queue.
   *
   * @return oldest first
   */
  List<DestinationMessage> drain();

  /**
   * Returns the messages waiting.
   *
   * @return the count
   */
  int size();
}
