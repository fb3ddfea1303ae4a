/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A published layer version, as Lambda's {@code GetLayerVersion} describes it.
 *
 * @param layerName the layer's name
 * @param version the version number, from 1
 * @param layerArn the layer's ARN, {@code arn:aws:lambda:<region>:<account>:layer:<name>}
 * @param layerVersionArn the version's ARN, the layer ARN followed by {@code :<version>}; the value
 *     a function lists in its configuration's {@code layers}
 * @param description the description given when publishing
 * @param compatibleRuntimes the runtimes given when publishing
 * @param codeSize the archive's size in bytes (for a directory, the total size of its files)
 * @param unzippedSize the size of the layer's files, counted against the 250 MB function limit
 * @param codeSha256 the SHA-256 of the archive, base64-encoded as Lambda reports it
 * @param createdDate when the version was published
 */
public record LayerVersionInfo(
    String layerName,
    long version,
    String layerArn,
    String layerVersionArn,
    String description,
    List<String> compatibleRuntimes,
    long codeSize,
    long unzippedSize,
    String codeSha256,
    Instant createdDate) {

  /** Checks that no component is null and copies the list. */
  public LayerVersionInfo {
    requireNonNull(layerName, "layerName");
    requireNonNull(layerArn, "layerArn");
    requireNonNull(layerVersionArn, "layerVersionArn");
    requireNonNull(description, "description");
    compatibleRuntimes = List.copyOf(compatibleRuntimes);
    requireNonNull(codeSha256, "codeSha256");
    requireNonNull(createdDate, "createdDate");
  }
}
