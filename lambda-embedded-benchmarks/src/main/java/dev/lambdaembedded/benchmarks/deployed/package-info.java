/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Handlers that the measurement programs deploy from a jar of their own classes, so that they run
 * as deployed code does (own class loader, rewritten bytecode) and not as inline code: handlers
 * that ignore their deadline in the ways a real one might, and a busy one.
 */
@NullMarked
package dev.lambdaembedded.benchmarks.deployed;

import org.jspecify.annotations.NullMarked;
