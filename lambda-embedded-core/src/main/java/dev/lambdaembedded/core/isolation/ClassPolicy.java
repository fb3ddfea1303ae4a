/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.CodeVerificationFailedException;
import dev.lambdaembedded.api.config.CodePolicy;
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

  /** The policy step used until the bytecode package lands: checks nothing, rewrites nothing. */
  ClassPolicy NONE =
      new ClassPolicy() {
        @Override
        public List<CodeVerificationFailedException.Finding> verify(
            byte[] classBytes, CodePolicy policy) {
          return List.of();
        }

        @Override
        public byte[] prepare(byte[] classBytes, CodePolicy policy, ClassLoader loader) {
          return classBytes;
        }
      };
}
