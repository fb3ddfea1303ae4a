/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The handler of {@link dev.lambdaembedded.benchmarks.RegistrationBenchmark}'s fat jars: the
 * benchmark copies its class file into a jar beside the classes of real libraries.
 */
@NullMarked
package dev.lambdaembedded.benchmarks.registration;

import org.jspecify.annotations.NullMarked;
