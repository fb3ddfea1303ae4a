/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.core.isolation.bytecode.CodeVerifier;
import dev.lambdaembedded.core.isolation.bytecode.Instrumenter;
import dev.lambdaembedded.core.observe.Loggers;
import java.lang.classfile.ClassHierarchyResolver;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The load-time step every class of deployed code passes when it is first defined in an
 * environment: checked against its policy, then rewritten. The verdict is kept per deployment, so
 * each class is checked once and its environments share the bytes (or the refusal).
 */
interface ClassPolicy {

  /** What a class of deployed code becomes. */
  sealed interface Prepared {
    /**
     * The class passes: define these bytes.
     *
     * @param bytes the rewritten class file, never modified
     */
    @SuppressWarnings("ArrayRecordComponent") // internal; never compared, hashed or changed
    record Defined(byte[] bytes) implements Prepared {}

    /**
     * The class is not defined.
     *
     * @param findings what the policy forbids in it; empty if the class could not be rewritten
     * @param message the whole explanation, naming class, method, line, check and the way out
     */
    record Refused(List<CodePolicy.Finding> findings, String message) implements Prepared {}
  }

  /**
   * Checks a class against the policy and rewrites it.
   *
   * @param binaryName the class
   * @param classBytes the class file as deployed
   * @param policy the policy
   * @param resolver the class hierarchy for the rewrite's stack maps
   * @return the bytes to define, or the refusal
   */
  Prepared prepare(
      String binaryName, byte[] classBytes, CodePolicy policy, ClassHierarchyResolver resolver);

  /**
   * The policy step itself: {@link CodeVerifier} checks, {@link Instrumenter} rewrites. A class the
   * full rewrite cannot handle (a method pushed past 64 KB, stack maps needing a class nobody can
   * find) is rewritten again without deadline checks, with a warning; a class that cannot be
   * rewritten at all is refused, since its exit calls would stop the host's JVM.
   */
  ClassPolicy BYTECODE =
      (binaryName, classBytes, policy, resolver) -> {
        List<CodePolicy.Finding> findings = CodeVerifier.verify(classBytes, policy);
        if (!findings.isEmpty()) {
          return new Prepared.Refused(findings, refusal(binaryName, findings));
        }
        try {
          return new Prepared.Defined(Instrumenter.instrument(classBytes, policy, resolver));
        } catch (IllegalArgumentException full) {
          try {
            byte[] bytes =
                Instrumenter.instrument(
                    classBytes, policy.withCooperativeTimeouts(false), resolver);
            Loggers.get(Loggers.RUNTIME)
                .warn(
                    "Class {} is defined without deadline checks: {}",
                    binaryName,
                    full.getMessage());
            return new Prepared.Defined(bytes);
          } catch (IllegalArgumentException e) {
            return new Prepared.Refused(
                List.of(),
                "Class "
                    + binaryName
                    + " is not defined: it cannot be rewritten to run inside the host ("
                    + e.getMessage()
                    + ")");
          }
        }
      };

  /** The explanation of a refused class: every finding, then the way to allow them. */
  static String refusal(String binaryName, List<CodePolicy.Finding> findings) {
    String checks =
        findings.stream()
            .map(finding -> "CodePolicy.Check." + finding.check().name())
            .distinct()
            .collect(Collectors.joining(", "));
    return "Class "
        + binaryName
        + " is not defined: the function's code policy forbids what it uses ("
        + findings.size()
        + (findings.size() == 1 ? " finding" : " findings")
        + "):\n"
        + findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n"))
        + "\nTo allow it, deploy the code with"
        + " FunctionCode.deployed(...).withPolicy(CodePolicy.defaults().allow("
        + checks
        + "))";
  }
}
