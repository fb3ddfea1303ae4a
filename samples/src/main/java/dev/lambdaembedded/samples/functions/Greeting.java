/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.functions;

import org.jspecify.annotations.Nullable;

/**
 * The event of the greeting functions: whom to greet, decoded from {@code {"name":"Ada"}}.
 *
 * @param name the name; {@code null} when the event has none
 */
public record Greeting(@Nullable String name) {}
