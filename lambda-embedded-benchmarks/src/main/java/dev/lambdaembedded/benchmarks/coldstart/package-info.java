/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The function code of {@link dev.lambdaembedded.benchmarks.ColdStartBenchmark}: a handler and the
 * few classes its first invocation loads. The benchmark copies their class files into a jar and
 * deploys it, so each execution environment loads them anew in a class loader of its own. {@link
 * dev.lambdaembedded.benchmarks.PluginLoadBenchmark} packages the same helpers with {@link
 * dev.lambdaembedded.benchmarks.coldstart.ShoutExtension} in place of the handler as a PF4J plugin.
 */
@NullMarked
package dev.lambdaembedded.benchmarks.coldstart;

import org.jspecify.annotations.NullMarked;
