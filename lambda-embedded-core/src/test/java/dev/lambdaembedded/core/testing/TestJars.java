/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lambdaembedded.api.handler.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds function jars for tests: compiles Java sources in memory against the lambda-embedded API
 * and packs the classes, resources and nested {@code lib/*.jar} entries into a zip.
 */
public final class TestJars {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private final List<Path> classpath = new ArrayList<>();

  private TestJars() {}

  /** Returns an empty builder. */
  public static TestJars builder() {
    return new TestJars();
  }

  /**
   * Adds a Java source file.
   *
   * @param className the binary name of its top-level class, e.g. {@code fn.Hello}
   * @param code the source
   */
  public TestJars source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  /** Adds a resource (or any entry) with the given path and text. */
  public TestJars resource(String path, String text) {
    entries.put(path, text.getBytes(UTF_8));
    return this;
  }

  /** Adds an entry with the given path and bytes, e.g. {@code lib/guava.jar}. */
  public TestJars entry(String path, byte[] bytes) {
    entries.put(path, bytes.clone());
    return this;
  }

  /** Adds a jar or class directory to the compile classpath (the API is always on it). */
  public TestJars compileAgainst(Path path) {
    classpath.add(path);
    return this;
  }

  /** Compiles the sources and returns the class files by entry path ({@code fn/Hello.class}). */
  public Map<String, byte[]> classes() {
    if (sources.isEmpty()) {
      return Map.of();
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8);
    Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
    JavaFileManager manager =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            String path = className.replace('.', '/') + kind.extension;
            return new SimpleJavaFileObject(URI.create("mem:///" + path), kind) {
              @Override
              public OutputStream openOutputStream() {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                outputs.put(path, out);
                return out;
              }
            };
          }
        };
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach(
        (name, code) ->
            units.add(
                new SimpleJavaFileObject(
                    URI.create("mem:///" + name.replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                  @Override
                  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                  }
                }));
    List<String> path = new ArrayList<>();
    path.add(location(RequestHandler.class).toString());
    classpath.forEach(p -> path.add(p.toString()));
    List<String> options =
        List.of("-g", "-proc:none", "-classpath", String.join(java.io.File.pathSeparator, path));
    boolean ok = compiler.getTask(null, manager, diagnostics, options, null, units).call();
    if (!ok) {
      throw new IllegalArgumentException(
          "Test sources do not compile: " + diagnostics.getDiagnostics());
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    outputs.forEach((name, out) -> classes.put(name, out.toByteArray()));
    return classes;
  }

  /** Compiles and packs everything into zip bytes: classes and entries. */
  public byte[] toBytes() {
    Map<String, byte[]> all = new LinkedHashMap<>(classes());
    all.putAll(entries);
    return zip(all);
  }

  /** Compiles, packs and writes the jar to {@code directory/fileName}, returning its path. */
  public Path writeTo(Path directory, String fileName) {
    try {
      return Files.write(directory.resolve(fileName), toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Packs the given entries, in order, into zip bytes. */
  public static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Returns the jar or directory a class was loaded from. */
  public static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
