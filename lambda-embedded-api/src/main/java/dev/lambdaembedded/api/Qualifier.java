/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an invocation names: a function, and optionally a version or alias of it, as on Lambda.
 *
 * <p>Text forms accepted by {@link #parse(String)}: {@code name}, {@code name:$LATEST}, {@code
 * name:7} (a published version), {@code name:live} (an alias), and the ARN forms {@code
 * arn:aws:lambda:<region>:<account>:function:name[:qualifier]} and {@code
 * <account>:function:name[:qualifier]}. A plain name means {@code $LATEST}.
 *
 * @param functionName the function's name
 * @param qualifier the version ({@code $LATEST} or digits) or alias, if one was named
 */
public record Qualifier(String functionName, Optional<String> qualifier) {

  /** The qualifier of a function's mutable, unpublished version. */
  public static final String LATEST = "$LATEST";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,128}");
  private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern PARTITION = Pattern.compile("aws[a-zA-Z-]*");

  /**
   * Checks the name and qualifier against Lambda's rules.
   *
   * @throws InvalidParameterValueException if the name or qualifier is malformed
   */
  public Qualifier {
    requireNonNull(functionName, "functionName");
    requireNonNull(qualifier, "qualifier");
    if (!NAME.matcher(functionName).matches()) {
      throw InvalidParameterValueException.of(
          "functionName",
          functionName,
          "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length between"
              + " 1 and 64");
    }
    qualifier.ifPresent(
        q -> {
          if (!q.equals(LATEST) && !VERSION.matcher(q).matches() && !ALIAS.matcher(q).matches()) {
            throw InvalidParameterValueException.of(
                "qualifier",
                q,
                "Member must be $LATEST, a version number or an alias name matching"
                    + " (?!^[0-9]+$)([a-zA-Z0-9-_]+), of length 1 to 128");
          }
        });
  }

  /**
   * Returns the qualifier naming a function's {@code $LATEST}.
   *
   * @param functionName the function's name
   * @return the qualifier
   * @throws InvalidParameterValueException if the name is malformed
   */
  public static Qualifier of(String functionName) {
    return new Qualifier(functionName, Optional.empty());
  }

  /**
   * Returns the qualifier naming a version or alias of a function.
   *
   * @param functionName the function's name
   * @param qualifier {@code $LATEST}, a version number or an alias name
   * @return the qualifier
   * @throws InvalidParameterValueException if the name or qualifier is malformed
   */
  public static Qualifier of(String functionName, String qualifier) {
    return new Qualifier(functionName, Optional.of(qualifier));
  }

  /**
   * Parses a qualifier from its text form.
   *
   * @param text {@code name}, {@code name:qualifier} or an ARN form
   * @return the qualifier
   * @throws InvalidParameterValueException if the text is not one of the accepted forms
   */
  public static Qualifier parse(String text) {
    requireNonNull(text, "text");
    String[] parts = text.split(":", -1);
    return switch (parts.length) {
      case 1 -> of(parts[0]);
      case 2 -> of(parts[0], parts[1]);
      case 3, 4 -> {
        if (!ACCOUNT.matcher(parts[0]).matches() || !parts[1].equals("function")) {
          throw malformed(text);
        }
        yield parts.length == 3 ? of(parts[2]) : of(parts[2], parts[3]);
      }
      case 7, 8 -> {
        if (!parts[0].equals("arn")
            || !PARTITION.matcher(parts[1]).matches()
            || !parts[2].equals("lambda")
            || parts[3].isEmpty()
            || !ACCOUNT.matcher(parts[4]).matches()
            || !parts[5].equals("function")) {
          throw malformed(text);
        }
        yield parts.length == 7 ? of(parts[6]) : of(parts[6], parts[7]);
      }
      default -> throw malformed(text);
    };
  }

  private static InvalidParameterValueException malformed(String text) {
    return InvalidParameterValueException.of(
        "functionName",
        text,
        "Member must be a function name, name:qualifier, or a function ARN"
            + " arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]");
  }

  /**
   * Returns whether this qualifier names {@code $LATEST}, explicitly or by naming no qualifier.
   *
   * @return {@code true} for {@code $LATEST}
   */
  public boolean isLatest() {
    return qualifier.isEmpty() || qualifier.get().equals(LATEST);
  }

  /**
   * Returns {@code name} or {@code name:qualifier}.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    return qualifier.map(q -> functionName + ":" + q).orElse(functionName);
  }
}
