/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.LayerRegistry;
import dev.lambdaembedded.api.LayerVersionInfo;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodeSource;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.internal.IsolationSettings;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.observe.Loggers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The runtime's deployed code: unpacks and checks function code and layers, keeps the layer
 * versions, hands each environment its class loader and verifies that released loaders unload.
 *
 * <p>Thread-safe. Layer changes take a lock; opening a loader for an environment does not.
 */
public final class Isolation implements LayerRegistry {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);
  private static final Pattern LAYER_NAME = Pattern.compile("[a-zA-Z0-9-_]+");

  private final RuntimeSettings settings;
  private final IsolationSettings isolation;
  private final SharedClasses shared;
  private final ClassPolicy classPolicy;
  private final Unloads unloads;
  private final AtomicLong loaderNumbers = new AtomicLong();
  private final Object lock = new Object();
  private final Map<String, NavigableMap<Long, LayerVersion>> layers = new HashMap<>();
  private final Map<String, Long> lastLayerVersion = new HashMap<>();
  private @Nullable Path workDirectory;
  private boolean ownsWorkDirectory;
  private boolean open = true;

  /**
   * Creates the runtime's isolation.
   *
   * @param settings the runtime's settings
   * @param background runs unload checks off the caller's thread
   */
  public Isolation(RuntimeSettings settings, Executor background) {
    this.settings = requireNonNull(settings);
    this.isolation = settings.isolation();
    this.shared = new SharedClasses(isolation.sharedPackages(), isolation.sharedClassLoader());
    this.classPolicy = ClassPolicy.BYTECODE;
    this.unloads =
        new Unloads(
            settings.timeSource(),
            isolation.verifyUnloading(),
            isolation.unloadCheckDelay(),
            background);
  }

  SharedClasses shared() {
    return shared;
  }

  ClassPolicy classPolicy() {
    return classPolicy;
  }

  Unloads unloads() {
    return unloads;
  }

  long nextLoaderNumber() {
    return loaderNumbers.incrementAndGet();
  }

  /**
   * Unpacks, checks and prepares the code of a function version.
   *
   * @param config the function's configuration, for its layers
   * @param code the code
   * @param version the version it will run as
   * @return the deployed code; the caller closes it when the version is retired
   * @throws InvalidParameterValueException if the archive, its size or its layers break a rule
   */
  public DeployedCode deploy(FunctionConfig config, FunctionCode.Isolated code, String version) {
    String name = config.functionName();
    List<LayerVersion> used = retainLayers(config);
    boolean done = false;
    try {
      long layerBytes = used.stream().mapToLong(l -> l.code().unzippedSize()).sum();
      CodeBundle.Limits limits =
          new CodeBundle.Limits(
              isolation.maxZippedBytes(), isolation.maxUnzippedBytes(), layerBytes);
      CodeBundle bundle =
          CodeBundle.unpack(
              code.source(),
              CodeBundle.Kind.FUNCTION,
              code.policy(),
              limits,
              workDirectory(),
              name);
      try {
        checkSplitPackages(name, bundle, used);
      } catch (RuntimeException e) {
        bundle.release();
        throw e;
      }
      done = true;
      return new DeployedCode(bundle, used, this, name, version);
    } finally {
      if (!done) {
        used.forEach(LayerVersion::releaseForFunction);
      }
    }
  }

  /**
   * Returns deployed code with the layers of a new configuration, sharing the unpacked archive.
   *
   * @param current the code now registered
   * @param config the new configuration
   * @return the code for the new configuration; the caller closes the old one when it is retired
   */
  public DeployedCode redeploy(DeployedCode current, FunctionConfig config) {
    List<LayerVersion> used = retainLayers(config);
    try {
      long total =
          current.code().unzippedSize()
              + used.stream().mapToLong(l -> l.code().unzippedSize()).sum();
      if (total > isolation.maxUnzippedBytes()) {
        throw CodeBundle.Unpacker.tooLarge(
            new CodeBundle.Limits(isolation.maxZippedBytes(), isolation.maxUnzippedBytes(), 0),
            config.functionName());
      }
      checkSplitPackages(config.functionName(), current.code(), used);
      DeployedCode next = current.withLayers(used);
      used.forEach(LayerVersion::releaseForFunction); // withLayers took its own references
      return next;
    } catch (RuntimeException e) {
      used.forEach(LayerVersion::releaseForFunction);
      throw e;
    }
  }

  /** Finds and retains the configuration's layer versions, refusing unknown ones. */
  private List<LayerVersion> retainLayers(FunctionConfig config) {
    synchronized (lock) {
      ensureOpen();
      List<LayerVersion> found = new ArrayList<>();
      for (String arn : config.layers()) {
        LayerVersion layer = byArn(arn);
        if (layer == null) {
          throw InvalidParameterValueException.of(
              config.functionName(),
              "layers",
              arn,
              "Member must name a published layer version of this runtime ("
                  + settings.region()
                  + ", account "
                  + settings.accountId()
                  + ")");
        }
        found.add(layer);
      }
      found.forEach(LayerVersion::retainForFunction);
      return found;
    }
  }

  private @Nullable LayerVersion byArn(String arn) {
    String prefix = layerArn("");
    if (!arn.startsWith(prefix)) {
      return null;
    }
    String rest = arn.substring(prefix.length());
    int colon = rest.lastIndexOf(':');
    NavigableMap<Long, LayerVersion> versions = layers.get(rest.substring(0, colon));
    return versions == null ? null : versions.get(Long.parseLong(rest.substring(colon + 1)));
  }

  /** Refuses or warns about packages split across the function and its layers. */
  private void checkSplitPackages(String name, CodeBundle function, List<LayerVersion> used) {
    List<String> splits = new ArrayList<>();
    List<CodeBundle> parts = new ArrayList<>();
    List<String> partNames = new ArrayList<>();
    parts.add(function);
    partNames.add("the function");
    for (LayerVersion layer : used) {
      parts.add(layer.code());
      partNames.add("layer " + layer.info().layerName() + ":" + layer.info().version());
    }
    for (int i = 0; i < parts.size(); i++) {
      for (int j = i + 1; j < parts.size(); j++) {
        Set<String> common = new LinkedHashSet<>(parts.get(i).packages());
        common.retainAll(parts.get(j).packages());
        for (String packageName : common) {
          splits.add(packageName + " (" + partNames.get(i) + " and " + partNames.get(j) + ")");
        }
      }
    }
    if (splits.isEmpty()) {
      return;
    }
    if (isolation.refuseSplitPackages()) {
      throw InvalidParameterValueException.of(
          name,
          "layers",
          String.join(", ", splits),
          "A package must come from one place: the function's code or one of its layers");
    }
    LOG.warn(
        "Function {} has packages split across class loaders; classes of one package will not"
            + " see each other's package-private members: {}",
        name,
        splits);
  }

  // ---------------------------------------------------------------------------------- layers

  @Override
  public LayerVersionInfo publishLayerVersion(
      String layerName,
      CodeSource content,
      List<String> compatibleRuntimes,
      String description,
      CodePolicy policy) {
    requireNonNull(content, "content");
    requireNonNull(policy, "policy");
    checkLayerName(layerName);
    checkRuntimes(layerName, compatibleRuntimes);
    requireNonNull(description, "description");
    if (description.length() > FunctionConfig.MAX_DESCRIPTION_LENGTH) {
      throw InvalidParameterValueException.of(
          layerName,
          "description",
          description,
          "Member must have length less than or equal to 256");
    }
    synchronized (lock) {
      ensureOpen();
    }
    CodeBundle bundle =
        CodeBundle.unpack(
            content,
            CodeBundle.Kind.LAYER,
            policy,
            new CodeBundle.Limits(isolation.maxZippedBytes(), isolation.maxUnzippedBytes(), 0),
            workDirectory(),
            layerName);
    synchronized (lock) {
      if (!open) {
        bundle.release();
        ensureOpen();
      }
      long version = lastLayerVersion.merge(layerName, 1L, Long::sum);
      String layerArn = layerArn(layerName);
      LayerVersionInfo info =
          new LayerVersionInfo(
              layerName,
              version,
              layerArn,
              layerArn + ":" + version,
              description,
              compatibleRuntimes,
              bundle.codeSize(),
              bundle.unzippedSize(),
              bundle.sha256(),
              settings.timeSource().instant());
      LayerClassLoader loader =
          new LayerClassLoader("layer." + layerName + "." + version, bundle, shared, classPolicy);
      layers
          .computeIfAbsent(layerName, k -> new TreeMap<>())
          .put(version, new LayerVersion(info, bundle, loader, unloads));
      return info;
    }
  }

  private static void checkLayerName(String layerName) {
    requireNonNull(layerName, "layerName");
    if (layerName.isEmpty() || layerName.length() > MAX_LAYER_NAME_LENGTH) {
      throw InvalidParameterValueException.of(
          "layerName", layerName, "Member must have length between 1 and 140");
    }
    if (!LAYER_NAME.matcher(layerName).matches()) {
      throw InvalidParameterValueException.of(
          "layerName",
          layerName,
          "Member must satisfy regular expression pattern: " + LAYER_NAME.pattern());
    }
  }

  private static void checkRuntimes(String layerName, List<String> runtimes) {
    requireNonNull(runtimes, "compatibleRuntimes");
    if (runtimes.size() > MAX_COMPATIBLE_RUNTIMES) {
      throw InvalidParameterValueException.of(
          layerName,
          "compatibleRuntimes",
          runtimes,
          "Member must have length less than or equal to 15");
    }
    for (String runtime : runtimes) {
      requireNonNull(runtime, "compatible runtime");
      if (runtime.isBlank() || runtime.length() > 64) {
        throw InvalidParameterValueException.of(
            layerName,
            "compatibleRuntimes",
            runtime,
            "Member must be a runtime identifier of 1 to 64 characters, such as java25");
      }
    }
  }

  private String layerArn(String layerName) {
    return "arn:aws:lambda:"
        + settings.region()
        + ":"
        + settings.accountId()
        + ":layer:"
        + layerName;
  }

  @Override
  public Optional<LayerVersionInfo> getLayerVersion(String layerName, long version) {
    requireNonNull(layerName, "layerName");
    synchronized (lock) {
      NavigableMap<Long, LayerVersion> versions = layers.get(layerName);
      LayerVersion layer = versions == null ? null : versions.get(version);
      return layer == null ? Optional.empty() : Optional.of(layer.info());
    }
  }

  @Override
  public List<LayerVersionInfo> listLayerVersions(String layerName) {
    requireNonNull(layerName, "layerName");
    synchronized (lock) {
      NavigableMap<Long, LayerVersion> versions = layers.get(layerName);
      return versions == null
          ? List.of()
          : versions.descendingMap().values().stream().map(LayerVersion::info).toList();
    }
  }

  @Override
  public List<LayerVersionInfo> listLayers() {
    synchronized (lock) {
      return layers.values().stream()
          .filter(versions -> !versions.isEmpty())
          .map(versions -> versions.lastEntry().getValue().info())
          .sorted(Comparator.comparing(LayerVersionInfo::layerName))
          .toList();
    }
  }

  @Override
  public void deleteLayerVersion(String layerName, long version) {
    requireNonNull(layerName, "layerName");
    LayerVersion removed;
    synchronized (lock) {
      ensureOpen();
      NavigableMap<Long, LayerVersion> versions = layers.get(layerName);
      LayerVersion layer = versions == null ? null : versions.get(version);
      if (versions == null || layer == null) {
        throw new ResourceNotFoundException(
            "Layer version not found: " + layerArn(layerName) + ":" + version, layerName);
      }
      int users = layer.functionUsers();
      if (users > 0) {
        throw new ResourceConflictException(
            "Layer version "
                + layer.info().layerVersionArn()
                + " is used by "
                + users
                + " function version(s); delete or update them first",
            layerName);
      }
      versions.remove(version);
      removed = layer;
    }
    removed.release();
  }

  // --------------------------------------------------------------------------------- unloads

  /**
   * Returns how many released loaders no check has looked at yet.
   *
   * @return the count
   */
  public int pendingUnloads() {
    return unloads.pending();
  }

  /**
   * Checks pending unloads and the loaders found pinned before, now.
   *
   * @return the reports made: every loader pinned now, and those collected since
   */
  public List<LeakReport> checkUnloaded() {
    return unloads.check();
  }

  /**
   * Returns each reported loader's latest leak report.
   *
   * @return the reports, in the order first reported
   */
  public List<LeakReport> leakReports() {
    return unloads.reports();
  }

  /** The watchdog's housekeeping: schedules a background unload check when one is due. */
  public void housekeeping() {
    unloads.housekeeping();
  }

  /**
   * Closes: drops every layer version, checks the pending and pinned unloads once (if verification
   * is on) and deletes the work directory if the runtime created it. Called after every environment
   * retired.
   */
  public void close() {
    if (!releaseLayers()) {
      return;
    }
    if (isolation.verifyUnloading() && (unloads.pending() > 0 || unloads.pinned() > 0)) {
      unloads.check();
    }
    Path directory;
    synchronized (lock) {
      directory = ownsWorkDirectory ? workDirectory : null;
    }
    if (directory != null) {
      Directories.delete(directory);
    }
  }

  /**
   * Drops every layer version; in a method of its own so that no local of the frame that then
   * checks the unloading still points at a layer.
   */
  private boolean releaseLayers() {
    List<LayerVersion> all = new ArrayList<>();
    synchronized (lock) {
      if (!open) {
        return false;
      }
      open = false;
      layers.values().forEach(versions -> all.addAll(versions.values()));
      layers.clear();
    }
    all.forEach(LayerVersion::release);
    return true;
  }

  private void ensureOpen() {
    if (!open) {
      throw new IllegalStateException("The function runtime is closed");
    }
  }

  private Path workDirectory() {
    synchronized (lock) {
      if (workDirectory == null) {
        Optional<Path> configured = isolation.workDirectory();
        try {
          if (configured.isPresent()) {
            workDirectory = Files.createDirectories(configured.get());
          } else {
            workDirectory = Files.createTempDirectory("lambda-embedded-");
            ownsWorkDirectory = true;
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot create the work directory for deployed code", e);
        }
      }
      return workDirectory;
    }
  }
}
