/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The README's Java examples, each in a file of its own whose imports are exactly the example's:
 * {@code ReadmeSnippetTest} checks that every Java block of the README is a file's imports and its
 * tagged region, so every example compiles with the types it names.
 */
@NullMarked
package dev.lambdaembedded.samples.readme;

import org.jspecify.annotations.NullMarked;
