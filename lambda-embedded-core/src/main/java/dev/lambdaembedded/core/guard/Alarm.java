/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.guard;

import static java.util.Objects.requireNonNull;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.AccessFlag;
import java.util.List;

/**
 * The flag that tells instrumented code of one class loader to take the slow path of its deadline
 * checks: an invocation running that code has passed its deadline, its environment ended, or a busy
 * virtual thread should give up its carrier.
 *
 * <p>Every class loader of deployed code defines its own copy of a tiny class, {@value
 * #CLASS_NAME}, holding one {@code public static volatile int raised}. Rewritten code reads that
 * field at each loop back-edge, at the entry of each method that calls others, and before each
 * blocking call into the JDK, and calls {@link Guard#poll()} when it is not zero. The read is one
 * load from a fixed address, which the JIT cannot hoist out of a loop (the field is volatile) and
 * which costs about nothing while the flag is down; a flag per loader keeps one environment's
 * trouble from slowing every other function.
 *
 * <p>This object raises and lowers that flag. Reasons are counted: the flag is up while any expiry
 * is pending (an invocation past its deadline whose handler has not returned), while the
 * environment is dead, or while a yield is requested. A function's alarm forwards to the alarms of
 * its layers, whose classes run on the function's behalf. Thread-safe; changes are rare (a timeout,
 * an exit, a yield every few milliseconds of a busy handler), reads are the flag itself.
 */
public final class Alarm {
  /** The binary name of the flag class each deployed-code loader defines for itself. */
  public static final String CLASS_NAME = "dev.lambdaembedded.core.guard.local.Alarm";

  /** The name of the flag field. */
  public static final String FIELD = "raised";

  private static final byte[] CLASS_BYTES = flagClass();

  private final VarHandle flag;
  private final List<Alarm> followers;
  private int expiries; // guarded by this
  private int yields; // guarded by this
  private boolean dead; // guarded by this

  private Alarm(VarHandle flag, List<Alarm> followers) {
    this.flag = flag;
    this.followers = followers;
  }

  /**
   * Returns the class file of the flag class, for a loader to define under {@value #CLASS_NAME}.
   *
   * @return a copy of the class file
   */
  public static byte[] classBytes() {
    return CLASS_BYTES.clone();
  }

  /**
   * Returns the alarm of a loader that has defined the flag class.
   *
   * @param flagClass the loader's own flag class
   * @param followers alarms raised and lowered with this one (a function's layers)
   * @return the alarm, with the flag down
   * @throws IllegalArgumentException if the class is not a flag class
   */
  public static Alarm of(Class<?> flagClass, List<Alarm> followers) {
    requireNonNull(flagClass, "flagClass");
    if (!flagClass.getName().equals(CLASS_NAME)) {
      throw new IllegalArgumentException("not the flag class: " + flagClass.getName());
    }
    try {
      VarHandle handle =
          MethodHandles.publicLookup().findStaticVarHandle(flagClass, FIELD, int.class);
      return new Alarm(handle, List.copyOf(followers));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot reach the flag of " + flagClass, e);
    }
  }

  /** Raises the flag for an expiry: an invocation passed its deadline or was stopped. */
  public void raiseExpiry() {
    synchronized (this) {
      expiries++;
      publish();
    }
    followers.forEach(Alarm::raiseExpiry);
  }

  /** Lowers the flag for one expiry whose handler has returned. */
  public void lowerExpiry() {
    synchronized (this) {
      if (expiries > 0) {
        expiries--;
      }
      publish();
    }
    followers.forEach(Alarm::lowerExpiry);
  }

  /** Asks the busy threads running this loader's code to check whether they should yield. */
  public void requestYield() {
    synchronized (this) {
      yields++;
      publish();
    }
    followers.forEach(Alarm::requestYield);
  }

  /** Withdraws one yield request: the thread it was meant for has yielded. */
  public void yielded() {
    synchronized (this) {
      if (yields > 0) {
        yields--;
      }
      publish();
    }
    followers.forEach(Alarm::yielded);
  }

  /**
   * Keeps the flag up for good: the environment ended, and every check in its code takes the slow
   * path from now on. Its layers' flags are not kept up: other functions share them.
   */
  public void kill() {
    synchronized (this) {
      dead = true;
      publish();
    }
  }

  /**
   * Returns whether the flag is up now.
   *
   * @return {@code true} while a reason is pending
   */
  public boolean raised() {
    return (int) flag.getVolatile() != 0;
  }

  private void publish() {
    flag.setVolatile(dead || expiries > 0 || yields > 0 ? 1 : 0);
  }

  private static byte[] flagClass() {
    return ClassFile.of()
        .build(
            ClassDesc.of(CLASS_NAME),
            builder ->
                builder
                    .withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SYNTHETIC)
                    .withSuperclass(ConstantDescs.CD_Object)
                    .withField(
                        FIELD,
                        ConstantDescs.CD_int,
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC | ClassFile.ACC_VOLATILE));
  }
}
