/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.handler.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.lang.model.SourceVersion;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * A function's deployment package built in a test: Java sources compiled in memory against the
 * lambda-embedded API, packed with resources and dependency jars into a zip in Lambda's Java layout
 * (classes and resources at the root, dependency jars in {@code lib/*.jar}).
 *
 * {@snippet :
 * FunctionCode code =
 *     FunctionJar.builder()
 *         .source("com.example.Hello", """
 *             package com.example;
 *             import dev.lambdaembedded.api.handler.*;
 *             public class Hello implements RequestHandler<String, String> {
 *               public String handleRequest(String name, Context context) { return "Hello " + name; }
 *             }
 *             """)
 *         .resource("greeting.properties", "greeting=Hello")
 *         .buildCode();
 * runtime.registry().create(
 *     FunctionConfig.builder("hello").handler("com.example.Hello").build(), code);
 * }
 *
 * <p>The package is reproducible: its entries are sorted by name and all carry the same fixed time,
 * so the same inputs compiled by the same JDK give the same bytes, and the same code SHA-256 in the
 * runtime. Building needs a JDK: {@link javax.tools.ToolProvider#getSystemJavaCompiler()} must find
 * the compiler.
 */
public final class FunctionJar {
  /* The compiler reads sources from strings and writes class files into byte arrays: nothing is
   * written to disk unless the caller asks for a file. Jars given as bytes are put on the compile
   * class path through the file manager too, so a library built by another FunctionJar can be
   * compiled against without being written anywhere. */

  /** The time of every entry, 1980-02-01T00:00, the fixed time of reproducible Maven builds. */
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

  /** The earliest release the compiler accepts for {@code --release}. */
  static final int MIN_RELEASE = 8;

  private FunctionJar() {}

  /**
   * Returns a new, empty builder compiling for the running JDK's feature release.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the compiler, or fails when the running Java has none.
   *
   * @param compiler what {@link ToolProvider#getSystemJavaCompiler()} found
   * @return the compiler
   * @throws IllegalStateException if there is none
   */
  static JavaCompiler requireCompiler(@Nullable JavaCompiler compiler) {
    if (compiler == null) {
      throw new IllegalStateException(
          "No Java compiler available: java.home "
              + System.getProperty("java.home")
              + " is a Java runtime without the jdk.compiler module; run the tests on a JDK to"
              + " build function jars from sources");
    }
    return compiler;
  }

  /**
   * Returns the jar or class directory the lambda-embedded API was loaded from.
   *
   * @return the location
   * @throws IllegalStateException if it is not a file or directory on the default file system
   */
  static Path apiLocation() {
    CodeSource source = Context.class.getProtectionDomain().getCodeSource();
    URL url = source == null ? null : source.getLocation();
    if (url == null) {
      throw new IllegalStateException(
          "Cannot find where the lambda-embedded API was loaded from to compile against it");
    }
    try {
      Path path = Path.of(url.toURI());
      if (!Files.exists(path)) {
        throw new IllegalStateException(
            "The lambda-embedded API was loaded from " + path + ", which does not exist");
      }
      return path;
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      throw new IllegalStateException(
          "The lambda-embedded API was loaded from "
              + url
              + ", which is neither a jar nor a directory to compile against",
          e);
    }
  }

  /**
   * A mutable builder of a function jar: sources, resources and dependency jars, and what the
   * sources compile against. Every setter checks its value at once; the sources are compiled by
   * each {@code build} method, which leaves the builder unchanged and may be called again. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Map<String, String> sources = new TreeMap<>();
    private final Map<String, byte[]> resources = new TreeMap<>();
    private final Map<String, Path> libraryFiles = new TreeMap<>();
    private final Map<String, byte[]> libraryBytes = new TreeMap<>();
    private final List<Path> classpath = new ArrayList<>();
    private int release = Runtime.version().feature();

    private Builder() {}

    /**
     * Adds the source of one compilation unit.
     *
     * @param className the binary name of its top-level class, such as {@code com.example.Hello};
     *     the unit is compiled as {@code com/example/Hello.java}, so a public class must have this
     *     name
     * @param code the Java source
     * @return this builder
     * @throws IllegalArgumentException if the name is not a qualified Java name or was already
     *     added
     */
    public Builder source(String className, String code) {
      requireNonNull(className, "className");
      requireNonNull(code, "code");
      if (!SourceVersion.isName(className)) {
        throw new IllegalArgumentException("Not a Java class name: '" + className + "'");
      }
      if (sources.containsKey(className)) {
        throw new IllegalArgumentException("The source of " + className + " was already added");
      }
      sources.put(className, code);
      return this;
    }

    /**
     * Adds a resource, or any other entry, at a path inside the jar.
     *
     * @param path a relative path with {@code /} separators, such as {@code config.properties} or
     *     {@code com/example/data.json}
     * @param bytes the content, copied
     * @return this builder
     * @throws IllegalArgumentException if the path is absolute, empty, ends with {@code /}, has an
     *     empty, {@code .} or {@code ..} segment, or was already added
     */
    public Builder resource(String path, byte[] bytes) {
      requireNonNull(path, "path");
      requireNonNull(bytes, "bytes");
      checkEntryPath(path);
      if (resources.containsKey(path)) {
        throw new IllegalArgumentException("The resource " + path + " was already added");
      }
      resources.put(path, bytes.clone());
      return this;
    }

    /**
     * Adds a text resource, encoded as UTF-8, at a path inside the jar.
     *
     * @param path a relative path with {@code /} separators
     * @param text the content
     * @return this builder
     * @throws IllegalArgumentException as {@link #resource(String, byte[])}
     */
    public Builder resource(String path, String text) {
      requireNonNull(text, "text");
      return resource(path, text.getBytes(UTF_8));
    }

    /**
     * Adds a dependency jar: it is packed as {@code lib/<its file name>}, on the function's class
     * path, and the sources compile against it. The file is read when the jar is built.
     *
     * @param jar a jar file, such as one written by {@link #build(Path)}
     * @return this builder
     * @throws IllegalArgumentException if it is not a regular file named {@code *.jar}, or a
     *     library of that name was already added
     */
    public Builder library(Path jar) {
      requireNonNull(jar, "jar");
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("Not a jar file: " + jar);
      }
      Path name = jar.getFileName();
      String fileName = name == null ? "" : name.toString();
      checkLibraryName(fileName);
      libraryFiles.put(fileName, jar);
      return this;
    }

    /**
     * Adds a dependency jar given as bytes: it is packed as {@code lib/<fileName>}, on the
     * function's class path, and the sources compile against the classes in it.
     *
     * @param fileName the jar's file name, such as {@code model.jar}
     * @param jar the jar's bytes, such as those of another builder's {@link #build()}; copied
     * @return this builder
     * @throws IllegalArgumentException if the name is not a plain file name ending with {@code
     *     .jar}, or a library of that name was already added
     */
    public Builder library(String fileName, byte[] jar) {
      requireNonNull(fileName, "fileName");
      requireNonNull(jar, "jar");
      checkLibraryName(fileName);
      libraryBytes.put(fileName, jar.clone());
      return this;
    }

    /**
     * Adds a jar or class directory that the sources compile against but that is not packed: code
     * the function finds elsewhere at run time, such as in a layer or a shared package. The
     * lambda-embedded API is always on the compile class path.
     *
     * @param entry a jar file or a directory of classes
     * @return this builder
     * @throws IllegalArgumentException if it does not exist
     */
    public Builder classpath(Path entry) {
      requireNonNull(entry, "entry");
      if (!Files.exists(entry)) {
        throw new IllegalArgumentException("No such class path entry: " + entry);
      }
      classpath.add(entry);
      return this;
    }

    /**
     * Sets the Java release the sources are compiled for, as javac's {@code --release}; by default
     * the running JDK's feature release. Code that uses the lambda-embedded API needs a release at
     * least that of the API's class files.
     *
     * @param release from 8 to the running JDK's feature release
     * @return this builder
     * @throws IllegalArgumentException if out of that range
     */
    public Builder release(int release) {
      int latest = Runtime.version().feature();
      if (release < MIN_RELEASE || release > latest) {
        throw new IllegalArgumentException(
            "release " + release + " is not between " + MIN_RELEASE + " and " + latest);
      }
      this.release = release;
      return this;
    }

    /**
     * Compiles the sources and packs the jar in memory.
     *
     * @return the jar's bytes
     * @throws IllegalArgumentException if the sources do not compile, listing each error as {@code
     *     path:line: error: message}, or a resource has the path of a compiled class
     * @throws IllegalStateException if the running Java has no compiler
     * @throws UncheckedIOException if a library file cannot be read
     */
    public byte[] build() {
      Map<String, byte[]> libraries = readLibraries();
      Map<String, byte[]> entries = new TreeMap<>(compile(libraries));
      resources.forEach(
          (path, bytes) -> {
            if (entries.putIfAbsent(path, bytes) != null) {
              throw new IllegalArgumentException(
                  "The resource " + path + " has the path of a compiled class");
            }
          });
      libraries.forEach(
          (name, bytes) -> {
            if (entries.putIfAbsent("lib/" + name, bytes) != null) {
              throw new IllegalArgumentException(
                  "The resource lib/" + name + " has the path of a library");
            }
          });
      return zip(entries);
    }

    /**
     * Compiles the sources and writes the jar into a directory, named after its content: {@code
     * function-<16 hex digits of its SHA-256>.jar}. Writing the same jar twice writes the same
     * file.
     *
     * @param directory where to write it; created if missing
     * @return the jar file
     * @throws IllegalArgumentException as {@link #build()}
     * @throws IllegalStateException as {@link #build()}
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path build(Path directory) {
      requireNonNull(directory, "directory");
      byte[] jar = build();
      String name = "function-" + HexFormat.of().formatHex(sha256(jar), 0, 8) + ".jar";
      try {
        Files.createDirectories(directory);
        return Files.write(directory.resolve(name), jar);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + directory.resolve(name), e);
      }
    }

    /**
     * Compiles the sources and returns the jar as deployed code, ready to register: each execution
     * environment loads it in class loaders of its own, as Lambda does.
     *
     * @return the code, {@link FunctionCode#deployed(byte[])} of {@link #build()}
     * @throws IllegalArgumentException as {@link #build()}
     * @throws IllegalStateException as {@link #build()}
     */
    public FunctionCode.Isolated buildCode() {
      return FunctionCode.deployed(build());
    }

    private void checkLibraryName(String fileName) {
      if (!fileName.endsWith(".jar")
          || fileName.length() == ".jar".length()
          || fileName.contains("/")
          || fileName.contains("\\")) {
        throw new IllegalArgumentException(
            "A library needs a file name ending with .jar, not '" + fileName + "'");
      }
      if (libraryFiles.containsKey(fileName) || libraryBytes.containsKey(fileName)) {
        throw new IllegalArgumentException("A library named " + fileName + " was already added");
      }
    }

    private Map<String, byte[]> readLibraries() {
      Map<String, byte[]> all = new TreeMap<>(libraryBytes);
      libraryFiles.forEach(
          (name, path) -> {
            try {
              all.put(name, Files.readAllBytes(path));
            } catch (IOException e) {
              throw new UncheckedIOException("Cannot read the library " + path, e);
            }
          });
      return all;
    }

    /** Compiles the sources, returning the class files by entry path. */
    private Map<String, byte[]> compile(Map<String, byte[]> libraries) {
      if (sources.isEmpty()) {
        return Map.of();
      }
      JavaCompiler compiler = requireCompiler(ToolProvider.getSystemJavaCompiler());
      List<Path> paths = new ArrayList<>();
      paths.add(apiLocation());
      paths.addAll(classpath);
      Map<String, byte[]> libraryClasses = new LinkedHashMap<>();
      libraries.values().forEach(jar -> libraryClasses.putAll(classesIn(jar)));
      List<SourceFile> units = new ArrayList<>();
      sources.forEach((name, code) -> units.add(new SourceFile(name, code)));
      List<String> options =
          List.of("--release", Integer.toString(release), "-g", "-parameters", "-proc:none");
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      StringWriter output = new StringWriter();
      try (StandardJavaFileManager standard =
          compiler.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH, paths);
        MemoryFileManager files = new MemoryFileManager(standard, libraryClasses);
        Boolean compiled =
            compiler.getTask(output, files, diagnostics, options, null, units).call();
        if (!Boolean.TRUE.equals(compiled)) {
          throw new IllegalArgumentException(failure(diagnostics, output.toString()));
        }
        return files.classes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The message of a failed compilation: one {@code path:line: kind: message} per error. */
  private static String failure(
      DiagnosticCollector<JavaFileObject> diagnostics, String compilerOutput) {
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(describe(diagnostic));
      }
    }
    StringBuilder message =
        new StringBuilder("The function's sources do not compile (")
            .append(errors.size())
            .append(errors.size() == 1 ? " error)" : " errors)");
    errors.forEach(error -> message.append('\n').append(error));
    if (!compilerOutput.isBlank()) {
      message.append('\n').append(compilerOutput.strip());
    }
    return message.toString();
  }

  private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
    StringBuilder text = new StringBuilder();
    JavaFileObject source = diagnostic.getSource();
    if (source != null) {
      text.append(source instanceof SourceFile file ? file.path : source.getName());
      if (diagnostic.getLineNumber() != Diagnostic.NOPOS) {
        text.append(':').append(diagnostic.getLineNumber());
      }
      text.append(": ");
    }
    return text.append(diagnostic.getKind().name().toLowerCase(Locale.ROOT))
        .append(": ")
        .append(diagnostic.getMessage(Locale.ROOT))
        .toString();
  }

  /** Fails unless a path is a plain relative entry path. */
  private static void checkEntryPath(String path) {
    boolean valid = !path.isEmpty() && !path.endsWith("/") && !path.contains("\\");
    for (String segment : path.split("/", -1)) {
      valid &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "Not a relative entry path with / separators: '" + path + "'");
    }
  }

  /** Packs entries into a zip with their parent directories, sorted, all at {@link #ENTRY_TIME}. */
  private static byte[] zip(Map<String, byte[]> files) {
    Map<String, byte @Nullable []> entries = new TreeMap<>(files);
    for (String name : files.keySet()) {
      for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
        entries.putIfAbsent(name.substring(0, slash + 1), null);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte @Nullable []> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        zipEntry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(zipEntry);
        byte[] content = entry.getValue();
        if (content != null) {
          zip.write(content);
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The class files in a jar, by binary name; multi-release and module descriptors skipped. */
  private static Map<String, byte[]> classesIn(byte[] jar) {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName();
        if (!entry.isDirectory()
            && name.endsWith(".class")
            && !name.startsWith("META-INF/")
            && !name.endsWith("module-info.class")) {
          String binaryName = name.substring(0, name.length() - ".class".length());
          classes.put(binaryName.replace('/', '.'), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("A library is not a readable jar", e);
    }
    return classes;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** A compilation unit held as a string, named {@code com/example/Hello.java}. */
  private static final class SourceFile extends SimpleJavaFileObject {
    final String path;
    private final String code;

    SourceFile(String className, String code) {
      super(URI.create("string:///" + pathOf(className)), Kind.SOURCE);
      this.path = pathOf(className);
      this.code = code;
    }

    private static String pathOf(String className) {
      return className.replace('.', '/') + Kind.SOURCE.extension;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }

  /** A class file held in memory: one compiled here, or one of a library given as bytes. */
  private static final class ClassFile extends SimpleJavaFileObject {
    final String binaryName;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    ClassFile(String binaryName) {
      super(
          URI.create("bytes:///" + binaryName.replace('.', '/') + Kind.CLASS.extension),
          Kind.CLASS);
      this.binaryName = binaryName;
    }

    ClassFile(String binaryName, byte[] bytes) {
      this(binaryName);
      content.writeBytes(bytes);
    }

    boolean inPackage(String packageName, boolean recurse) {
      int dot = binaryName.lastIndexOf('.');
      String own = dot < 0 ? "" : binaryName.substring(0, dot);
      return own.equals(packageName)
          || (recurse && (packageName.isEmpty() || own.startsWith(packageName + ".")));
    }

    byte[] bytes() {
      return content.toByteArray();
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(content.toByteArray());
    }

    @Override
    public OutputStream openOutputStream() {
      content.reset();
      return content;
    }
  }

  /**
   * Keeps the compiler's output in memory and adds the classes of libraries given as bytes to the
   * class path.
   */
  private static final class MemoryFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, ClassFile> outputs = new TreeMap<>();
    private final List<ClassFile> libraryClasses = new ArrayList<>();

    MemoryFileManager(StandardJavaFileManager standard, Map<String, byte[]> libraryClasses) {
      super(standard);
      libraryClasses.forEach((name, bytes) -> this.libraryClasses.add(new ClassFile(name, bytes)));
    }

    /** The compiled classes by entry path, such as {@code com/example/Hello.class}. */
    Map<String, byte[]> classes() {
      Map<String, byte[]> classes = new TreeMap<>();
      outputs.forEach(
          (name, file) ->
              classes.put(
                  name.replace('.', '/') + JavaFileObject.Kind.CLASS.extension, file.bytes()));
      return classes;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      ClassFile file = new ClassFile(className);
      outputs.put(className, file);
      return file;
    }

    @Override
    public Iterable<JavaFileObject> list(
        Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
        throws IOException {
      Iterable<JavaFileObject> found = super.list(location, packageName, kinds, recurse);
      if (location != StandardLocation.CLASS_PATH
          || !kinds.contains(JavaFileObject.Kind.CLASS)
          || libraryClasses.isEmpty()) {
        return found;
      }
      List<JavaFileObject> all = new ArrayList<>();
      found.forEach(all::add);
      for (ClassFile file : libraryClasses) {
        if (file.inPackage(packageName, recurse)) {
          all.add(file);
        }
      }
      return all;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
      return file instanceof ClassFile classFile
          ? classFile.binaryName
          : super.inferBinaryName(location, file);
    }
  }
}
