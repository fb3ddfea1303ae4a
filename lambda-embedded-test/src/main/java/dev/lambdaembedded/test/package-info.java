/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The lambda-embedded test kit: function jars built from in-memory sources ({@link
 * dev.lambdaembedded.test.FunctionJar}) and a context for calling handlers directly ({@link
 * dev.lambdaembedded.test.TestContext}).
 */
@NullMarked
package dev.lambdaembedded.test;

import org.jspecify.annotations.NullMarked;
