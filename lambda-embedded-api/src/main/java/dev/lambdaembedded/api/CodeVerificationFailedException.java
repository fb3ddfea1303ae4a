/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.CodePolicy;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Deployed code was refused because classes in it break the {@link CodePolicy}; nothing was
 * registered. Lambda answers with this error code when code fails its signature checks; here the
 * checks are the load-time bytecode policy, and every finding is listed.
 */
public final class CodeVerificationFailedException extends LambdaException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable list of records
  private final List<Finding> findings;

  /**
   * Creates the refusal.
   *
   * @param resource the function or layer whose code was refused
   * @param findings every finding, at least one
   */
  public CodeVerificationFailedException(String resource, List<Finding> findings) {
    super(message(resource, findings), requireNonNull(resource, "resource"), true);
    this.findings = List.copyOf(findings);
  }

  private static String message(String resource, List<Finding> findings) {
    return "The code of "
        + resource
        + " breaks the code policy ("
        + findings.size()
        + (findings.size() == 1 ? " finding" : " findings")
        + "):\n"
        + findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n"));
  }

  /**
   * Returns every finding, in the order the classes were read.
   *
   * @return an immutable list
   */
  public List<Finding> findings() {
    return findings;
  }

  @Override
  public int statusCode() {
    return 400;
  }

  /**
   * One forbidden use in one class.
   *
   * @param className the class, as a binary name ({@code com.acme.Handler})
   * @param method the method's name and descriptor, for example {@code handle(Ljava/lang/String;)V}
   * @param line the source line, or -1 when the class has no line numbers
   * @param target what is used, for example {@code java.lang.System.exit(int)}
   * @param check the policy check it breaks
   * @param reason why it is refused
   */
  public record Finding(
      String className,
      String method,
      int line,
      String target,
      CodePolicy.Check check,
      String reason) {

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
}
