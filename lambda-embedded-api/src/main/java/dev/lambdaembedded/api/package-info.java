/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The host-facing API: {@link dev.lambdaembedded.api.FunctionRuntime}, its {@link
 * dev.lambdaembedded.api.FunctionRegistry}, invocation requests and results, and the exceptions
 * with which the runtime refuses a request, named after AWS Lambda's.
 *
 * <p>A runtime is created by the core module's {@code LambdaRuntime.builder()}; everything a host
 * touches afterwards is declared here.
 */
@NullMarked
package dev.lambdaembedded.api;

import org.jspecify.annotations.NullMarked;
