/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import java.util.List;
import java.util.Optional;

/**
 * The functions a runtime knows: create, update, read and delete them, like Lambda's control plane.
 *
 * <p>Every change is atomic: it is either applied whole or refused with a {@link LambdaException}
 * that leaves the registry as it was. A change takes effect for invocations that start after it
 * returns; invocations already running finish with the code and configuration they started with,
 * and the execution environments of the replaced code are retired once idle.
 *
 * <p>Thread-safe. Reads never block invocations or other reads.
 */
public interface FunctionRegistry {

  /**
   * Registers a new function.
   *
   * @param config the configuration
   * @param code what the function runs
   * @return the new function's description
   * @throws ResourceConflictException if a function of that name exists
   * @throws InvalidParameterValueException if the configuration breaks a runtime-level rule (a
   *     reserved concurrency above what the runtime can reserve, a layer that does not exist), the
   *     code and configuration disagree (code loaded by class name without a handler string, inline
   *     code with one, layers without deployed code), or deployed code is not a readable archive,
   *     holds an unsafe path or exceeds a size limit
   * @throws CodeVerificationFailedException if deployed code breaks its code policy
   * @throws IllegalStateException if the runtime is closed
   */
  FunctionInfo create(FunctionConfig config, FunctionCode code);

  /**
   * Replaces a function's code, keeping its configuration.
   *
   * @param functionName the function
   * @param code the new code
   * @return the updated description
   * @throws ResourceNotFoundException if there is no such function
   * @throws InvalidParameterValueException if the code and configuration disagree, or deployed code
   *     is not a readable archive, holds an unsafe path or exceeds a size limit
   * @throws CodeVerificationFailedException if deployed code breaks its code policy
   * @throws IllegalStateException if the runtime is closed
   */
  FunctionInfo updateCode(String functionName, FunctionCode code);

  /**
   * Replaces a function's configuration, keeping its code; the function is named by the
   * configuration.
   *
   * @param config the new configuration
   * @return the updated description
   * @throws ResourceNotFoundException if there is no such function
   * @throws InvalidParameterValueException if the configuration breaks a runtime-level rule or
   *     disagrees with the code
   * @throws IllegalStateException if the runtime is closed
   */
  FunctionInfo updateConfig(FunctionConfig config);

  /**
   * Returns a function's description.
   *
   * @param functionName the function
   * @return the description, or empty if there is no such function
   */
  Optional<FunctionInfo> get(String functionName);

  /**
   * Returns every function's description, ordered by name.
   *
   * @return an immutable list
   */
  List<FunctionInfo> list();

  /**
   * Deletes a function. Running invocations finish; later ones are refused with {@link
   * ResourceNotFoundException}; its execution environments are retired.
   *
   * @param functionName the function
   * @throws ResourceNotFoundException if there is no such function
   * @throws IllegalStateException if the runtime is closed
   */
  void delete(String functionName);
}
