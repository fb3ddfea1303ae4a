/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.LayerVersionInfo;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodeSource;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import java.nio.file.Path;
import java.util.List;

/** The README's deployed-code example; it needs the jars, so it is compiled, not run. */
final class DeployedCode {
  private DeployedCode() {}

  static void deploy(FunctionRuntime runtime) {
    // tag::deployed[]
    LayerVersionInfo textTools =
        runtime
            .layers()
            .publishLayerVersion(
                "text-tools", CodeSource.of(Path.of("text-tools.jar")), List.of("java25"), "slugs");
    runtime
        .registry()
        .create(
            FunctionConfig.builder("slugify")
                .handler("com.acme.SlugHandler::handleRequest")
                .environmentVariable("GREETING", "Ahoy") // the function's System.getenv
                .layers(textTools.layerVersionArn())
                .build(),
            FunctionCode.deployed(Path.of("shout.jar"))); // or a zip, a directory, zip bytes

    // one check relaxed for one function, whose code may use sun.misc.Unsafe
    runtime
        .registry()
        .create(
            FunctionConfig.builder("fast").handler("com.acme.Fast::handle").build(),
            FunctionCode.deployed(Path.of("fast.jar"))
                .withPolicy(CodePolicy.defaults().allow(CodePolicy.Check.UNSAFE)));
    // end::deployed[]
  }
}
