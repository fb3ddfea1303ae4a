/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.observe.FunctionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * What one function version is made of, immutable: its configuration, code, log and the environment
 * variables its execution environments see.
 */
public final class FunctionSpec {
  private final FunctionConfig config;
  private final FunctionCode code;
  private final String version;
  private final RuntimeSettings settings;
  private final FunctionLog log;
  private final ThreadFactory handlerThreads;
  private final Map<String, String> baseEnvironment;
  private final @Nullable ClassLoader classLoader;
  private final @Nullable CodeLoader codeLoader;
  private final JsonCodec codec;

  /**
   * Creates the spec of a function version.
   *
   * @param config the configuration
   * @param code the code
   * @param version {@code $LATEST} or a version number
   * @param settings the runtime's settings
   */
  public FunctionSpec(
      FunctionConfig config, FunctionCode code, String version, RuntimeSettings settings) {
    this(config, code, version, settings, null);
  }

  /**
   * Creates the spec of a function version whose environments get class loaders of their own.
   *
   * @param config the configuration
   * @param code the code
   * @param version {@code $LATEST} or a version number
   * @param settings the runtime's settings
   * @param codeLoader opens each environment's class loader; null for code that runs in the host's
   *     loaders
   */
  public FunctionSpec(
      FunctionConfig config,
      FunctionCode code,
      String version,
      RuntimeSettings settings,
      @Nullable CodeLoader codeLoader) {
    this.codeLoader = codeLoader;
    this.codec = JsonCodec.create();
    this.config = requireNonNull(config);
    this.code = requireNonNull(code);
    this.version = requireNonNull(version);
    this.settings = requireNonNull(settings);
    this.log =
        new FunctionLog(config.functionName(), version, settings.logSink(), settings.timeSource());
    this.handlerThreads = Threads.virtualThreads(config.functionName());
    this.classLoader =
        switch (code) {
          case FunctionCode.Classpath classpath -> classpath.classLoader();
          case FunctionCode.Inline inline -> null;
          case FunctionCode.Isolated isolated -> null;
        };
    Map<String, String> variables = new LinkedHashMap<>(config.environment());
    variables.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
    variables.put("AWS_LAMBDA_FUNCTION_VERSION", version);
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memorySize()));
    variables.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroupName());
    variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    variables.put("AWS_REGION", settings.region());
    variables.put("AWS_DEFAULT_REGION", settings.region());
    variables.put("AWS_EXECUTION_ENV", "lambda-embedded_java" + Runtime.version().feature());
    config.handler().ifPresent(handler -> variables.put("_HANDLER", handler));
    this.baseEnvironment = Map.copyOf(variables);
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  public FunctionConfig config() {
    return config;
  }

  /**
   * Returns the code.
   *
   * @return the code
   */
  public FunctionCode code() {
    return code;
  }

  /**
   * Returns the function's name.
   *
   * @return the name
   */
  public String functionName() {
    return config.functionName();
  }

  /**
   * Returns the version.
   *
   * @return {@code $LATEST} or a number
   */
  public String version() {
    return version;
  }

  /**
   * Returns the runtime's settings.
   *
   * @return the settings
   */
  public RuntimeSettings settings() {
    return settings;
  }

  /**
   * Returns the version's log.
   *
   * @return the log
   */
  public FunctionLog log() {
    return log;
  }

  /**
   * Returns the factory of this function's handler threads, {@code lambda-<name>-<n>}.
   *
   * @return the factory
   */
  public ThreadFactory handlerThreads() {
    return handlerThreads;
  }

  /**
   * Returns the class loader the handler is loaded from, which is the thread context class loader
   * while its code runs; null for inline code, which leaves the context class loader alone.
   *
   * @return the loader, or null
   */
  public @Nullable ClassLoader classLoader() {
    return classLoader;
  }

  /**
   * Returns the source of each environment's class loader, for deployed code.
   *
   * @return the code loader, or null when environments run in the host's class loaders
   */
  public @Nullable CodeLoader codeLoader() {
    return codeLoader;
  }

  /**
   * Returns the version's JSON codec, for types that are not the function's own: the payload checks
   * and the host's response types. Environments of deployed code have codecs of their own.
   *
   * @return the codec
   */
  public JsonCodec codec() {
    return codec;
  }

  /**
   * Returns the log group name.
   *
   * @return {@code /aws/lambda/<name>}
   */
  public String logGroupName() {
    return "/aws/lambda/" + config.functionName();
  }

  /**
   * Returns the environment variables shared by every environment of the version.
   *
   * @return the immutable variables, without {@code AWS_LAMBDA_LOG_STREAM_NAME}
   */
  public Map<String, String> baseEnvironment() {
    return baseEnvironment;
  }
}
