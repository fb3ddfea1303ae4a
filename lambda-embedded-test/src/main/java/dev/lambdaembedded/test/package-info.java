/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * JUnit 5 support for testing Lambda handlers and hosts in one JVM: event argument sources for
 * {@code @ParameterizedTest} ({@link dev.lambdaembedded.test.Event}, {@link
 * dev.lambdaembedded.test.Events}), an {@link dev.lambdaembedded.test.EventLoader} for plain tests,
 * and {@link dev.lambdaembedded.test.SampleEvents}, sample events in the shapes Lambda delivers.
 */
@NullMarked
package dev.lambdaembedded.test;

import org.jspecify.annotations.NullMarked;
