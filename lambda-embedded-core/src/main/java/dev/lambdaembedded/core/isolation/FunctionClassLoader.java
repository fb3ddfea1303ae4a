/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.core.guard.GuardedLoader;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
final class FunctionClassLoader extends ClassLoader implements GuardedLoader {
  static {
    registerAsParallelCapable();
  }

  private final String functionName;
  private final String version;
  private final String environment;
  private final CodeBundle code;
  private final List<LayerClassLoader> layers;
  private final SharedClasses shared;
  private final ClassPolicy policy;
  private final Map<String, String> variables;
  private final Set<Thread> shutdownHooks = ConcurrentHashMap.newKeySet();

  FunctionClassLoader(
      String name,
      String functionName,
      String version,
      String environment,
      CodeBundle code,
      List<LayerClassLoader> layers,
      SharedClasses shared,
      ClassPolicy policy,
      Map<String, String> variables) {
    super(name, ClassLoader.getPlatformClassLoader());
    this.functionName = functionName;
    this.version = version;
    this.environment = environment;
    this.code = code;
    this.layers = List.copyOf(layers);
    this.shared = shared;
    this.policy = policy;
    this.variables = Map.copyOf(variables);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = shared.load(name);
      }
      if (type == null) {
        type = defineOwn(name);
      }
      if (type == null) {
        type = fromLayers(name);
      }
      if (type == null) {
        throw new ClassNotFoundException(
            name
                + " is not in the code of "
                + getName()
                + ", its layers, the Java platform or a package the host shares");
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private @Nullable Class<?> defineOwn(String name) {
    byte[] bytes = code.classBytes(name, policy, this);
    if (bytes == null) {
      return null;
    }
    return defineClass(name, bytes, 0, bytes.length, code.domainOf(name, this));
  }

  private @Nullable Class<?> fromLayers(String name) throws ClassNotFoundException {
    for (LayerClassLoader layer : layers) {
      if (layer.containsClass(name)) {
        return layer.loadClass(name);
      }
    }
    return null;
  }

  @Override
  protected @Nullable URL findResource(String name) {
    URL url = code.resource(name);
    if (url != null) {
      return url;
    }
    for (LayerClassLoader layer : layers) {
      url = layer.code().resource(name);
      if (url != null) {
        return url;
      }
    }
    return null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(code.resources(name));
    for (LayerClassLoader layer : layers) {
      urls.addAll(layer.code().resources(name));
    }
    return Collections.enumeration(urls);
  }

  @Override
  public Map<String, String> environmentVariables() {
    return variables;
  }

  @Override
  public void shutdownHookAdded(Thread hook) {
    shutdownHooks.add(hook);
  }

  @Override
  public void shutdownHookRemoved(Thread hook) {
    shutdownHooks.remove(hook);
  }

  @Override
  public void threadLocalSet(ThreadLocal<?> local, @Nullable Object value) {}

  @Override
  public void threadLocalRemoved(ThreadLocal<?> local) {}

  String functionName() {
    return functionName;
  }

  String version() {
    return version;
  }

  String environment() {
    return environment;
  }

  /** Returns the shutdown hooks the code registered and did not remove. */
  Set<Thread> shutdownHooks() {
    return Set.copyOf(shutdownHooks);
  }

  @Override
  public String toString() {
    return "FunctionClassLoader[" + getName() + "]";
  }
}
