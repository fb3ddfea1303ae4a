/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. Jackson 3 codecs for events and
 * responses, one mapper per function version, with AWS Lambda's lenient reading rules.
 */
@NullMarked
package dev.lambdaembedded.core.json;

import org.jspecify.annotations.NullMarked;
