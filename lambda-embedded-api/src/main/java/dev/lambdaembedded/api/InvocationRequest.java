/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Type;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A synchronous invocation: what to invoke, with what payload, and in which form to return the
 * response.
 *
 * <p>Without a response type the response is a {@link Payload.Json} document, exactly what Lambda
 * returns, or {@link Payload.Bytes} when a stream handler writes bytes that are not JSON. With one,
 * the response is a {@link Payload.Value} of that type: the handler's returned object itself when
 * it is of that type, otherwise converted through JSON.
 *
 * @param qualifier the function, version or alias, in any form {@link Qualifier#parse} accepts
 * @param payload the event
 * @param logType whether the result carries the last 4 KB of the invocation's log
 * @param responseType the type the response is returned as; empty for JSON
 */
public record InvocationRequest(
    String qualifier, Payload payload, LogType logType, Optional<Type> responseType) {

  /** Checks that no component is null. */
  public InvocationRequest {
    requireNonNull(qualifier, "qualifier");
    requireNonNull(payload, "payload");
    requireNonNull(logType, "logType");
    requireNonNull(responseType, "responseType");
  }

  /**
   * Returns a request for a JSON response without a log tail.
   *
   * @param qualifier the function, version or alias
   * @param payload the event
   * @return the request
   */
  public static InvocationRequest of(String qualifier, Payload payload) {
    return new InvocationRequest(qualifier, payload, LogType.NONE, Optional.empty());
  }

  /**
   * Returns a request for a response of the given type, without a log tail.
   *
   * @param qualifier the function, version or alias
   * @param payload the event
   * @param responseType the type the response is returned as
   * @return the request
   */
  public static InvocationRequest of(String qualifier, Payload payload, Type responseType) {
    return new InvocationRequest(
        qualifier,
        payload,
        LogType.NONE,
        Optional.of(requireNonNull(responseType, "responseType")));
  }

  /**
   * Starts a request with an empty JSON payload, no log tail and a JSON response.
   *
   * @param qualifier the function, version or alias
   * @return a new builder
   */
  public static Builder builder(String qualifier) {
    return new Builder(qualifier);
  }

  /** A mutable builder of {@link InvocationRequest}; not thread-safe, reusable. */
  public static final class Builder {
    private final String qualifier;
    private Payload payload = Payload.empty();
    private LogType logType = LogType.NONE;
    private @Nullable Type responseType;

    private Builder(String qualifier) {
      this.qualifier = requireNonNull(qualifier, "qualifier");
    }

    /**
     * Sets the payload.
     *
     * @param payload the event
     * @return this builder
     */
    public Builder payload(Payload payload) {
      this.payload = requireNonNull(payload, "payload");
      return this;
    }

    /**
     * Sets a JSON payload from its text.
     *
     * @param json the JSON document
     * @return this builder
     */
    public Builder payloadJson(String json) {
      this.payload = Payload.json(json);
      return this;
    }

    /**
     * Sets whether the result carries the invocation's log tail.
     *
     * @param logType {@link LogType#TAIL} for the last 4 KB of the log
     * @return this builder
     */
    public Builder logType(LogType logType) {
      this.logType = requireNonNull(logType, "logType");
      return this;
    }

    /**
     * Asks for the response as an object of the given type instead of JSON.
     *
     * @param responseType the type
     * @return this builder
     */
    public Builder responseType(Type responseType) {
      this.responseType = requireNonNull(responseType, "responseType");
      return this;
    }

    /**
     * Returns the request.
     *
     * @return a new request
     */
    public InvocationRequest build() {
      return new InvocationRequest(qualifier, payload, logType, Optional.ofNullable(responseType));
    }
  }
}
