/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Types that function code implements and receives: {@link
 * dev.lambdaembedded.api.handler.RequestHandler}, {@link
 * dev.lambdaembedded.api.handler.StreamHandler}, the invocation {@link
 * dev.lambdaembedded.api.handler.Context}, its logger, and the optional {@link
 * dev.lambdaembedded.api.handler.Lifecycle} hooks for the init and shutdown phases.
 */
@NullMarked
package dev.lambdaembedded.api.handler;

import org.jspecify.annotations.NullMarked;
