/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds and reads event files and folders: relative to an anchor class's package, then from the
 * class-path root, then on the file system.
 */
final class EventFiles {

  /*
   * Class-path folders are listed from their URL: a file: URL is a directory, a jar: URL a prefix of
   * the jar's entries (found through the jar's directory entry, which Maven and the jar tool write).
   * Jars are opened without the URL cache, and closed, so a test never keeps a jar open or reads a
   * stale cached copy. Other URL schemes can be read as files but not listed as folders.
   */

  private static final String JSON = ".json";

  private EventFiles() {}

  /**
   * Reads the event file at a path.
   *
   * @param anchor the class relative lookups start from, or {@code null} for none
   * @param loader the class loader of class-path root lookups
   * @param path the path as the test wrote it
   * @return the file
   * @throws IllegalArgumentException if the path is blank
   * @throws EventLoadingException if nothing is found, or what is found is a folder or unreadable
   */
  static EventFile file(@Nullable Class<?> anchor, ClassLoader loader, String path) {
    List<String> looked = new ArrayList<>();
    for (Candidate candidate : candidates(anchor, loader, path)) {
      looked.add(candidate.place());
      switch (candidate) {
        case Candidate.OnClassPath(_, var url) when url != null -> {
          return readResource(path, url);
        }
        case Candidate.OnFileSystem(_, var file) when Files.exists(file) -> {
          if (Files.isDirectory(file)) {
            throw notAFile(path, file.toString());
          }
          return new EventFile(path, fileName(path), file.toString(), readFile(path, file));
        }
        default -> {
          // not there: try the next place
        }
      }
    }
    throw new EventLoadingException(
        path, "No event file \"" + path + "\": looked in " + String.join(", ", looked), null);
  }

  /**
   * Reads every {@code .json} file of a folder, sorted by file name.
   *
   * @param anchor the class relative lookups start from, or {@code null} for none
   * @param loader the class loader of class-path root lookups
   * @param folder the folder as the test wrote it
   * @return the files, at least one
   * @throws IllegalArgumentException if the path is blank
   * @throws EventLoadingException if nothing is found, what is found is not a folder, a file is
   *     unreadable, or the folder has no {@code .json} file
   */
  static List<EventFile> folder(@Nullable Class<?> anchor, ClassLoader loader, String folder) {
    String trimmed = stripTrailingSlashes(folder);
    List<String> looked = new ArrayList<>();
    for (Candidate candidate : candidates(anchor, loader, trimmed)) {
      looked.add(candidate.place());
      switch (candidate) {
        case Candidate.OnClassPath(_, var url) when url != null -> {
          return requireJson(folder, url.toString(), listResource(folder, url));
        }
        case Candidate.OnFileSystem(_, var dir) when Files.exists(dir) -> {
          return requireJson(folder, dir.toString(), listDirectory(folder, dir, dir.toString()));
        }
        default -> {
          // not there: try the next place
        }
      }
    }
    throw new EventLoadingException(
        folder, "No event folder \"" + folder + "\": looked in " + String.join(", ", looked), null);
  }

  /** The places a path may be, in lookup order, each described for messages. */
  private static List<Candidate> candidates(
      @Nullable Class<?> anchor, ClassLoader loader, String path) {
    if (path.isBlank()) {
      throw new IllegalArgumentException("An event path must not be blank, got \"" + path + "\"");
    }
    List<Candidate> candidates = new ArrayList<>(3);
    boolean absolute = path.startsWith("/");
    String rootName = path.replaceFirst("^/+", "");
    if (anchor != null && !absolute && !anchor.getPackageName().isEmpty()) {
      String name = anchor.getPackageName().replace('.', '/') + "/" + path;
      candidates.add(new Candidate.OnClassPath("classpath:" + name, anchor.getResource(path)));
    }
    if (!rootName.isEmpty()) {
      candidates.add(
          new Candidate.OnClassPath("classpath:" + rootName, loader.getResource(rootName)));
    }
    try {
      Path file = Path.of(path).toAbsolutePath().normalize();
      candidates.add(new Candidate.OnFileSystem("file " + file, file));
    } catch (InvalidPathException e) {
      // not a path on this file system: the class path was the only place to look
    }
    return candidates;
  }

  private static EventFile readResource(String path, URL url) {
    String location = url.toString();
    try {
      if ("file".equals(url.getProtocol())) {
        Path file = Path.of(url.toURI());
        if (Files.isDirectory(file)) {
          throw notAFile(path, location);
        }
        return new EventFile(path, fileName(path), location, readFile(path, file));
      }
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      if (connection instanceof JarURLConnection jar) {
        JarEntry entry = jar.getJarEntry();
        if (entry == null || entry.isDirectory()) {
          jar.getJarFile().close();
          throw notAFile(path, location);
        }
      }
      try (InputStream in = connection.getInputStream()) {
        return new EventFile(path, fileName(path), location, in.readAllBytes());
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      throw unreadable(path, location, e);
    }
  }

  private static List<EventFile> listResource(String folder, URL url) {
    String location = url.toString();
    try {
      if ("file".equals(url.getProtocol())) {
        return listDirectory(folder, Path.of(url.toURI()), location);
      }
      URLConnection connection = url.openConnection();
      if (!(connection instanceof JarURLConnection jarConnection)) {
        throw new EventLoadingException(
            folder,
            "Event folder \""
                + folder
                + "\" was found at "
                + location
                + ", which is neither a directory nor inside a jar, so it cannot be listed",
            null);
      }
      jarConnection.setUseCaches(false);
      try (JarFile jar = jarConnection.getJarFile()) {
        return listJar(folder, jar, jarConnection.getEntryName(), location);
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      throw unreadable(folder, location, e);
    }
  }

  private static List<EventFile> listJar(
      String folder, JarFile jar, @Nullable String entryName, String location) throws IOException {
    JarEntry folderEntry = entryName == null ? null : jar.getJarEntry(entryName);
    if (entryName == null || folderEntry == null || !folderEntry.isDirectory()) {
      throw notAFolder(folder, location);
    }
    String prefix = stripTrailingSlashes(entryName) + "/";
    List<JarEntry> entries =
        jar.stream()
            .filter(e -> !e.isDirectory())
            .filter(e -> e.getName().startsWith(prefix))
            .filter(e -> e.getName().indexOf('/', prefix.length()) < 0)
            .filter(e -> e.getName().endsWith(JSON))
            .sorted(Comparator.comparing(JarEntry::getName))
            .toList();
    String jarLocation = location.substring(0, location.indexOf("!/") + 2);
    List<EventFile> files = new ArrayList<>(entries.size());
    for (JarEntry entry : entries) {
      try (InputStream in = jar.getInputStream(entry)) {
        files.add(
            new EventFile(
                folder,
                entry.getName().substring(prefix.length()),
                jarLocation + entry.getName(),
                in.readAllBytes()));
      }
    }
    return files;
  }

  private static List<EventFile> listDirectory(String folder, Path dir, String location) {
    if (!Files.isDirectory(dir)) {
      throw notAFolder(folder, location);
    }
    List<Path> paths;
    try (Stream<Path> children = Files.list(dir)) {
      paths =
          children
              .filter(p -> p.getFileName().toString().endsWith(JSON))
              .filter(Files::isRegularFile)
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw unreadable(folder, location, e);
    }
    List<EventFile> files = new ArrayList<>(paths.size());
    for (Path file : paths) {
      files.add(
          new EventFile(
              folder, file.getFileName().toString(), file.toString(), readFile(folder, file)));
    }
    return files;
  }

  private static List<EventFile> requireJson(
      String folder, String location, List<EventFile> files) {
    if (files.isEmpty()) {
      throw new EventLoadingException(
          folder,
          "Event folder \"" + folder + "\" at " + location + " has no " + JSON + " file",
          null);
    }
    return files;
  }

  private static byte[] readFile(String path, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(path, file.toString(), e);
    }
  }

  private static String fileName(String path) {
    String trimmed = stripTrailingSlashes(path);
    int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
    return trimmed.substring(slash + 1);
  }

  private static String stripTrailingSlashes(String path) {
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  private static EventLoadingException notAFile(String path, String location) {
    return new EventLoadingException(
        path,
        "Event file \""
            + path
            + "\" at "
            + location
            + " is a folder: read a folder's events with @Events(folder = ...)",
        null);
  }

  private static EventLoadingException notAFolder(String folder, String location) {
    return new EventLoadingException(
        folder, "Event folder \"" + folder + "\" at " + location + " is not a folder", null);
  }

  private static EventLoadingException unreadable(String path, String location, Exception e) {
    return new EventLoadingException(
        path, "Cannot read event \"" + path + "\" at " + location + ": " + e, e);
  }

  /** A place an event path may be. */
  private sealed interface Candidate {

    /** Returns the place, described for messages. */
    String place();

    /** A class-path resource; {@code url} is null when the class loader has none. */
    record OnClassPath(String place, @Nullable URL url) implements Candidate {}

    /** A file-system path, absolute. */
    record OnFileSystem(String place, Path path) implements Candidate {}
  }
}
