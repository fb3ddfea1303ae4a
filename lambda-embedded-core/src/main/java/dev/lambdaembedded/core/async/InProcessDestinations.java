/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.async;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.DestinationMessage;
import dev.lambdaembedded.api.Destinations;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.MessageQueue;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The runtime's in-process queues and topics, by ARN. */
public final class InProcessDestinations implements Destinations {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
  static final int QUEUE_CAPACITY = 10_000;

  private final RuntimeSettings settings;
  private final Map<String, Queue> queues = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<DestinationMessage>>> topics = new ConcurrentHashMap<>();

  /**
   * Creates the runtime's destinations, none yet.
   *
   * @param settings for the region and account of the ARNs
   */
  public InProcessDestinations(RuntimeSettings settings) {
    this.settings = requireNonNull(settings);
  }

  @Override
  public MessageQueue queue(String name) {
    checkName(name);
    String arn = "arn:aws:sqs:" + settings.region() + ":" + settings.accountId() + ":" + name;
    return queues.computeIfAbsent(arn, Queue::new);
  }

  @Override
  public String subscribe(String topicName, Consumer<DestinationMessage> subscriber) {
    checkName(topicName);
    requireNonNull(subscriber, "subscriber");
    String arn = "arn:aws:sns:" + settings.region() + ":" + settings.accountId() + ":" + topicName;
    topics.computeIfAbsent(arn, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    return arn;
  }

  /**
   * Delivers a message to the queue or topic an ARN names.
   *
   * @param arn an {@code sqs} or {@code sns} ARN
   * @param message the message
   * @throws DeliveryFailure if there is no such queue or topic, the queue is full, or a subscriber
   *     threw
   */
  void deliver(String arn, DestinationMessage message) throws DeliveryFailure {
    Queue queue = queues.get(arn);
    if (queue != null) {
      if (!queue.messages.offer(message)) {
        throw new DeliveryFailure("the queue is full (" + QUEUE_CAPACITY + " messages): " + arn);
      }
      return;
    }
    List<Consumer<DestinationMessage>> subscribers = topics.get(arn);
    if (subscribers == null) {
      throw new DeliveryFailure("no such queue or topic in this runtime: " + arn);
    }
    for (Consumer<DestinationMessage> subscriber : subscribers) {
      try {
        subscriber.accept(message);
      } catch (RuntimeException e) {
        throw new DeliveryFailure("a subscriber of " + arn + " threw " + e, e);
      }
    }
  }

  private static void checkName(String name) {
    requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw InvalidParameterValueException.of(
          "name", name, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]{1,256}");
    }
  }

  /** A failed delivery to a queue or topic. */
  static final class DeliveryFailure extends Exception {
    private static final long serialVersionUID = 1L;

    DeliveryFailure(String message) {
      super(message);
    }

    DeliveryFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class Queue implements MessageQueue {
    private final String arn;
    private final LinkedBlockingQueue<DestinationMessage> messages =
        new LinkedBlockingQueue<>(QUEUE_CAPACITY);

    Queue(String arn) {
      this.arn = arn;
    }

    @Override
    public String arn() {
      return arn;
    }

    @Override
    public Optional<DestinationMessage> poll() {
      return Optional.ofNullable(messages.poll());
    }

    @Override
    public Optional<DestinationMessage> poll(Duration timeout) throws InterruptedException {
      return Optional.ofNullable(messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public List<DestinationMessage> drain() {
      List<DestinationMessage> all = new ArrayList<>();
      messages.drainTo(all);
      return all;
    }

    @Override
    public int size() {
      return messages.size();
    }
  }
}
