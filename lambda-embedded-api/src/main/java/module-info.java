/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import org.jspecify.annotations.NullMarked;

/**
 * The lambda-embedded API: the types that function code and host code compile against.
 *
 * <p>This module has no runtime dependencies beyond the JDK, so a function jar that depends on it
 * carries nothing else. The runtime that implements it lives in {@code dev.lambdaembedded.core}.
 */
@NullMarked
module dev.lambdaembedded.api {
  requires static transitive org.jspecify;

  exports dev.lambdaembedded.api;
  exports dev.lambdaembedded.api.config;
  exports dev.lambdaembedded.api.handler;
  exports dev.lambdaembedded.api.spi;
}
