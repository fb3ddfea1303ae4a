/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.CodeVerificationFailedException;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.core.isolation.bytecode.CodeVerifier;
import dev.lambdaembedded.core.isolation.bytecode.Instrumenter;
import dev.lambdaembedded.core.observe.Loggers;
import java.util.List;

/**
 * The load-time step every class of deployed code passes: checked at registration, rewritten when
 * defined.
 */
interface ClassPolicy {

  /**
   * Checks a class against the policy.
   *
   * @param classBytes the class file
   * @param policy the policy
   * @return every finding, empty if the class passes
   */
  List<CodeVerificationFailedException.Finding> verify(byte[] classBytes, CodePolicy policy);

  /**
   * Rewrites a class for the policy before it is defined.
   *
   * @param classBytes the class file
   * @param policy the policy
   * @param loader the loader that will define it, to resolve the class hierarchy
   * @return the bytes to define
   */
  byte[] prepare(byte[] classBytes, CodePolicy policy, ClassLoader loader);

  /**
   * The policy step itself: {@link CodeVerifier} checks, {@link Instrumenter} rewrites. A class the
   * rewrite cannot handle (its stack maps need a class nobody can find) is defined as it is, with a
   * warning naming it, rather than failing a function whose code the JVM would accept.
   */
  ClassPolicy BYTECODE =
      new ClassPolicy() {
        @Override
        public List<CodeVerificationFailedException.Finding> verify(
            byte[] classBytes, CodePolicy policy) {
          return CodeVerifier.verify(classBytes, policy);
        }

        @Override
        public byte[] prepare(byte[] classBytes, CodePolicy policy, ClassLoader loader) {
          try {
            return Instrumenter.instrument(classBytes, policy, Instrumenter.resolverFor(loader));
          } catch (IllegalArgumentException e) {
            Loggers.get(Loggers.RUNTIME)
                .warn(
                    "A class of {} is defined without cooperative checks: {}",
                    loader.getName(),
                    e.getMessage());
            return classBytes;
          }
        }
      };
}
