/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Fat handler jars made the way a shade plugin makes them: the entries of several library jars
 * merged into one, the first of a name kept, {@code META-INF/services} files concatenated, and
 * signatures, manifests and {@code module-info.class} dropped.
 *
 * <p>The library jars are resources of this module ({@code registration/<set>/*.jar}, copied there
 * by the build's dependency plugin), so {@code benchmarks.jar} carries them and a forked JMH VM
 * finds them next to this class.
 */
final class FatJars {
  /** Where the library sets are, under this module's class path root. */
  static final String RESOURCES = "registration/";

  /** What a merged jar holds. */
  record Written(Path file, long bytes, int entries, int classes, List<String> libraries) {}

  private FatJars() {}

  /**
   * Writes a fat jar: the given class files of this module's class path first, then the entries of
   * every library jar of a set, in name order.
   *
   * @param set the library set, a directory under {@link #RESOURCES}
   * @param ownClasses class file names, such as {@code a/b/Handler.class}
   * @param file where to write the jar
   * @return what was written
   */
  static Written write(String set, List<String> ownClasses, Path file) {
    Map<String, ByteArrayOutputStream> services = new TreeMap<>();
    Set<String> names = new HashSet<>();
    int classes = 0;
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    Map<String, byte[]> libraries = libraries(set);
    try (OutputStream stream = Files.newOutputStream(file);
        JarOutputStream out = new JarOutputStream(stream, manifest)) {
      names.add("META-INF/");
      names.add(JarFile.MANIFEST_NAME);
      for (String name : ownClasses) {
        try (InputStream in = FatJars.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("Not on the class path: " + name);
          }
          names.add(name);
          out.putNextEntry(new JarEntry(name));
          in.transferTo(out);
          out.closeEntry();
          classes++;
        }
      }
      for (byte[] library : libraries.values()) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(library))) {
          for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            String name = entry.getName();
            if (dropped(name)) {
              continue;
            }
            if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
              ByteArrayOutputStream merged =
                  services.computeIfAbsent(name, k -> new ByteArrayOutputStream());
              in.transferTo(merged);
              merged.write('\n');
              continue;
            }
            if (!names.add(name)) {
              continue;
            }
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
            if (name.endsWith(".class")) {
              classes++;
            }
          }
        }
      }
      for (Map.Entry<String, ByteArrayOutputStream> service : services.entrySet()) {
        names.add(service.getKey());
        out.putNextEntry(new JarEntry(service.getKey()));
        service.getValue().writeTo(out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    try {
      return new Written(
          file, Files.size(file), names.size(), classes, List.copyOf(libraries.keySet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean dropped(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return upper.equals("META-INF/MANIFEST.MF")
        || upper.equals("META-INF/INDEX.LIST")
        || (upper.startsWith("META-INF/")
            && upper.indexOf('/', "META-INF/".length()) < 0
            && (upper.endsWith(".SF")
                || upper.endsWith(".DSA")
                || upper.endsWith(".RSA")
                || upper.endsWith(".EC")))
        || name.endsWith("module-info.class");
  }

  /** The library jars of a set by file name, read from this module's class path root. */
  private static Map<String, byte[]> libraries(String set) {
    String prefix = RESOURCES + set + "/";
    Map<String, byte[]> jars = new TreeMap<>();
    Path location;
    try {
      location = Path.of(FatJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try {
      if (Files.isDirectory(location)) {
        Path directory = location.resolve(prefix);
        if (Files.isDirectory(directory)) {
          try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
              jars.put(jar.getFileName().toString(), Files.readAllBytes(jar));
            }
          }
        }
      } else {
        try (ZipFile zip = new ZipFile(location.toFile())) {
          for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            String name = entry.getName();
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
              try (InputStream in = zip.getInputStream(entry)) {
                jars.put(name.substring(prefix.length()), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the library jars of " + location, e);
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(
          "No library jars under "
              + prefix
              + " in "
              + location
              + ": build the benchmarks with ./mvnw -pl lambda-embedded-benchmarks -am package");
    }
    return jars;
  }

  /** For the benchmark's log: the counts of a written jar, in one line. */
  static String describe(Written written) {
    List<String> parts = new ArrayList<>();
    parts.add(String.format(java.util.Locale.ROOT, "%,d bytes", written.bytes()));
    parts.add(String.format(java.util.Locale.ROOT, "%,d entries", written.entries()));
    parts.add(String.format(java.util.Locale.ROOT, "%,d classes", written.classes()));
    parts.add(written.libraries().size() + " library jars");
    return written.file().getFileName() + ": " + String.join(", ", parts);
  }
}
