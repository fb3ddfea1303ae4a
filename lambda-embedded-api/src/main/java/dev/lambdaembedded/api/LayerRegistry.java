/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodeSource;
import java.util.List;
import java.util.Optional;

/**
 * The layers a runtime knows: immutable, numbered versions of shared code, like Lambda's layers.
 *
 * <p>Each version gets one class loader, shared by every function that lists it, so a layer's
 * classes are loaded once. Classes of a layer see the layer itself, the Java platform, the
 * lambda-embedded API and the runtime's shared packages; not the functions that use it, and not
 * other layers.
 *
 * <p>Thread-safe.
 */
public interface LayerRegistry {

  /** The longest layer name. */
  int MAX_LAYER_NAME_LENGTH = 140;

  /** The most compatible runtimes a layer version may list. */
  int MAX_COMPATIBLE_RUNTIMES = 15;

  /**
   * Publishes a new version of a layer, numbered one above the layer's last (starting at 1; numbers
   * are never reused), under the default {@link CodePolicy}.
   *
   * @param layerName the layer's name: 1 to 140 characters of {@code [a-zA-Z0-9-_]}
   * @param content the layer's code: a zip with {@code java/lib/*.jar}, or a plain jar
   * @param compatibleRuntimes informational runtime identifiers such as {@code java25}, at most 15
   * @param description free text, at most 256 characters
   * @return the new version
   * @throws InvalidParameterValueException if a parameter breaks its rule, or the archive is not a
   *     zip, holds an unsafe path, exceeds a size limit or holds no classes
   * @throws IllegalStateException if the runtime is closed
   */
  default LayerVersionInfo publishLayerVersion(
      String layerName, CodeSource content, List<String> compatibleRuntimes, String description) {
    return publishLayerVersion(
        layerName, content, compatibleRuntimes, description, CodePolicy.defaults());
  }

  /**
   * Publishes a new version of a layer whose classes are checked under the given policy; see {@link
   * #publishLayerVersion(String, CodeSource, List, String)}. Only the policy's checks apply to
   * layer code; its rewrites apply to function code.
   *
   * @param layerName the layer's name
   * @param content the layer's code
   * @param compatibleRuntimes informational runtime identifiers, at most 15
   * @param description free text, at most 256 characters
   * @param policy the checks applied to the layer's classes
   * @return the new version
   */
  LayerVersionInfo publishLayerVersion(
      String layerName,
      CodeSource content,
      List<String> compatibleRuntimes,
      String description,
      CodePolicy policy);

  /**
   * Returns a layer version.
   *
   * @param layerName the layer's name
   * @param version the version number
   * @return the version, or empty if it does not exist or was deleted
   */
  Optional<LayerVersionInfo> getLayerVersion(String layerName, long version);

  /**
   * Returns a layer's versions, newest first.
   *
   * @param layerName the layer's name
   * @return an immutable list, empty if there is no such layer
   */
  List<LayerVersionInfo> listLayerVersions(String layerName);

  /**
   * Returns the latest version of every layer, ordered by layer name.
   *
   * @return an immutable list
   */
  List<LayerVersionInfo> listLayers();

  /**
   * Deletes a layer version. Unlike Lambda, which lets functions keep a deleted version, a version
   * some function still lists cannot be deleted: its code must stay until no function uses it.
   *
   * @param layerName the layer's name
   * @param version the version number
   * @throws ResourceNotFoundException if there is no such version
   * @throws ResourceConflictException if a function lists the version
   * @throws IllegalStateException if the runtime is closed
   */
  void deleteLayerVersion(String layerName, long version);
}
