/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.config.RolloutPlan;
import java.util.List;
import java.util.Optional;

/**
 * The functions a runtime knows: create, update, read and delete them, publish versions, point
 * aliases at them and keep environments provisioned, like Lambda's control plane.
 *
 * <p>A function's {@code $LATEST} is mutable: {@link #updateCode} and {@link #updateConfig} change
 * it. {@link #publishVersion} snapshots it into an immutable version numbered 1, 2, 3, ... (numbers
 * are never reused). An alias names one version and may send a share of its invocations to a second
 * one. Invocations name {@code name}, {@code name:$LATEST}, {@code name:7} or {@code name:live}
 * (see {@link Qualifier}).
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
   * Returns the description of a function's {@code $LATEST}, or of a version or alias when the name
   * is qualified ({@code name:3}, {@code name:live}, or an ARN form): for an alias, the version it
   * points to, as Lambda's {@code GetFunctionConfiguration} answers.
   *
   * @param functionName the function's name, qualified or not
   * @return the description, or empty if there is no such function, version or alias
   * @throws InvalidParameterValueException if the qualified name is malformed
   */
  Optional<FunctionInfo> get(String functionName);

  /**
   * Returns every function's description, ordered by name.
   *
   * @return an immutable list
   */
  List<FunctionInfo> list();

  /**
   * Publishes a version: snapshots {@code $LATEST}'s code and configuration into an immutable
   * version numbered one higher than the last ever published. If neither the code (the archive's
   * SHA-256 for deployed code, the same {@link FunctionCode} otherwise) nor the configuration
   * (reserved concurrency, a setting of the whole function, aside) changed since the last published
   * version, that version is returned and nothing is published, as Lambda does; the description
   * given here does not count.
   *
   * @param functionName the function
   * @param description the version's description, at most 256 characters; empty to keep the
   *     function's
   * @return the published (or unchanged last) version's description
   * @throws ResourceNotFoundException if there is no such function
   * @throws InvalidParameterValueException if the description is longer than 256 characters
   * @throws IllegalStateException if the runtime is closed
   */
  FunctionInfo publishVersion(String functionName, String description);

  /**
   * Returns a function's versions: {@code $LATEST} first, then the published ones by number, as
   * Lambda's {@code ListVersionsByFunction}.
   *
   * @param functionName the function
   * @return an immutable list
   * @throws ResourceNotFoundException if there is no such function
   */
  List<FunctionInfo> listVersions(String functionName);

  /**
   * Deletes a published version. Running invocations finish; its environments are retired.
   *
   * @param functionName the function
   * @param version the version number
   * @throws ResourceNotFoundException if there is no such function or version
   * @throws InvalidParameterValueException if {@code version} is not a version number ({@code
   *     $LATEST} is deleted with the function)
   * @throws ResourceConflictException if an alias routes to the version or provisioned concurrency
   *     is configured on it
   * @throws IllegalStateException if the runtime is closed
   */
  void deleteVersion(String functionName, String version);

  /**
   * Creates an alias.
   *
   * @param functionName the function
   * @param alias the alias
   * @return the alias's description
   * @throws ResourceNotFoundException if there is no such function, or a version it names does not
   *     exist
   * @throws ResourceConflictException if the alias exists
   * @throws IllegalStateException if the runtime is closed
   */
  AliasInfo createAlias(String functionName, AliasConfig alias);

  /**
   * Replaces an alias's version, description and routing at once. Invocations that started before
   * this returns finish on the version they started on; every later one sees the new routing. A
   * published version no alias routes to any longer is drained: its environments retire once their
   * invocations return, unless it is invoked directly by number. Provisioned concurrency on the
   * alias is initialised on the new versions before the routing changes.
   *
   * @param functionName the function
   * @param alias the alias's new configuration, named by its name
   * @return the alias's description
   * @throws ResourceNotFoundException if there is no such function or alias, or a version it names
   *     does not exist
   * @throws ResourceConflictException if a rollout is running on the alias
   * @throws IllegalStateException if the runtime is closed
   */
  AliasInfo updateAlias(String functionName, AliasConfig alias);

  /**
   * Returns an alias's description.
   *
   * @param functionName the function
   * @param aliasName the alias
   * @return the description, or empty if there is no such function or alias
   */
  Optional<AliasInfo> getAlias(String functionName, String aliasName);

  /**
   * Returns a function's aliases, ordered by name.
   *
   * @param functionName the function
   * @return an immutable list
   * @throws ResourceNotFoundException if there is no such function
   */
  List<AliasInfo> listAliases(String functionName);

  /**
   * Deletes an alias, and the provisioned concurrency configured on it.
   *
   * @param functionName the function
   * @param aliasName the alias
   * @throws ResourceNotFoundException if there is no such function or alias
   * @throws ResourceConflictException if a rollout is running on the alias
   * @throws IllegalStateException if the runtime is closed
   */
  void deleteAlias(String functionName, String aliasName);

  /**
   * Keeps a number of execution environments of a version or alias initialised before traffic
   * arrives, Lambda's provisioned concurrency. Returns once they are initialised (status {@code
   * READY}) or one init phase failed (status {@code FAILED}). Their invocations are counted as
   * provisioned; invocations beyond them spill over to on-demand environments. For an alias routing
   * to two versions, the environments are split by the weights. Replaces an earlier configuration
   * of the same qualifier. Provisioned environments still take a concurrency place when they run.
   *
   * @param functionName the function
   * @param qualifier a version number or alias name; not {@code $LATEST}, nor an alias pointing to
   *     it
   * @param executions the environments, at least 1
   * @return the configuration's state
   * @throws ResourceNotFoundException if there is no such function, version or alias
   * @throws InvalidParameterValueException if the qualifier is {@code $LATEST} or an alias pointing
   *     to it, {@code executions} is below 1, or the function's provisioned concurrency would
   *     exceed its reserved concurrency (or, without one, what the account can still reserve)
   * @throws ResourceConflictException if the version is also provisioned through an alias, or the
   *     alias's versions directly
   * @throws IllegalStateException if the runtime is closed
   */
  ProvisionedConcurrencyInfo putProvisionedConcurrency(
      String functionName, String qualifier, int executions);

  /**
   * Returns the provisioned concurrency configuration of a version or alias.
   *
   * @param functionName the function
   * @param qualifier the version number or alias name
   * @return its state, or empty if none is configured
   */
  Optional<ProvisionedConcurrencyInfo> getProvisionedConcurrency(
      String functionName, String qualifier);

  /**
   * Removes the provisioned concurrency configuration of a version or alias; its provisioned
   * environments are retired (busy ones when their invocations return).
   *
   * @param functionName the function
   * @param qualifier the version number or alias name
   * @throws ResourceNotFoundException if none is configured
   * @throws IllegalStateException if the runtime is closed
   */
  void deleteProvisionedConcurrency(String functionName, String qualifier);

  /**
   * Sets how asynchronous invocations of a function, version or alias are retried and where their
   * outcomes go, replacing an earlier configuration of the same qualifier (Lambda's {@code
   * PutFunctionEventInvokeConfig}). An event uses the configuration of the qualifier it was sent
   * to: {@code $LATEST} for a plain name.
   *
   * @param functionName the function
   * @param qualifier {@code $LATEST}, a version number or an alias name
   * @param config the configuration
   * @throws ResourceNotFoundException if there is no such function, version or alias
   * @throws IllegalStateException if the runtime is closed
   */
  void putEventInvokeConfig(String functionName, String qualifier, EventInvokeConfig config);

  /**
   * Returns the event invoke configuration of a function, version or alias.
   *
   * @param functionName the function
   * @param qualifier {@code $LATEST}, a version number or an alias name
   * @return the configuration, or empty if none was put (Lambda's defaults apply)
   */
  Optional<EventInvokeConfig> getEventInvokeConfig(String functionName, String qualifier);

  /**
   * Removes the event invoke configuration of a function, version or alias; Lambda's defaults apply
   * again.
   *
   * @param functionName the function
   * @param qualifier {@code $LATEST}, a version number or an alias name
   * @throws ResourceNotFoundException if none was put
   * @throws IllegalStateException if the runtime is closed
   */
  void deleteEventInvokeConfig(String functionName, String qualifier);

  /**
   * Starts a guarded rollout: shifts the alias's traffic to a new version by the plan's steps, and
   * points it back at its current version if the new one breaks the error budget. Progress is
   * driven by the runtime's clock and written to the function's log.
   *
   * @param functionName the function
   * @param aliasName an alias pointing at one published version, without routing
   * @param plan the target version, steps and error budget
   * @return the running rollout
   * @throws ResourceNotFoundException if there is no such function, alias or target version
   * @throws InvalidParameterValueException if the alias routes to two versions or points at {@code
   *     $LATEST}, or the target is the version it points at
   * @throws ResourceConflictException if a rollout is already running on the alias
   * @throws IllegalStateException if the runtime is closed
   */
  Rollout startRollout(String functionName, String aliasName, RolloutPlan plan);

  /**
   * Deletes a function with its versions and aliases. Running invocations finish; later ones are
   * refused with {@link ResourceNotFoundException}; its execution environments are retired.
   *
   * @param functionName the function
   * @throws ResourceNotFoundException if there is no such function
   * @throws IllegalStateException if the runtime is closed
   */
  void delete(String functionName);
}
