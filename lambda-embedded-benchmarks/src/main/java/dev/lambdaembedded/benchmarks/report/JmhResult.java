/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;

/**
 * One benchmark result of a JMH JSON results file ({@code -rf json}): one method with one set of
 * parameters.
 *
 * @param benchmark the class and method, such as {@code InvokeBenchmark.invoke}
 * @param config the value of the {@code config} parameter, or empty
 * @param mode JMH's mode: {@code avgt}, {@code sample}, {@code thrpt}
 * @param threads benchmark threads
 * @param score the primary score
 * @param error the 99.9% confidence half-width; NaN when JMH could not compute one
 * @param unit the score's unit
 * @param bytesPerOp {@code gc.alloc.rate.norm} when the run used {@code -prof gc}
 * @param bytesPerOpError its error
 * @param percentiles the score's percentiles in sample mode, keyed like {@code 50.0}
 * @param jvmArgs the forked JVM's extra arguments
 * @param jmhVersion the JMH version
 * @param vm the JVM name and version
 * @param params every JMH parameter as {@code name=value}, comma-separated
 */
record JmhResult(
    String benchmark,
    Optional<String> config,
    String mode,
    int threads,
    double score,
    double error,
    String unit,
    OptionalDouble bytesPerOp,
    double bytesPerOpError,
    Map<String, Double> percentiles,
    List<String> jvmArgs,
    String jmhVersion,
    String vm,
    String params) {

  /**
   * Reads every result of a JMH JSON file's root array.
   *
   * @param root the parsed file
   * @return the results, in file order
   */
  static List<JmhResult> readAll(JsonNode root) {
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode node : root.values()) {
      results.add(read(node));
    }
    return results;
  }

  private static JmhResult read(JsonNode node) {
    String benchmark = node.path("benchmark").asString("");
    int methodDot = benchmark.lastIndexOf('.');
    int classDot = methodDot > 0 ? benchmark.lastIndexOf('.', methodDot - 1) : -1;
    String shortName = benchmark.substring(classDot + 1);

    JsonNode primary = node.path("primaryMetric");
    Map<String, Double> percentiles = new LinkedHashMap<>();
    primary
        .path("scorePercentiles")
        .forEachEntry((key, value) -> percentiles.put(key, number(value)));

    JsonNode norm = node.path("secondaryMetrics").path("gc.alloc.rate.norm");
    OptionalDouble bytes =
        norm.isMissingNode()
            ? OptionalDouble.empty()
            : OptionalDouble.of(number(norm.path("score")));

    List<String> jvmArgs = new ArrayList<>();
    for (JsonNode arg : node.path("jvmArgs").values()) {
      jvmArgs.add(arg.asString(""));
    }
    JsonNode config = node.path("params").path("config");
    return new JmhResult(
        shortName,
        config.isMissingNode() ? Optional.empty() : Optional.of(config.asString("")),
        node.path("mode").asString(""),
        node.path("threads").asInt(1),
        number(primary.path("score")),
        number(primary.path("scoreError")),
        primary.path("scoreUnit").asString(""),
        bytes,
        norm.isMissingNode() ? Double.NaN : number(norm.path("scoreError")),
        percentiles,
        jvmArgs,
        node.path("jmhVersion").asString(""),
        node.path("vmName").asString("") + " " + node.path("vmVersion").asString(""),
        params(node.path("params")));
  }

  private static String params(JsonNode params) {
    List<String> pairs = new ArrayList<>();
    params.forEachEntry((key, value) -> pairs.add(key + "=" + value.asString("")));
    return String.join(", ", pairs);
  }

  /** JMH writes numbers, and the strings "NaN" or "Infinity" where it has no number. */
  private static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    try {
      return Double.parseDouble(node.asString("NaN"));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Returns the method name, such as {@code invoke}.
   *
   * @return the name after the last dot
   */
  String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /**
   * Returns the configuration shown in tables: the parameter, or a dash.
   *
   * @return the label
   */
  String configLabel() {
    return config.orElse("—");
  }

  /**
   * Returns a percentile of a sample-mode result.
   *
   * @param key such as {@code 50.0}
   * @return the value, or NaN
   */
  double percentile(String key) {
    Double value = percentiles.get(key);
    return value == null ? Double.NaN : value;
  }
}
