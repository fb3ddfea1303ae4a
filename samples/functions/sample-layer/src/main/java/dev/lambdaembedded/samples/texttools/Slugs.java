/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.texttools;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns titles into URL slugs: {@code "Hello, Wörld!"} becomes {@code "hello-world"}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Slugs {

  /** The version of text-tools, which a function can report to show which layer it runs with. */
  public static final String VERSION = "1.0";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
  private static final Pattern EDGE_HYPHENS = Pattern.compile("^-|-$");

  private Slugs() {}

  /**
   * Returns the slug of a text: accents dropped, lower case, every run of other characters than
   * {@code a-z} and {@code 0-9} replaced by one hyphen, no hyphen at either end.
   *
   * @param text the text
   * @return the slug; empty if the text has no letter or digit
   * @throws NullPointerException if the text is null
   */
  public static String slugify(String text) {
    requireNonNull(text, "text");
    String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    String hyphenated = SEPARATORS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-");
    return EDGE_HYPHENS.matcher(hyphenated).replaceAll("");
  }
}
