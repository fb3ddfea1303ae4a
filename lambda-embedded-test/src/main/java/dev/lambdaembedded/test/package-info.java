/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The lambda-embedded test kit: JUnit 5 support for testing Lambda handlers and hosts in one JVM,
 * without Docker.
 *
 * <ul>
 *   <li>event argument sources for {@code @ParameterizedTest} ({@link
 *       dev.lambdaembedded.test.Event}, {@link dev.lambdaembedded.test.Events}), an {@link
 *       dev.lambdaembedded.test.EventLoader} for plain tests, and {@link
 *       dev.lambdaembedded.test.SampleEvents}, sample events in the shapes Lambda delivers;
 *   <li>function jars built from in-memory sources ({@link dev.lambdaembedded.test.FunctionJar});
 *   <li>a context for calling handlers directly ({@link dev.lambdaembedded.test.TestContext}).
 * </ul>
 */
@NullMarked
package dev.lambdaembedded.test;

import org.jspecify.annotations.NullMarked;
