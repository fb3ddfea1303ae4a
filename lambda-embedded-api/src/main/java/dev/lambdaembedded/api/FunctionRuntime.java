/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.util.UUID;

/**
 * An embedded AWS Lambda: a registry of functions and the means to invoke them, inside the host's
 * JVM.
 *
 * <p>Created by the core module's {@code LambdaRuntime.builder()...build()}, already running.
 * {@link #invoke(InvocationRequest)} resolves the qualifier, admits the invocation under the
 * function's reserved concurrency or the runtime's unreserved pool (refusing it at once with {@link
 * TooManyRequestsException} when full), takes a warm execution environment or starts one (the init
 * phase), runs the handler under its timeout, and writes Lambda's {@code START}, {@code END} and
 * {@code REPORT} lines.
 *
 * <p>Thread-safe: any number of threads may invoke at once; the warm path takes no global lock.
 * {@link #close()} stops the runtime for good; using it afterwards throws {@link
 * IllegalStateException}.
 */
public interface FunctionRuntime extends AutoCloseable {

  /**
   * Returns the registry of this runtime's functions.
   *
   * @return the registry
   */
  FunctionRegistry registry();

  /**
   * Returns the registry of this runtime's layers.
   *
   * @return the layer registry
   */
  LayerRegistry layers();

  /**
   * Invokes a function synchronously and waits for its outcome.
   *
   * @param request what to invoke, with what payload
   * @return the response or the function error
   * @throws ResourceNotFoundException if the function, version or alias does not exist
   * @throws InvalidParameterValueException if the qualifier is malformed
   * @throws TooManyRequestsException if the concurrency the invocation needs is in use
   * @throws RequestTooLargeException if a JSON or bytes payload exceeds the synchronous payload
   *     limit
   * @throws InvalidRequestContentException if a JSON payload is not JSON, or a bytes payload that
   *     is not JSON is sent to a request handler (a stream handler takes any bytes)
   * @throws IllegalStateException if the runtime is closing or closed
   */
  InvocationResult invoke(InvocationRequest request);

  /**
   * Invokes a function synchronously with a JSON response and no log tail; see {@link
   * #invoke(InvocationRequest)}.
   *
   * @param qualifier the function, version or alias
   * @param payload the event
   * @return the response or the function error
   */
  default InvocationResult invoke(String qualifier, Payload payload) {
    return invoke(InvocationRequest.of(qualifier, payload));
  }

  /**
   * Invokes a function asynchronously, Lambda's {@code Event} invocation type: stores the event and
   * returns at once (Lambda's 202). A dispatcher runs it under the same concurrency rules as a
   * synchronous invoke; function errors and timeouts are retried (by the event invoke config of the
   * qualifier, Lambda's defaults otherwise), throttles requeued with backoff, and the outcome goes
   * to the configured destination or dead-letter target. Every accepted event ends in exactly one
   * {@link AsyncOutcome}.
   *
   * <p>The event is JSON, as for Lambda, whose invocation records and dead-letter messages carry it
   * as JSON: bytes that are not JSON and in-process objects are for synchronous invocations.
   *
   * @param qualifier the function, version or alias
   * @param payload the JSON event, at most 1 MB
   * @return the request id, the same for every attempt of this event
   * @throws ResourceNotFoundException if the function, version or alias does not exist
   * @throws InvalidParameterValueException if the qualifier is malformed
   * @throws RequestTooLargeException if the payload exceeds 1 MB
   * @throws InvalidRequestContentException if the payload is not JSON
   * @throws IllegalStateException if the runtime is closing or closed
   */
  UUID invokeAsync(String qualifier, Payload.Json payload);

  /**
   * Returns the in-process queues and topics that destinations and dead-letter targets deliver to.
   *
   * @return the destinations
   */
  Destinations destinations();

  /**
   * Returns read-only views into the runtime's state: counters, running and stuck invocations.
   *
   * @return the inspector
   */
  RuntimeInspector inspect();

  /**
   * Returns the runtime's lifecycle state.
   *
   * @return the state
   */
  State state();

  /**
   * Stops the runtime: refuses new invocations and registry changes, lets running invocations and
   * asynchronous events finish within the runtime's close timeout, then stops what is left (fails
   * it with {@value FunctionError#RUNTIME_CLOSED}, interrupts its thread and unwinds deployed code
   * at its next deadline check), shuts down every execution environment, stops every thread the
   * runtime started and releases its functions. Returns within the close timeout (30 seconds by
   * default) plus the stuck threshold (1 second) once something had to be stopped.
   *
   * <p>Idempotent; a second call returns when the first has finished. The state ends {@link
   * State#CLOSED}, or {@link State#FAILED} when some handler or thread could not be stopped (code
   * that ignores interrupts outside deployed code, or blocks in native code): {@link
   * RuntimeInspector#stillRunning()} and the runtime's log name each one. Afterwards the registry
   * is empty; {@link RuntimeInspector#metrics} still answers with the functions' last counters.
   */
  @Override
  void close();

  /** The lifecycle states of a runtime: {@code NEW -> RUNNING -> CLOSING -> CLOSED | FAILED}. */
  enum State {
    /** Built but not yet started. */
    NEW,
    /** Accepting invocations. */
    RUNNING,
    /** Refusing new invocations while running ones finish. */
    CLOSING,
    /** Stopped; every runtime thread has ended. */
    CLOSED,
    /**
     * Stopped, but some handler or runtime thread could not be stopped and is still running; see
     * {@link RuntimeInspector#stillRunning()}.
     */
    FAILED;

    /**
     * Returns whether the runtime has stopped for good.
     *
     * @return {@code true} for {@link #CLOSED} and {@link #FAILED}
     */
    public boolean isTerminal() {
      return this == CLOSED || this == FAILED;
    }
  }
}
