/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON result files the measurement programs write for the benchmark report. */
final class ResultFiles {
  private ResultFiles() {}

  /**
   * Writes a report as indented JSON, creating the file's directory if needed.
   *
   * @param report a record of the results
   * @param output the file
   */
  static void write(Object report, Path output) throws IOException {
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(output, mapper.writeValueAsBytes(report));
  }
}
