/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Function code of the sample host: the event and response records and a handler class the runtime
 * loads by name from the host's classpath.
 */
@NullMarked
package dev.lambdaembedded.samples.functions;

import org.jspecify.annotations.NullMarked;
