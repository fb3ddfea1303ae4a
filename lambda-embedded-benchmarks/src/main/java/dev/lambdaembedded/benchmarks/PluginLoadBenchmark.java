/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pf4j.ExtensionPoint;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;

/**
 * Loading code into a class loader of its own with PF4J, the plugin framework, against deploying
 * the same code as a lambda-embedded function.
 *
 * <p>Both sides load four classes of {@code dev.lambdaembedded.benchmarks.coldstart}, copied from
 * this benchmark's class path at setup: the entry class ({@code ShoutExtension} for PF4J, {@code
 * ColdStartHandler} for lambda-embedded, the same code behind a different interface) and the three
 * helpers it uses. The plugin jar also carries a manifest ({@code Plugin-Id}, {@code
 * Plugin-Version}, {@code Plugin-Class}) and {@code META-INF/extensions.idx}, written here since no
 * annotation processor runs at benchmark time; it lies in a temporary plugins directory. Each side
 * checks at setup that its first call counts from one, which it does only if the classes come from
 * a class loader of its own rather than from the host's.
 *
 * <p>The cold operations ({@code pf4jLoadStartCallUnload}, {@code
 * lambdaEmbeddedDeployInvokeDelete}) pay for a class loader, the classes defined and one call, and
 * then retire the loader. The warm operations ({@code pf4jCallWarm}, {@code
 * lambdaEmbeddedInvokeWarm}) show the cost of one call: a plain interface call on PF4J's side, an
 * invocation through the runtime (concurrency accounting, context, REPORT) on ours.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PluginLoadBenchmark {

  /*
   * PF4J's side uses JarPluginManager: a manifest descriptor, a jar loaded by PluginClassLoader
   * (plugin classes first, then the host's), and LegacyExtensionFinder reading extensions.idx. The
   * plugin's Plugin-Class is PF4J's own org.pf4j.Plugin, loaded from the host, so that no fifth
   * class enters the plugin jar. The PluginManager is made once per trial, as a host makes it
   * once; each operation loads the jar by path, as a host does when a plugin is added at runtime.
   */

  /**
   * The extension point of the PF4J plugin: on the host class path, as PF4J requires.
   *
   * <p>Implementations must be safe to call from one thread at a time.
   */
  public interface Shout extends ExtensionPoint {

    /**
     * Returns the input upper-cased behind a prefix and the number of this call.
     *
     * @param input the text to shout
     * @return the shouted text
     */
    String shout(String input);
  }

  /** The expected response of the first call of freshly loaded code. */
  static final String FIRST_RESPONSE = "cold: HELLO #1";

  /** The plugin's extension class, named by string: this class must not load it itself. */
  static final String EXTENSION = "dev.lambdaembedded.benchmarks.coldstart.ShoutExtension";

  /** The helpers both jars hold, as class file names. */
  static final List<String> HELPERS =
      List.of(
          "dev/lambdaembedded/benchmarks/coldstart/Shouter.class",
          "dev/lambdaembedded/benchmarks/coldstart/Prefix.class",
          "dev/lambdaembedded/benchmarks/coldstart/Invocations.class");

  /** A plugin manager and the plugin jar every operation loads. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Plugins {
    Path directory;
    Path jar;
    PluginManager manager;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Plugins() {}

    /** Writes the plugin jar and checks twice that a new load counts its calls from one. */
    @Setup(Level.Trial)
    public void setUp() {
      directory = pluginsDirectory();
      jar = writePluginJar(directory);
      manager = new JarPluginManager(directory);
      for (int i = 0; i < 2; i++) {
        check(loadStartCallUnload(this));
      }
    }

    /** Unloads any plugin left and deletes the plugins directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      manager.stopPlugins();
      manager.unloadPlugins();
      deleteDirectory(directory);
    }
  }

  /** A plugin loaded and started once, and its extension. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class LoadedPlugin {
    Path directory;
    PluginManager manager;
    Shout extension;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public LoadedPlugin() {}

    /** Loads and starts the plugin and looks its extension up, as a host does once. */
    @Setup(Level.Trial)
    public void setUp() {
      directory = pluginsDirectory();
      manager = new JarPluginManager(directory);
      String id = manager.loadPlugin(writePluginJar(directory));
      manager.startPlugin(id);
      extension = onlyExtension(manager, id);
      if (!manager.getPluginClassLoader(id).equals(extension.getClass().getClassLoader())) {
        throw new IllegalStateException("The extension was not loaded by the plugin's loader");
      }
      check(extension.shout("hello"));
    }

    /** Unloads the plugin and deletes the plugins directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      manager.stopPlugins();
      manager.unloadPlugins();
      deleteDirectory(directory);
    }
  }

  /** A runtime and the function jar every operation deploys. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class Functions {
    FunctionRuntime runtime;
    FunctionConfig config;
    byte[] jar;
    InvocationRequest request;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public Functions() {}

    /** Builds the jar and the runtime and checks twice that a new function counts from one. */
    @Setup(Level.Trial)
    public void setUp() {
      jar = functionJar();
      runtime = LambdaRuntime.builder().build();
      config = FunctionConfig.builder("plugin-peer").handler(ColdStartBenchmark.HANDLER).build();
      request = InvocationRequest.of("plugin-peer", Payload.of("hello"), String.class);
      for (int i = 0; i < 2; i++) {
        check(deployInvokeDelete(this));
      }
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
    }
  }

  /** A function deployed once whose environment is warm. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // set up by JMH's @Setup before any benchmark method runs
  public static class WarmFunction {
    FunctionRuntime runtime;
    InvocationRequest request;

    /** Creates the state; JMH calls {@link #setUp()}. */
    public WarmFunction() {}

    /** Deploys the function and invokes it once, which starts its environment. */
    @Setup(Level.Trial)
    public void setUp() {
      runtime = LambdaRuntime.builder().build();
      runtime
          .registry()
          .create(
              FunctionConfig.builder("plugin-peer-warm")
                  .handler(ColdStartBenchmark.HANDLER)
                  .build(),
              FunctionCode.deployed(functionJar()));
      request = InvocationRequest.of("plugin-peer-warm", Payload.of("hello"), String.class);
      check(valueOf(runtime.invoke(request)));
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
    }
  }

  /** Creates the benchmark. */
  public PluginLoadBenchmark() {}

  /**
   * Loads the plugin jar with PF4J, starts the plugin, looks its extension up, calls it once, then
   * stops and unloads the plugin, which closes its class loader.
   *
   * @param state the plugin manager and jar
   * @return the response, for JMH to consume
   */
  @Benchmark
  public Object pf4jLoadStartCallUnload(Plugins state) {
    return loadStartCallUnload(state);
  }

  /**
   * Registers the function from its jar, invokes it once (a cold start) and deletes it, as {@link
   * ColdStartBenchmark#deployInvokeDelete} does.
   *
   * @param state the runtime and jar
   * @return the response, for JMH to consume
   */
  @Benchmark
  public Object lambdaEmbeddedDeployInvokeDelete(Functions state) {
    return deployInvokeDelete(state);
  }

  /**
   * Calls the extension of a started plugin: a plain interface call into the plugin's classes.
   *
   * @param state the loaded plugin
   * @return the response, for JMH to consume
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object pf4jCallWarm(LoadedPlugin state) {
    return state.extension.shout("hello");
  }

  /**
   * Invokes a function whose environment is warm, through the runtime's invocation model.
   *
   * @param state the warm function
   * @return the response, for JMH to consume
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object lambdaEmbeddedInvokeWarm(WarmFunction state) {
    return valueOf(state.runtime.invoke(state.request));
  }

  private static String loadStartCallUnload(Plugins state) {
    String id = state.manager.loadPlugin(state.jar);
    try {
      state.manager.startPlugin(id);
      return onlyExtension(state.manager, id).shout("hello");
    } finally {
      state.manager.stopPlugin(id);
      state.manager.unloadPlugin(id);
    }
  }

  private static Object deployInvokeDelete(Functions state) {
    state.runtime.registry().create(state.config, FunctionCode.deployed(state.jar));
    try {
      return valueOf(state.runtime.invoke(state.request));
    } finally {
      state.runtime.registry().delete(state.config.functionName());
    }
  }

  private static Shout onlyExtension(PluginManager manager, String pluginId) {
    List<Shout> extensions = manager.getExtensions(Shout.class, pluginId);
    if (extensions.size() != 1) {
      throw new IllegalStateException("Expected one extension, found " + extensions);
    }
    return extensions.get(0);
  }

  private static Object valueOf(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Success(_, _, Payload.Value(Object value), _, _) -> value;
      case InvocationResult.Success success ->
          throw new IllegalStateException("Unexpected payload " + success.payload());
      case InvocationResult.Failure failure ->
          throw new IllegalStateException(failure.error().toJson());
    };
  }

  private static void check(Object response) {
    if (!FIRST_RESPONSE.equals(response)) {
      throw new IllegalStateException("Unexpected response " + response);
    }
  }

  private static Path pluginsDirectory() {
    try {
      return Files.createTempDirectory("pf4j-plugins");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteDirectory(Path directory) {
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
      Files.delete(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the plugin jar into the plugins directory and returns its path. */
  private static Path writePluginJar(Path directory) {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", "shout-plugin");
    main.putValue("Plugin-Version", "1.0.0");
    main.putValue("Plugin-Class", "org.pf4j.Plugin");
    byte[] index = (EXTENSION + "\n").getBytes(StandardCharsets.UTF_8);
    Path jar = directory.resolve("shout-plugin-1.0.0.jar");
    try {
      Files.write(jar, jarOf(manifest, classFile(EXTENSION), "META-INF/extensions.idx", index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  /** The function jar: the handler and the helpers, without manifest. */
  private static byte[] functionJar() {
    return jarOf(null, classFile(ColdStartBenchmark.HANDLER), null, null);
  }

  private static String classFile(String className) {
    return className.replace('.', '/') + ".class";
  }

  /** A jar of an optional manifest, the entry class, the helpers and an optional resource. */
  private static byte[] jarOf(
      @Nullable Manifest manifest,
      String entryClassFile,
      @Nullable String resourceName,
      byte @Nullable [] resource) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar =
        manifest == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, manifest)) {
      for (String name : concat(entryClassFile, HELPERS)) {
        try (InputStream in =
            PluginLoadBenchmark.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("Not on the class path: " + name);
          }
          jar.putNextEntry(new JarEntry(name));
          in.transferTo(jar);
          jar.closeEntry();
        }
      }
      if (resourceName != null && resource != null) {
        jar.putNextEntry(new JarEntry(resourceName));
        jar.write(resource);
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<String> concat(String first, List<String> rest) {
    return Stream.concat(Stream.of(first), rest.stream()).toList();
  }
}
