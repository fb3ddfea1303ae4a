/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodeSource;
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
import java.nio.file.StandardOpenOption;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
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
import org.jspecify.annotations.Nullable;

/**
 * Deployed code copied into a directory of its own and indexed once, then shared by the class
 * loaders of every environment that runs it; each class is checked and rewritten once, when a
 * loader first defines it.
 *
 * <p>Copying follows Lambda, which keeps its own copy of the code: an archive is copied as one file
 * and read in place through a {@link ZipFile} (only its nested jars are extracted, as files of
 * their own), a directory is copied, so later changes to the caller's files do not reach running
 * code and no caller file is kept open. The search order is Lambda's: for a function, the root then
 * {@code lib/*.jar} sorted by name; for a layer, {@code java/lib/*.jar} sorted by name (or the
 * root, for a plain jar).
 *
 * <p>The bundle counts its users; the last {@link #release()} closes its archives and deletes its
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
    this.index = Collections.unmodifiableMap(entries); // no copy: thousands of entries
    this.packages = Collections.unmodifiableSet(names);
  }

  /**
   * Copies and indexes code. Nothing is inflated here but the nested jars: classes are read when a
   * loader defines them.
   *
   * @param source where the code is
   * @param kind a function's code or a layer's
   * @param policy the checks its classes must pass when they are defined
   * @param limits the size limits
   * @param workDirectory where to copy it
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
      Unpacked unpacked = Unpacker.unpack(source, directory, limits, resource);
      Root base = unpacked.base();
      roots.add(base);
      if (kind == Kind.FUNCTION) {
        roots.addAll(jars(base, "lib/", directory));
      } else {
        roots.addAll(jars(base, "java/lib/", directory));
        if (roots.size() > 1) {
          roots.remove(0).close(); // a layer of jars: its own root is not searched
        } else if (base.entries().stream().noneMatch(entry -> entry.endsWith(".class"))) {
          throw InvalidParameterValueException.of(
              resource,
              "Content",
              "(no classes)",
              "A Java layer holds its jars in java/lib/*.jar, or is a jar with classes at its root");
        }
      }
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

  /**
   * The {@code *.jar} files directly in a folder of the code, sorted by name, as Lambda's class
   * path; a jar inside an archive is extracted to a file of its own in the bundle's directory.
   */
  private static List<Root> jars(Root base, String folder, Path directory) throws IOException {
    List<String> names =
        base.entries().stream()
            .filter(entry -> entry.startsWith(folder) && entry.endsWith(".jar"))
            .filter(entry -> entry.indexOf('/', folder.length()) < 0)
            .sorted()
            .toList();
    List<Root> roots = new ArrayList<>();
    try {
      for (String name : names) {
        Path file = base.file(name, directory);
        try {
          roots.add(new ZipRoot(file, name, directory, entry -> {}));
        } catch (ZipException e) {
          throw new ZipException(name + " is not a jar: " + e.getMessage());
        }
      }
    } catch (IOException | RuntimeException e) {
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

  /** One place classes are found: the copied archive or directory, or one jar of it. */
  private sealed interface Root permits DirectoryRoot, ZipRoot {
    /** The names of its files, {@code /}-separated, without directories. */
    Set<String> entries();

    byte[] read(String entry);

    URL url(String entry);

    java.security.CodeSource codeSource();

    /**
     * Returns a file holding one entry, extracting it into a directory if it is not a file yet.
     *
     * @param entry one of {@link #entries()}
     * @param directory where an extracted entry goes, at its own name
     * @return the file
     * @throws IOException if it cannot be extracted or does not hold what its archive declares
     */
    Path file(String entry, Path directory) throws IOException;

    void close();
  }

  /** A copied directory. */
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
    public Path file(String entry, Path ignored) {
      return directory.resolve(entry);
    }

    @Override
    public void close() {}
  }

  /**
   * An archive read in place through a {@link ZipFile}: the copied function or layer archive, or
   * one of its jars. Its resources get URLs served from that file, not {@code jar:} URLs, so the
   * JDK's jar cache never holds (or locks) it.
   *
   * <p>The entries come from the central directory, read once when the root is made; the file is
   * then closed and opened again at the first read, so registered code that never runs holds no
   * file descriptor. Every read is bounded by the size the central directory declares and checked
   * against its CRC: an entry that inflates to more (a lying central directory), to less, or to
   * other bytes fails its read instead of filling memory or disk.
   */
  private static final class ZipRoot extends URLStreamHandler implements Root {
    private final Path file;
    private final String shownAs;
    private final String urlPath;
    private final Map<String, String> renamed;
    private final Set<String> entries;
    private final java.security.CodeSource codeSource;
    private final Object lock = new Object();
    private @Nullable ZipFile zip;
    private boolean closed;

    /** What a root checks of each central directory entry as it reads them, directories too. */
    @FunctionalInterface
    interface EntryCheck {
      void check(ZipEntry entry) throws IOException;
    }

    /**
     * Reads the central directory of an archive.
     *
     * @param file the archive, owned by the bundle
     * @param shownAs its name in messages and URLs, such as {@code lib/a.jar}
     * @param bundle the bundle's directory, whose name makes the URLs unique to the bundle
     * @param check applied to every entry
     * @throws ZipException if it is not a zip archive
     * @throws IOException if it cannot be read, or the check refuses an entry
     */
    ZipRoot(Path file, String shownAs, Path bundle, EntryCheck check) throws IOException {
      this.file = file;
      this.shownAs = shownAs;
      this.urlPath = "/" + bundle.getFileName() + "/" + shownAs + "!/";
      Set<String> names = new HashSet<>();
      Map<String, String> differing = new HashMap<>();
      try (ZipFile archive = new ZipFile(file.toFile())) {
        for (Enumeration<? extends ZipEntry> all = archive.entries(); all.hasMoreElements(); ) {
          ZipEntry entry = all.nextElement();
          check.check(entry);
          if (!entry.isDirectory()) {
            String name = normalized(entry.getName());
            names.add(name);
            if (name.equals(entry.getName())) {
              differing.remove(name);
            } else {
              differing.put(name, entry.getName()); // as extracting, the last of a name wins
            }
          }
        }
      }
      this.renamed = Map.copyOf(differing);
      this.entries = Collections.unmodifiableSet(names);
      this.codeSource = new java.security.CodeSource(file.toUri().toURL(), (CodeSigner[]) null);
    }

    /**
     * An entry's name as extracting it would have placed it: without {@code .} and empty segments,
     * so {@code ./fn/A.class} is found as {@code fn/A.class}.
     */
    static String normalized(String name) {
      if (!name.startsWith("./") && !name.contains("//") && !name.contains("/./")) {
        return name;
      }
      List<String> segments = new ArrayList<>();
      for (String segment : name.split("/", -1)) {
        if (!segment.isEmpty() && !segment.equals(".")) {
          segments.add(segment);
        }
      }
      return String.join("/", segments);
    }

    /** The open archive, opened again if it was closed after indexing. */
    private ZipFile zip() throws IOException {
      synchronized (lock) {
        if (closed) {
          throw new IllegalStateException(shownAs + " of deployed code was released");
        }
        ZipFile open = zip;
        if (open == null) {
          open = new ZipFile(file.toFile());
          zip = open;
        }
        return open;
      }
    }

    /** Opens an entry as a stream that checks its size and CRC against the central directory. */
    private InputStream stream(String entry) throws IOException {
      ZipFile archive = zip();
      ZipEntry zipEntry =
          entries.contains(entry) ? archive.getEntry(renamed.getOrDefault(entry, entry)) : null;
      if (zipEntry == null) {
        throw new IllegalStateException(entry + " vanished from " + shownAs);
      }
      return new EntryStream(archive.getInputStream(zipEntry), zipEntry, shownAs);
    }

    @Override
    public Set<String> entries() {
      return entries;
    }

    @Override
    public byte[] read(String entry) {
      try (InputStream in = stream(entry)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + entry + " from " + shownAs, e);
      }
    }

    @Override
    public URL url(String entry) {
      try {
        return URL.of(new java.net.URI("lambda-code", null, urlPath + entry, null), this);
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
        public InputStream getInputStream() throws IOException {
          if (!entries.contains(entry)) {
            throw new java.io.FileNotFoundException(entry + " is not in " + shownAs);
          }
          return stream(entry);
        }
      };
    }

    @Override
    public java.security.CodeSource codeSource() {
      return codeSource;
    }

    @Override
    public Path file(String entry, Path directory) throws IOException {
      Path target = directory.resolve(entry);
      Files.createDirectories(target.getParent());
      try (InputStream in = stream(entry);
          OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
        in.transferTo(out);
      }
      return target;
    }

    @Override
    public void close() {
      ZipFile open;
      synchronized (lock) {
        closed = true;
        open = zip;
        zip = null;
      }
      if (open != null) {
        try {
          open.close();
        } catch (IOException e) {
          // the file is deleted next; nothing else holds it
        }
      }
    }
  }

  /**
   * An entry's data, refused as soon as it holds more bytes than its central directory declares
   * (reading at most one byte past), and at its end if it holds fewer or fails the CRC.
   */
  private static final class EntryStream extends java.io.FilterInputStream {
    private final long size;
    private final long crc;
    private final String name;
    private final java.util.zip.CRC32 actual = new java.util.zip.CRC32();
    private long count;

    EntryStream(InputStream in, ZipEntry entry, String archive) throws ZipException {
      super(in);
      this.size = entry.getSize();
      this.crc = entry.getCrc();
      this.name = entry.getName() + " in " + archive;
      if (size < 0) {
        throw new ZipException(name + " has no size in the central directory");
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, size - count + 1));
      if (n < 0) {
        if (count != size) {
          throw new ZipException(
              name + " holds " + count + " bytes where the central directory declares " + size);
        }
        if (crc >= 0 && actual.getValue() != crc) {
          throw new ZipException(name + " does not match the CRC of the central directory");
        }
        return -1;
      }
      count += n;
      if (count > size) {
        throw new ZipException(
            name + " holds more than the " + size + " bytes the central directory declares");
      }
      actual.update(buffer, offset, n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = 0;
      byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
      while (skipped < n) {
        int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
        if (read < 0) {
          break;
        }
        skipped += read;
      }
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), Math.max(0, size - count));
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public synchronized void mark(int limit) {}

    @Override
    public synchronized void reset() throws IOException {
      throw new IOException("mark/reset not supported");
    }
  }

  /**
   * Copied code and its measures.
   *
   * @param base the root the rest is found in: the copied archive or directory
   * @param codeSize the archive's size, or the directory's bytes
   * @param unzippedSize its unpacked size
   * @param sha256 Lambda's {@code CodeSha256}: the archive's SHA-256, in Base64
   */
  private record Unpacked(Root base, long codeSize, long unzippedSize, String sha256) {}

  /**
   * The size limits of deployed code.
   *
   * @param maxZippedBytes the largest archive
   * @param maxUnzippedBytes the largest unpacked code, counting the layers
   * @param layerBytes the unpacked size of the function's layers, already counted
   */
  record Limits(long maxZippedBytes, long maxUnzippedBytes, long layerBytes) {}

  /**
   * Copies archives and directories into a bundle's directory, enforcing the limits and refusing
   * unsafe paths.
   */
  static final class Unpacker {
    /** The copy of an archive in the bundle's directory. */
    static final String ARCHIVE = "code.zip";

    private Unpacker() {}

    /**
     * Copies code into a bundle's directory: an archive as one file, hashed while it is copied and
     * checked from its central directory; a directory as a tree.
     */
    private static Unpacked unpack(
        CodeSource source, Path directory, Limits limits, String resource) throws IOException {
      return switch (source) {
        case CodeSource.FromBytes bytes -> {
          checkZipped(bytes.size(), limits, resource);
          byte[] zip = bytes.zip();
          Path file = directory.resolve(ARCHIVE);
          Files.write(file, zip, StandardOpenOption.CREATE_NEW);
          MessageDigest digest = sha256Digest();
          digest.update(zip);
          yield archive(file, zip.length, digest, directory, limits, resource, source);
        }
        case CodeSource.FromPath(Path path) when Files.isDirectory(path) -> {
          Path task = directory.resolve("task");
          Files.createDirectory(task);
          yield copy(path, task, limits, resource);
        }
        case CodeSource.FromPath(Path path) -> {
          if (!Files.isRegularFile(path)) {
            throw InvalidParameterValueException.of(
                resource, "Code", path, "Member must name an existing jar, zip or directory");
          }
          checkZipped(Files.size(path), limits, resource);
          Path file = directory.resolve(ARCHIVE);
          MessageDigest digest = sha256Digest();
          long size;
          try (InputStream in = Files.newInputStream(path);
              OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            size = copyZipped(in, out, digest, limits, resource);
          }
          yield archive(file, size, digest, directory, limits, resource, source);
        }
      };
    }

    /**
     * Copies a caller's archive, hashing it on the way; bounded by the zipped limit, since the file
     * may grow after its size was checked.
     */
    private static long copyZipped(
        InputStream in, OutputStream out, MessageDigest digest, Limits limits, String resource)
        throws IOException {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
        checkZipped(total, limits, resource);
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      return total;
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

    /**
     * Opens a copied archive as a root, refusing what is not a zip, unsafe entry names and an
     * unzipped size above the limit, all read from its central directory: no entry is inflated. The
     * sizes it declares bound every later read of the entries (see {@link ZipRoot}).
     */
    private static Unpacked archive(
        Path file,
        long size,
        MessageDigest digest,
        Path directory,
        Limits limits,
        String resource,
        CodeSource source)
        throws IOException {
      byte[] magic;
      try (InputStream in = Files.newInputStream(file)) {
        magic = in.readNBytes(4);
      }
      if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K') {
        throw InvalidParameterValueException.of(
            resource, "Code", source, NOT_A_ZIP + " (it is not a zip archive)");
      }
      long[] unzipped = {0};
      ZipRoot root;
      try {
        root =
            new ZipRoot(
                file,
                ARCHIVE,
                directory,
                entry -> {
                  checkName(entry.getName(), resource);
                  if (entry.isDirectory()) {
                    return;
                  }
                  if (entry.getSize() < 0) {
                    throw new ZipException(entry.getName() + " has no size");
                  }
                  unzipped[0] += entry.getSize();
                  if (unzipped[0] + limits.layerBytes() > limits.maxUnzippedBytes()) {
                    throw tooLarge(limits, resource);
                  }
                });
      } catch (ZipException e) {
        throw InvalidParameterValueException.of(
            resource, "Code", source, NOT_A_ZIP + " (" + e.getMessage() + ")");
      }
      if (root.entries().isEmpty()) {
        root.close();
        throw InvalidParameterValueException.of(
            resource, "Code", source, NOT_A_ZIP + " (the archive holds no files)");
      }
      return new Unpacked(
          root, size, unzipped[0], Base64.getEncoder().encodeToString(digest.digest()));
    }

    /** Refuses names that would leave the code's directory if extracted (zip slip). */
    private static void checkName(String name, String resource) {
      if (isUnsafe(name)) {
        throw unsafeName(name, resource);
      }
    }

    private static boolean isUnsafe(String name) {
      return name.isEmpty()
          || name.startsWith("/")
          || name.contains("\\")
          || name.indexOf(':') >= 0
          || name.indexOf('\0') >= 0
          || (name.contains("..") && Stream.of(name.split("/")).anyMatch(".."::equals));
    }

    private static InvalidParameterValueException unsafeName(String name, String resource) {
      return InvalidParameterValueException.of(
          resource,
          "Code",
          name,
          "Archive entries must be relative paths inside the archive (no '..', no absolute"
              + " paths, no drive letters or backslashes)");
    }

    /** Where a copied file goes, refusing names that would leave the directory. */
    private static Path safeTarget(Path task, String name, String resource) {
      Path target = task.resolve(name).normalize();
      if (isUnsafe(name) || !target.startsWith(task)) {
        throw unsafeName(name, resource);
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
      return new Unpacked(
          new DirectoryRoot(task),
          total,
          total,
          Base64.getEncoder().encodeToString(digest.digest()));
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
