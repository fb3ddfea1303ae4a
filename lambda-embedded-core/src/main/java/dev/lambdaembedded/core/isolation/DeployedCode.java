/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.core.execution.CodeLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The code of one deployed function version: its unpacked archive and its layers, from which each
 * execution environment gets a class loader of its own.
 *
 * <p>Counted: the registry holds it while the version is registered, each open environment loader
 * while its environment lives; when the last lets go, the archive is deleted and the layers are
 * released.
 */
public final class DeployedCode implements CodeLoader {
  private final CodeBundle code;
  private volatile List<LayerVersion> layers;
  private volatile List<LayerClassLoader> layerLoaders;
  private final Isolation isolation;
  private final String functionName;
  private final String version;
  private final String loaderPrefix;
  private final AtomicInteger users = new AtomicInteger(1);

  DeployedCode(
      CodeBundle code,
      List<LayerVersion> layers,
      Isolation isolation,
      String functionName,
      String version) {
    this.code = code;
    this.layers = List.copyOf(layers);
    this.layerLoaders = layers.stream().map(LayerVersion::loader).toList();
    this.isolation = isolation;
    this.functionName = functionName;
    this.version = version;
    this.loaderPrefix = "fn." + functionName + "." + version.replace("$", "") + ".";
  }

  @Override
  public ClassLoader open(String environment, Map<String, String> variables, IntConsumer onExit) {
    users.incrementAndGet();
    return new FunctionClassLoader(
        loaderPrefix + isolation.nextLoaderNumber(),
        functionName,
        version,
        environment,
        code,
        layerLoaders,
        isolation.shared(),
        isolation.classPolicy(),
        variables,
        onExit);
  }

  @Override
  public void release(ClassLoader loader) {
    FunctionClassLoader own = (FunctionClassLoader) loader;
    release(); // first: closing and deleting the code takes a while, and the loader is tracked last
    isolation.unloads().releaseFunction(own);
  }

  /** Called by the registry when the version is no longer registered. */
  public void close() {
    release();
  }

  /**
   * Returns this code with other layers, sharing the unpacked archive: a configuration update.
   *
   * @param newLayers the layers of the new configuration
   * @return the code; the caller closes it when done
   */
  DeployedCode withLayers(List<LayerVersion> newLayers) {
    code.retain();
    newLayers.forEach(LayerVersion::retainForFunction);
    return new DeployedCode(code, newLayers, isolation, functionName, version);
  }

  /**
   * Returns this code for a published version, sharing the unpacked archive and the layers; its
   * environments' loaders are named after the version.
   *
   * @param newVersion the version number
   * @return the code; the registry closes it when the version is deleted
   */
  public DeployedCode forVersion(String newVersion) {
    code.retain();
    List<LayerVersion> used = layers;
    used.forEach(LayerVersion::retainForFunction);
    return new DeployedCode(code, used, isolation, functionName, newVersion);
  }

  /**
   * Returns the SHA-256 of the deployed archive, base64-encoded as Lambda reports it.
   *
   * @return the hash
   */
  public String codeSha256() {
    return code.sha256();
  }

  /**
   * Returns the deployed archive's size (for a directory, its files' total size).
   *
   * @return bytes
   */
  public long codeSize() {
    return code.codeSize();
  }

  CodeBundle code() {
    return code;
  }

  private void release() {
    if (users.decrementAndGet() == 0) {
      code.release();
      List<LayerVersion> used = layers;
      // the registry may keep this object after close: it must not keep the layers' loaders
      layers = List.of();
      layerLoaders = List.of();
      used.forEach(LayerVersion::releaseForFunction);
    }
  }

  @Override
  public String toString() {
    return "DeployedCode[" + functionName + ":" + version + ", " + layers.size() + " layers]";
  }
}
