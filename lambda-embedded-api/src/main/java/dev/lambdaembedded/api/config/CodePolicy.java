/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The load-time checks and rewrites applied to every class of a function or layer deployed as an
 * archive or directory, when the class is first defined in an execution environment.
 *
 * <p>By default every {@link Check} is enforced: a class that calls a guarded method (directly,
 * through a method reference, an {@code invokedynamic} bootstrap argument or a {@code MethodHandle}
 * constant) is not defined, and the init phase or invocation whose code needed it fails with {@code
 * Runtime.CodePolicyViolation}, naming the class, method, line and check and how to allow it.
 * Classes that are never loaded are never checked, so a jar holding a forbidden class still deploys
 * and its other handlers run. A class is checked once per deployment; its environments share the
 * verdict and the rewritten bytes.
 *
 * <p>Function code is also rewritten: loops, method entries and blocking calls check the
 * invocation's deadline ({@linkplain #cooperativeTimeouts() cooperative timeouts}), {@code
 * System.getenv} reads the function's own environment variables ({@linkplain #functionEnvironment()
 * function environment}), and {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}
 * end the function's execution environment instead of the host's JVM, as the process exiting does
 * on Lambda ({@code Runtime.ExitError}).
 *
 * <p>This is a guard rail for trusted but buggy code, not a security sandbox: reflection, JDK code
 * acting on the function's behalf and native code can get past it. See the README's isolation
 * section.
 *
 * @param allowed the checks not enforced
 * @param cooperativeTimeouts whether loop back-edges and method entries check the deadline, so a
 *     handler that ignores interrupts still stops at its timeout
 * @param functionEnvironment whether {@code System.getenv} calls see the function's environment
 *     variables instead of the host's
 */
public record CodePolicy(
    Set<Check> allowed, boolean cooperativeTimeouts, boolean functionEnvironment) {

  /** What function code may not do unless its policy allows it. */
  public enum Check {
    /** {@code Runtime.exec}, {@code ProcessBuilder.start}: starts processes outside the limits. */
    PROCESS,
    /** {@code Runtime.addShutdownHook}: pins the class loader until the JVM exits. */
    SHUTDOWN_HOOK,
    /**
     * {@code System.load}, {@code System.loadLibrary} and the {@code Runtime} forms: native code.
     */
    NATIVE_CODE,
    /** {@code System.setOut}, {@code setErr}, {@code setIn}: replaces the host's streams. */
    STANDARD_STREAMS,
    /** {@code System.setSecurityManager}: fails on JDK 24 and later and signals sandbox escapes. */
    SECURITY_MANAGER,
    /** {@code sun.misc.Unsafe} and {@code jdk.internal.misc.Unsafe}: raw memory access. */
    UNSAFE,
    /** {@code MethodHandles.privateLookupIn}: deep reflection into other code. */
    PRIVATE_LOOKUP
  }

  /**
   * One forbidden use in one class: what the policy found when the class was first defined.
   *
   * @param className the class, as a binary name ({@code com.acme.Handler})
   * @param method the method's name and descriptor, for example {@code handle(Ljava/lang/String;)V}
   * @param line the source line, or -1 when the class has no line numbers
   * @param target what is used, for example {@code java.lang.Runtime.exec(java.lang.String)}
   * @param check the policy check it breaks
   * @param reason why the check forbids it
   */
  public record Finding(
      String className, String method, int line, String target, Check check, String reason) {

    /** Checks that no component is null. */
    public Finding {
      requireNonNull(className, "className");
      requireNonNull(method, "method");
      requireNonNull(target, "target");
      requireNonNull(check, "check");
      requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return className
          + "."
          + method
          + (line >= 0 ? " line " + line : "")
          + ": "
          + target
          + " ("
          + check
          + ": "
          + reason
          + ")";
    }
  }

  /** Checks the components and copies the set. */
  public CodePolicy {
    requireNonNull(allowed, "allowed");
    allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
  }

  /**
   * Returns the default policy: every check enforced, cooperative timeouts and the function
   * environment on.
   *
   * @return the policy
   */
  public static CodePolicy defaults() {
    return new CodePolicy(Set.of(), true, true);
  }

  /**
   * Returns a policy that neither checks nor rewrites anything: classes are defined as they are.
   *
   * @return the policy
   */
  public static CodePolicy unchecked() {
    return new CodePolicy(EnumSet.allOf(Check.class), false, false);
  }

  /**
   * Returns this policy with more checks allowed.
   *
   * @param checks the checks to stop enforcing
   * @return a new policy
   */
  public CodePolicy allow(Check... checks) {
    EnumSet<Check> all = EnumSet.noneOf(Check.class);
    all.addAll(allowed);
    all.addAll(Arrays.asList(checks));
    return new CodePolicy(all, cooperativeTimeouts, functionEnvironment);
  }

  /**
   * Returns this policy with cooperative timeouts turned on or off.
   *
   * @param enabled whether function code checks its deadline
   * @return a new policy
   */
  public CodePolicy withCooperativeTimeouts(boolean enabled) {
    return new CodePolicy(allowed, enabled, functionEnvironment);
  }

  /**
   * Returns this policy with the function environment turned on or off.
   *
   * @param enabled whether {@code System.getenv} sees the function's variables
   * @return a new policy
   */
  public CodePolicy withFunctionEnvironment(boolean enabled) {
    return new CodePolicy(allowed, cooperativeTimeouts, enabled);
  }

  /**
   * Returns whether a check is enforced.
   *
   * @param check the check
   * @return true unless the policy allows it
   */
  public boolean enforces(Check check) {
    return !allowed.contains(check);
  }
}
