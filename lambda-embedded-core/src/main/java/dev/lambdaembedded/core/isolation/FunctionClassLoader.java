/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.GuardedLoader;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The class loader of one execution environment of deployed code.
 *
 * <p>It loads the Java platform, the lambda-embedded API and the host's shared packages from
 * outside ({@link SharedClasses}); everything else child-first from the function's own code, then
 * from its layers in the configured order. Host classes, the runtime and its dependencies are
 * invisible. Each environment has its own loader, so static state is per environment, as in Lambda,
 * and the loader is unloaded with the environment.
 */
final class FunctionClassLoader extends DeployedClassLoader implements GuardedLoader {
  static {
    registerAsParallelCapable();
  }

  private final String functionName;
  private final String version;
  private final String environment;
  private final List<LayerClassLoader> layers;
  private final Map<String, String> variables;
  private final IntConsumer onExit;
  private final Alarm alarm;

  FunctionClassLoader(
      String name,
      String functionName,
      String version,
      String environment,
      CodeBundle code,
      List<LayerClassLoader> layers,
      SharedClasses shared,
      ClassPolicy policy,
      Map<String, String> variables,
      IntConsumer onExit) {
    super(name, code, shared, policy);
    this.functionName = functionName;
    this.version = version;
    this.environment = environment;
    this.layers = List.copyOf(layers);
    this.variables = Map.copyOf(variables);
    this.onExit = onExit;
    this.alarm = Alarm.of(flagClass(), layers.stream().map(LayerClassLoader::alarm).toList());
  }

  @Override
  public Alarm alarm() {
    return alarm;
  }

  @Override
  public void exitRequested(int status) {
    onExit.accept(status);
  }

  @Override
  List<LayerClassLoader> layers() {
    return layers;
  }

  @Override
  String searched() {
    return "the code of "
        + getName()
        + ", its layers, the Java platform or a package the host shares";
  }

  @Override
  public Map<String, String> environmentVariables() {
    return variables;
  }

  @Override
  public void shutdownHookAdded(Thread hook) {
    tracker().shutdownHookAdded(hook);
  }

  @Override
  public void shutdownHookRemoved(Thread hook) {
    tracker().shutdownHookRemoved(hook);
  }

  @Override
  public void threadLocalSet(ThreadLocal<?> local, @Nullable Object value) {
    tracker().threadLocalSet(local, value);
  }

  @Override
  public void threadLocalRemoved(ThreadLocal<?> local) {
    tracker().threadLocalRemoved(local);
  }

  String functionName() {
    return functionName;
  }

  String version() {
    return version;
  }

  String environment() {
    return environment;
  }
}
