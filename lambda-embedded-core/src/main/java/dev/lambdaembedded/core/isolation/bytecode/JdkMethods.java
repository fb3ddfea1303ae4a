/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.bytecode;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the instrumenter needs to know about JDK methods that function code calls: whether a call
 * may wait interruptibly, because the method declares {@link InterruptedException}.
 *
 * <p>The answer comes from the JDK's own classes, looked up by name through the platform class
 * loader (without initialising them) and cached for the life of the JVM: JDK classes do not change.
 * A call whose owner is not a JDK class is not one, except {@code wait}, which every class inherits
 * from {@link Object} and cannot override.
 */
final class JdkMethods {
  private static final Set<String> OBJECT_WAITS = Set.of("()V", "(J)V", "(JI)V");
  private static final ConcurrentMap<String, Boolean> INTERRUPTIBLE = new ConcurrentHashMap<>();
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  private JdkMethods() {}

  /**
   * Returns whether a call may block until interrupted: its method is a JDK method declaring {@code
   * InterruptedException}.
   *
   * @param owner the call's owner, an internal name such as {@code java/lang/Thread}
   * @param name the method's name
   * @param descriptor the method's descriptor
   * @return {@code true} for such a call
   */
  static boolean waitsInterruptibly(String owner, String name, String descriptor) {
    if (name.equals("wait") && OBJECT_WAITS.contains(descriptor)) {
      return true;
    }
    if (!isJdk(owner)) {
      return false;
    }
    return INTERRUPTIBLE.computeIfAbsent(
        owner + '.' + name + descriptor, key -> lookUp(owner, name, descriptor));
  }

  private static boolean isJdk(String owner) {
    return owner.startsWith("java/")
        || owner.startsWith("javax/")
        || owner.startsWith("jdk/")
        || owner.startsWith("sun/")
        || owner.startsWith("com/sun/");
  }

  private static boolean lookUp(String owner, String name, String descriptor) {
    Class<?> type;
    try {
      type = Class.forName(owner.replace('/', '.'), false, PLATFORM);
    } catch (ClassNotFoundException | LinkageError e) {
      return false; // not a JDK class after all
    }
    ClassLoader definer = type.getClassLoader();
    if (definer != null && !definer.equals(PLATFORM)) {
      return false;
    }
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name)
          && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
              .descriptorString()
              .equals(descriptor)) {
        for (Class<?> thrown : method.getExceptionTypes()) {
          if (thrown.isAssignableFrom(InterruptedException.class)) {
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }
}
