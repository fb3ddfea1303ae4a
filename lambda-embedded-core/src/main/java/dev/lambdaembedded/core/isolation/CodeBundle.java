/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodeSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassHierarchyResolver;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Deployed code unpacked into a directory of its own, indexed and checked against its policy once,
 * and then shared by the class loaders of every environment that runs it.
 *
 * <p>Unpacking follows Lambda: an archive is extracted (as into {@code /var/task}), a directory is
 * copied, so later changes to the caller's files do not reach running code and no caller file is
 * kept open. The search order is Lambda's: for a function, the root then {@code lib/*.jar} sorted
 * by name; for a layer, {@code java/lib/*.jar} sorted by name (or the root, for a plain jar).
 *
 * <p>The bundle counts its users; the last {@link #release()} closes its jars and deletes its
 * directory.
 */
final class CodeBundle {
  /** Lambda's answer to an archive it cannot read. */
  static final String NOT_A_ZIP =
      "Could not unzip uploaded file. Please check your file, then try to upload again.";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** What the bundle is: a function's code or a layer's. */
  enum Kind {
    FUNCTION,
    LAYER
  }

  private final String resource;
  private final Path directory;
  private final List<Root> roots;
  private final Map<String, Root> index;
  private final Set<String> packages;
  private final long codeSize;
  private final long unzippedSize;
  private final String sha256;
  private final CodePolicy policy;
  private final ConcurrentMap<String, ClassPolicy.Prepared> prepared = new ConcurrentHashMap<>();
  private final AtomicInteger users = new AtomicInteger(1);

  private CodeBundle(
      String resource,
      Path directory,
      List<Root> roots,
      long codeSize,
      long unzippedSize,
      String sha256,
      CodePolicy policy) {
    this.resource = resource;
    this.directory = directory;
    this.roots = List.copyOf(roots);
    this.codeSize = codeSize;
    this.unzippedSize = unzippedSize;
    this.sha256 = sha256;
    this.policy = policy;
    Map<String, Root> entries = new HashMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (Root root : roots) {
      for (String entry : root.entries()) {
        entries.putIfAbsent(entry, root);
        String name = packageOf(entry);
        if (name != null) {
          names.add(name);
        }
      }
    }
    this.index = Map.copyOf(entries);
    this.packages = Collections.unmodifiableSet(names);
  }

  /**
   * Unpacks, indexes and verifies code.
   *
   * @param source where the code is
   * @param kind a function's code or a layer's
   * @param policy the checks its classes must pass
   * @param limits the size limits
   * @param workDirectory where to unpack
   * @param resource the function or layer, for error messages
   * @return the bundle, with one user
   * @throws InvalidParameterValueException if the archive is unreadable, unsafe or too large
   */
  static CodeBundle unpack(
      CodeSource source,
      Kind kind,
      CodePolicy policy,
      Limits limits,
      Path workDirectory,
      String resource) {
    Path directory;
    try {
      directory =
          Files.createDirectories(
              workDirectory.resolve("code-" + SEQUENCE.incrementAndGet() + "-" + resource));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the code of " + resource, e);
    }
    List<Root> roots = new ArrayList<>();
    boolean done = false;
    try {
      Path task = directory.resolve("task");
      Files.createDirectory(task);
      Unpacked unpacked = Unpacker.unpack(source, task, limits, resource);
      roots.addAll(kind == Kind.FUNCTION ? functionRoots(task) : layerRoots(task, resource));
      CodeBundle bundle =
          new CodeBundle(
              resource,
              directory,
              roots,
              unpacked.codeSize(),
              unpacked.unzippedSize(),
              unpacked.sha256(),
              policy);
      done = true;
      return bundle;
    } catch (IOException e) {
      throw InvalidParameterValueException.of(resource, "Code", source, NOT_A_ZIP + " (" + e + ")");
    } finally {
      if (!done) {
        roots.forEach(Root::close);
        Directories.delete(directory);
      }
    }
  }

  private static List<Root> functionRoots(Path task) throws IOException {
    List<Root> roots = new ArrayList<>();
    roots.add(new DirectoryRoot(task));
    roots.addAll(jars(task.resolve("lib"), "lib/"));
    return roots;
  }

  private static List<Root> layerRoots(Path task, String resource) throws IOException {
    List<Root> jars = jars(task.resolve("java").resolve("lib"), "java/lib/");
    if (!jars.isEmpty()) {
      return jars;
    }
    DirectoryRoot root = new DirectoryRoot(task);
    if (root.entries().stream().noneMatch(entry -> entry.endsWith(".class"))) {
      throw InvalidParameterValueException.of(
          resource,
          "Content",
          "(no classes)",
          "A Java layer holds its jars in java/lib/*.jar, or is a jar with classes at its root");
    }
    return List.of(root);
  }

  /** The {@code *.jar} files directly in a directory, sorted by name, as Lambda's class path. */
  private static List<Root> jars(Path directory, String shownAs) throws IOException {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    }
    List<Root> roots = new ArrayList<>();
    try {
      for (Path file : files) {
        roots.add(new JarRoot(file, shownAs + file.getFileName()));
      }
    } catch (IOException e) {
      roots.forEach(Root::close);
      throw e;
    }
    return roots;
  }

  private static boolean isCheckedClass(String entry) {
    return entry.endsWith(".class")
        && !entry.endsWith("module-info.class")
        && !entry.endsWith("package-info.class");
  }

  /** The package of a class entry, or null for other entries and the unnamed package. */
  private static @Nullable String packageOf(String entry) {
    if (!isCheckedClass(entry) || entry.startsWith("META-INF/")) {
      return null;
    }
    int slash = entry.lastIndexOf('/');
    return slash < 0 ? null : entry.substring(0, slash).replace('/', '.');
  }

  /**
   * Returns what a class becomes under the policy: checked and rewritten once, when the first
   * loader defines it, and the verdict shared by every loader of this code.
   *
   * @param binaryName the class
   * @param classPolicy checks and rewrites the bytes
   * @param resolver the class hierarchy the rewrite needs
   * @return the bytes to define or the refusal, or null if the bundle has no such class
   */
  ClassPolicy.@Nullable Prepared classBytes(
      String binaryName, ClassPolicy classPolicy, ClassHierarchyResolver resolver) {
    String entry = binaryName.replace('.', '/').concat(".class");
    ClassPolicy.Prepared done = prepared.get(entry);
    if (done != null) {
      return done;
    }
    Root root = index.get(entry);
    if (root == null) {
      return null;
    }
    ClassPolicy.Prepared made = classPolicy.prepare(binaryName, root.read(entry), policy, resolver);
    ClassPolicy.Prepared raced = prepared.putIfAbsent(entry, made);
    return raced != null ? raced : made;
  }

  /**
   * Returns whether the bundle holds a class.
   *
   * @param binaryName the class
   * @return whether it is present
   */
  boolean containsClass(String binaryName) {
    return index.containsKey(binaryName.replace('.', '/').concat(".class"));
  }

  /**
   * Returns the protection domain of the root holding a class, for its code source location.
   *
   * @param binaryName the class
   * @param loader the defining loader
   * @return the domain
   */
  @Nullable ProtectionDomain domainOf(String binaryName, ClassLoader loader) {
    Root root = index.get(binaryName.replace('.', '/').concat(".class"));
    return root == null ? null : new ProtectionDomain(root.codeSource(), null, loader, null);
  }

  /**
   * Returns the URL of the first entry of that name.
   *
   * @param entry the resource path
   * @return the URL, or null
   */
  @Nullable URL resource(String entry) {
    Root root = index.get(entry);
    return root == null ? null : root.url(entry);
  }

  /**
   * Returns the URLs of every entry of that name, in search order.
   *
   * @param entry the resource path
   * @return the URLs
   */
  List<URL> resources(String entry) {
    if (!index.containsKey(entry)) {
      return List.of();
    }
    List<URL> urls = new ArrayList<>();
    for (Root root : roots) {
      if (root.entries().contains(entry)) {
        urls.add(root.url(entry));
      }
    }
    return urls;
  }

  /** Returns the packages holding classes. */
  Set<String> packages() {
    return packages;
  }

  long codeSize() {
    return codeSize;
  }

  long unzippedSize() {
    return unzippedSize;
  }

  String sha256() {
    return sha256;
  }

  /** Adds a user. */
  void retain() {
    users.incrementAndGet();
  }

  /** Removes a user; the last closes the jars and deletes the directory. */
  void release() {
    if (users.decrementAndGet() == 0) {
      prepared.clear();
      roots.forEach(Root::close);
      Directories.delete(directory);
    }
  }

  /** One place classes are found: the unpacked root directory or one jar. */
  private sealed interface Root permits DirectoryRoot, JarRoot {
    Set<String> entries();

    byte[] read(String entry);

    URL url(String entry);

    java.security.CodeSource codeSource();

    void close();
  }

  /** The unpacked archive or copied directory itself. */
  private static final class DirectoryRoot implements Root {
    private final Path directory;
    private final Set<String> entries;
    private final java.security.CodeSource codeSource;

    DirectoryRoot(Path directory) throws IOException {
      this.directory = directory;
      Set<String> names = new LinkedHashSet<>();
      try (Stream<Path> walk = Files.walk(directory)) {
        walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .map(p -> directory.relativize(p).toString().replace('\\', '/'))
            .sorted()
            .forEach(names::add);
      }
      this.entries = Collections.unmodifiableSet(names);
      this.codeSource =
          new java.security.CodeSource(directory.toUri().toURL(), (CodeSigner[]) null);
    }

    @Override
    public Set<String> entries() {
      return entries;
    }

    @Override
    public byte[] read(String entry) {
      try {
        return Files.readAllBytes(directory.resolve(entry));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + entry + " of deployed code", e);
      }
    }

    @Override
    public URL url(String entry) {
      try {
        return directory.resolve(entry).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public java.security.CodeSource codeSource() {
      return codeSource;
    }

    @Override
    public void close() {}
  }

  /**
   * A dependency jar, read through one shared {@link ZipFile}; its resources get URLs served from
   * that file, not {@code jar:} URLs, so the JDK's jar cache never holds (or locks) the file.
   */
  private static final class JarRoot extends URLStreamHandler implements Root {
    private final ZipFile zip;
    private final String shownAs;
    private final Set<String> entries;
    private final java.security.CodeSource codeSource;

    JarRoot(Path file, String shownAs) throws IOException {
      try {
        this.zip = new ZipFile(file.toFile());
      } catch (ZipException e) {
        throw new ZipException(shownAs + " is not a jar: " + e.getMessage());
      }
      this.shownAs = shownAs;
      Set<String> names = new LinkedHashSet<>();
      zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(names::add);
      this.entries = Collections.unmodifiableSet(names);
      this.codeSource = new java.security.CodeSource(file.toUri().toURL(), (CodeSigner[]) null);
    }

    @Override
    public Set<String> entries() {
      return entries;
    }

    @Override
    public byte[] read(String entry) {
      ZipEntry zipEntry = zip.getEntry(entry);
      if (zipEntry == null) {
        throw new IllegalStateException(entry + " vanished from " + shownAs);
      }
      try (InputStream in = zip.getInputStream(zipEntry)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + entry + " from " + shownAs, e);
      }
    }

    @Override
    public URL url(String entry) {
      try {
        return URL.of(
            new java.net.URI("lambda-code", null, "/" + shownAs + "!/" + entry, null), this);
      } catch (java.net.URISyntaxException | MalformedURLException e) {
        throw new IllegalStateException("Cannot name " + entry + " in " + shownAs, e);
      }
    }

    @Override
    protected URLConnection openConnection(URL url) {
      String path = url.getPath();
      String entry = path.substring(path.indexOf("!/") + 2);
      return new URLConnection(url) {
        @Override
        public void connect() {}

        @Override
        public InputStream getInputStream() {
          return new ByteArrayInputStream(read(entry));
        }
      };
    }

    @Override
    public java.security.CodeSource codeSource() {
      return codeSource;
    }

    @Override
    public void close() {
      try {
        zip.close();
      } catch (IOException e) {
        // the file is deleted next; nothing else holds it
      }
    }
  }

  /** The measures of unpacked code. */
  record Unpacked(long codeSize, long unzippedSize, String sha256) {}

  /**
   * The size limits of deployed code.
   *
   * @param maxZippedBytes the largest archive
   * @param maxUnzippedBytes the largest unpacked code, counting the layers
   * @param layerBytes the unpacked size of the function's layers, already counted
   */
  record Limits(long maxZippedBytes, long maxUnzippedBytes, long layerBytes) {}

  /** Extracts archives and copies directories, enforcing the limits and refusing unsafe paths. */
  static final class Unpacker {
    private Unpacker() {}

    static Unpacked unpack(CodeSource source, Path task, Limits limits, String resource)
        throws IOException {
      return switch (source) {
        case CodeSource.FromBytes bytes -> {
          checkZipped(bytes.size(), limits, resource);
          byte[] zip = bytes.zip();
          long unzipped = extract(new ByteArrayInputStream(zip), task, limits, resource, source);
          yield new Unpacked(zip.length, unzipped, sha256(new ByteArrayInputStream(zip)));
        }
        case CodeSource.FromPath(Path path) when Files.isDirectory(path) ->
            copy(path, task, limits, resource);
        case CodeSource.FromPath(Path path) -> {
          if (!Files.isRegularFile(path)) {
            throw InvalidParameterValueException.of(
                resource, "Code", path, "Member must name an existing jar, zip or directory");
          }
          long size = Files.size(path);
          checkZipped(size, limits, resource);
          long unzipped;
          try (InputStream in = Files.newInputStream(path)) {
            unzipped = extract(in, task, limits, resource, source);
          }
          try (InputStream in = Files.newInputStream(path)) {
            yield new Unpacked(size, unzipped, sha256(in));
          }
        }
      };
    }

    private static void checkZipped(long size, Limits limits, String resource) {
      if (size > limits.maxZippedBytes()) {
        throw InvalidParameterValueException.of(
            resource,
            "Code",
            size + " bytes",
            "Member must have a zipped size less than or equal to "
                + limits.maxZippedBytes()
                + " bytes");
      }
    }

    /** Extracts an archive, returning its unpacked size. */
    private static long extract(
        InputStream raw, Path task, Limits limits, String resource, CodeSource source)
        throws IOException {
      java.io.PushbackInputStream in = new java.io.PushbackInputStream(raw, 4);
      byte[] magic = in.readNBytes(4);
      if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K') {
        throw InvalidParameterValueException.of(
            resource, "Code", source, NOT_A_ZIP + " (it is not a zip archive)");
      }
      in.unread(magic);
      long unzipped = 0;
      int files = 0;
      try {
        ZipInputStream zip = new ZipInputStream(in); // closed by the caller, with the source
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
          Path target = safeTarget(task, entry.getName(), resource);
          if (entry.isDirectory()) {
            Files.createDirectories(target);
            continue;
          }
          Files.createDirectories(target.getParent());
          try (OutputStream out = Files.newOutputStream(target)) {
            unzipped = copyLimited(zip, out, unzipped, limits, resource);
          }
          files++;
        }
      } catch (ZipException e) {
        throw InvalidParameterValueException.of(
            resource, "Code", source, NOT_A_ZIP + " (" + e.getMessage() + ")");
      }
      if (files == 0) {
        throw InvalidParameterValueException.of(
            resource, "Code", source, NOT_A_ZIP + " (the archive holds no files)");
      }
      return unzipped;
    }

    private static String sha256(InputStream in) throws IOException {
      MessageDigest digest = sha256Digest();
      byte[] buffer = new byte[16 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return Base64.getEncoder().encodeToString(digest.digest());
    }

    /** Where an entry goes, refusing names that would leave the directory (zip slip). */
    private static Path safeTarget(Path task, String name, String resource) {
      boolean unsafe =
          name.isEmpty()
              || name.startsWith("/")
              || name.contains("\\")
              || name.indexOf(':') >= 0
              || name.indexOf('\0') >= 0
              || Stream.of(name.split("/")).anyMatch(".."::equals);
      Path target = task.resolve(name).normalize();
      if (unsafe || !target.startsWith(task)) {
        throw InvalidParameterValueException.of(
            resource,
            "Code",
            name,
            "Archive entries must be relative paths inside the archive (no '..', no absolute"
                + " paths, no drive letters or backslashes)");
      }
      return target;
    }

    private static long copyLimited(
        InputStream in, OutputStream out, long sofar, Limits limits, String resource)
        throws IOException {
      byte[] buffer = new byte[16 * 1024];
      long total = sofar;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
        if (total + limits.layerBytes() > limits.maxUnzippedBytes()) {
          throw tooLarge(limits, resource);
        }
        out.write(buffer, 0, n);
      }
      return total;
    }

    static InvalidParameterValueException tooLarge(Limits limits, String resource) {
      return InvalidParameterValueException.of(
          resource,
          "Code",
          "more than " + limits.maxUnzippedBytes() + " bytes unzipped",
          "Unzipped size must be smaller than "
              + limits.maxUnzippedBytes()
              + " bytes, counting the function's layers");
    }

    private static Unpacked copy(Path from, Path task, Limits limits, String resource)
        throws IOException {
      MessageDigest digest = sha256Digest();
      long total = 0;
      List<Path> files;
      try (Stream<Path> walk = Files.walk(from)) {
        files = walk.filter(p -> !p.equals(from)).sorted().toList();
      }
      for (Path file : files) {
        String name = from.relativize(file).toString().replace('\\', '/');
        if (Files.isSymbolicLink(file)) {
          throw InvalidParameterValueException.of(
              resource, "Code", name, "A code directory must not hold symbolic links");
        }
        Path target = safeTarget(task, name, resource);
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
          continue;
        }
        try (InputStream in =
                new java.security.DigestInputStream(Files.newInputStream(file), digest);
            OutputStream out = Files.newOutputStream(target)) {
          digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          total = copyLimited(in, out, total, limits, resource);
        }
      }
      if (total == 0 && files.stream().noneMatch(Files::isRegularFile)) {
        throw InvalidParameterValueException.of(
            resource, "Code", from, "A code directory must hold at least one file");
      }
      return new Unpacked(total, total, Base64.getEncoder().encodeToString(digest.digest()));
    }

    private static MessageDigest sha256Digest() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every JDK has SHA-256", e);
      }
    }
  }

  @Override
  public String toString() {
    return "code of " + resource + " in " + directory;
  }
}
