/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.coldstart;

import dev.lambdaembedded.benchmarks.PluginLoadBenchmark;
import org.pf4j.Extension;

/**
 * The PF4J extension {@link PluginLoadBenchmark} loads: {@link ColdStartHandler}'s code as a plugin
 * extension, with the same three helper classes, so that the plugin jar and the function jar hold
 * the same number of classes of about the same size.
 */
@Extension
public final class ShoutExtension implements PluginLoadBenchmark.Shout {
  private final Shouter shouter = new Shouter(new Prefix("cold"));

  /** Creates the extension; PF4J calls this once per loaded plugin, on the first lookup. */
  public ShoutExtension() {}

  @Override
  public String shout(String input) {
    return shouter.shout(input, Invocations.next());
  }
}
