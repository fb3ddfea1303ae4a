/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.core.execution.StackTraces;
import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.CodePolicyViolationError;
import dev.lambdaembedded.core.isolation.bytecode.Instrumenter;
import dev.lambdaembedded.core.isolation.leak.LeakSubject;
import dev.lambdaembedded.core.isolation.leak.ResourceTracker;
import dev.lambdaembedded.core.observe.InvocationScope;
import java.io.IOException;
import java.lang.classfile.ClassHierarchyResolver;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A class loader of deployed code: a function environment's or a layer version's. It loads what
 * {@link SharedClasses} shares from outside, then its own code child-first, then (for a function)
 * its layers; resources follow the same order after the platform's.
 */
abstract sealed class DeployedClassLoader extends ClassLoader implements LeakSubject
    permits FunctionClassLoader, LayerClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final CodeBundle code;
  private final SharedClasses shared;
  private final ClassPolicy policy;
  private final ResourceTracker tracker = new ResourceTracker();
  private final Class<?> flagClass;
  private volatile @Nullable ClassHierarchyResolver resolver;

  DeployedClassLoader(String name, CodeBundle code, SharedClasses shared, ClassPolicy policy) {
    super(name, ClassLoader.getPlatformClassLoader());
    this.code = code;
    this.shared = shared;
    this.policy = policy;
    byte[] flag = Alarm.classBytes();
    this.flagClass = defineClass(Alarm.CLASS_NAME, flag, 0, flag.length);
  }

  /** The loader's own copy of the alarm flag class, which its instrumented code reads. */
  final Class<?> flagClass() {
    return flagClass;
  }

  /** The layers searched after the loader's own code, in order; none for a layer. */
  abstract List<LayerClassLoader> layers();

  /** Where a class was looked for, for the message of a {@link ClassNotFoundException}. */
  abstract String searched();

  final CodeBundle code() {
    return code;
  }

  /** Whether the loader's own code holds a class. */
  final boolean containsClass(String binaryName) {
    return code.containsClass(binaryName);
  }

  @Override
  protected final Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name); // the alarm flag class is always found here
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
        throw new ClassNotFoundException(name + " is not in " + searched());
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private @Nullable Class<?> defineOwn(String name) {
    ClassPolicy.Prepared prepared = code.classBytes(name, policy, resolver());
    return switch (prepared) {
      case null -> null;
      case ClassPolicy.Prepared.Defined(byte[] bytes) ->
          defineClass(name, bytes, 0, bytes.length, code.domainOf(name, this));
      case ClassPolicy.Prepared.Refused refused -> throw refuse(refused);
    };
  }

  /**
   * Fails the init phase or invocation that needed a forbidden class, and returns the error its
   * code sees: the class stays undefined, as if it were missing.
   */
  private static CodePolicyViolationError refuse(ClassPolicy.Prepared.Refused refused) {
    CodePolicyViolationError error = new CodePolicyViolationError(refused.message());
    if (InvocationScope.CURRENT.isBound()) {
      InvocationScope.CURRENT
          .get()
          .policyViolation(
              new FunctionError(
                  FunctionError.CODE_POLICY_VIOLATION,
                  refused.message(),
                  StackTraces.frames(error)),
              error);
    }
    return error;
  }

  /** The class hierarchy for rewriting this loader's classes, read once per loader. */
  private ClassHierarchyResolver resolver() {
    ClassHierarchyResolver own = resolver;
    if (own == null) {
      own = Instrumenter.resolverFor(this);
      resolver = own;
    }
    return own;
  }

  private @Nullable Class<?> fromLayers(String name) throws ClassNotFoundException {
    for (LayerClassLoader layer : layers()) {
      if (layer.containsClass(name)) {
        return layer.loadClass(name);
      }
    }
    return null;
  }

  @Override
  protected final @Nullable URL findResource(String name) {
    URL url = code.resource(name);
    for (int i = 0; url == null && i < layers().size(); i++) {
      url = layers().get(i).code().resource(name);
    }
    return url;
  }

  @Override
  protected final Enumeration<URL> findResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(code.resources(name));
    for (LayerClassLoader layer : layers()) {
      urls.addAll(layer.code().resources(name));
    }
    return Collections.enumeration(urls);
  }

  @Override
  public final String name() {
    return requireNonNull(getName());
  }

  @Override
  public final Class<?> defineHelper(String binaryName, byte[] bytes) {
    synchronized (getClassLoadingLock(binaryName)) {
      Class<?> defined = findLoadedClass(binaryName);
      return defined != null ? defined : defineClass(binaryName, bytes, 0, bytes.length);
    }
  }

  @Override
  public final ResourceTracker tracker() {
    return tracker;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + getName() + "]";
  }
}
