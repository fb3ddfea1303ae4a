/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message delivered to an in-process queue or topic: an invocation record from a destination, or
 * an original event from a dead-letter target.
 *
 * @param messageId the message's own id
 * @param body the JSON body: Lambda's invocation record, or the event as it was sent
 * @param attributes for a dead letter, Lambda's {@code RequestID}, {@code ErrorCode} and {@code
 *     ErrorMessage} (its first 1 KB); empty for a record
 * @param sentAt when it was delivered, on the runtime's clock
 */
public record DestinationMessage(
    UUID messageId, String body, Map<String, String> attributes, Instant sentAt) {

  /** Checks that no component is null and copies the attributes. */
  public DestinationMessage {
    requireNonNull(messageId, "messageId");
    requireNonNull(body, "body");
    attributes = Map.copyOf(attributes);
    requireNonNull(sentAt, "sentAt");
  }
}
