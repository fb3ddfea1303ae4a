/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Service-provider interfaces a host implements to plug its own infrastructure into the runtime:
 * the {@link dev.lambdaembedded.api.spi.TimeSource} the runtime reads time from and the {@link
 * dev.lambdaembedded.api.spi.LogSink} that receives every function's log lines.
 */
@NullMarked
package dev.lambdaembedded.api.spi;

import org.jspecify.annotations.NullMarked;
