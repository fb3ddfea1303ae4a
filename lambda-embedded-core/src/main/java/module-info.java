/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import org.jspecify.annotations.NullMarked;

/**
 * The lambda-embedded runtime. Hosts use only {@code dev.lambdaembedded.core.LambdaRuntime}, which
 * builds a {@link dev.lambdaembedded.api.FunctionRuntime}; every other package is internal.
 */
@NullMarked
module dev.lambdaembedded.core {
  requires transitive dev.lambdaembedded.api;
  requires tools.jackson.databind;
  requires com.google.common;
  requires org.slf4j;
  requires jdk.management;
  requires static transitive org.jspecify;

  // observe.Loggers looks for an SLF4J provider, to write to System.Logger when there is none
  uses org.slf4j.spi.SLF4JServiceProvider;

  exports dev.lambdaembedded.core;
  // Instrumented function code calls the hooks in this package; it is no API for hosts.
  exports dev.lambdaembedded.core.guard;
}
