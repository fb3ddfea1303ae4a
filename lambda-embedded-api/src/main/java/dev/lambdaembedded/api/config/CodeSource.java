/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where deployed code comes from: a jar or zip file, an exploded directory, or zip bytes in memory.
 *
 * <p>A function's archive or directory follows Lambda's layout: classes and resources at the root,
 * dependency jars in {@code lib/*.jar}. A layer's follows Lambda's Java layer layout, jars in
 * {@code java/lib/*.jar}; a layer that is itself a plain jar (classes at its root) is accepted too.
 * The runtime copies the code when it is registered, so the file or directory can change or be
 * deleted afterwards, and it never holds the caller's files open.
 */
public sealed interface CodeSource permits CodeSource.FromPath, CodeSource.FromBytes {

  /**
   * Returns the code in a jar or zip file, or in a directory.
   *
   * @param path the file or directory
   * @return the source
   */
  static CodeSource of(Path path) {
    return new FromPath(path);
  }

  /**
   * Returns the code in zip (or jar) bytes.
   *
   * @param zip the archive's bytes, copied
   * @return the source
   */
  static CodeSource ofZip(byte[] zip) {
    return new FromBytes(zip);
  }

  /**
   * Code in a file (a jar or zip) or a directory.
   *
   * @param path the file or directory
   */
  record FromPath(Path path) implements CodeSource {
    /** Checks that the path is not null. */
    public FromPath {
      requireNonNull(path, "path");
    }
  }

  /** Code in zip bytes held in memory. */
  final class FromBytes implements CodeSource {
    private final byte[] zip;

    FromBytes(byte[] zip) {
      this.zip = requireNonNull(zip, "zip").clone();
    }

    /**
     * Returns a copy of the archive's bytes.
     *
     * @return the bytes
     */
    public byte[] zip() {
      return zip.clone();
    }

    /**
     * Returns the archive's size.
     *
     * @return the size in bytes
     */
    public int size() {
      return zip.length;
    }

    @Override
    public String toString() {
      return "zip bytes (" + zip.length + " bytes)";
    }
  }
}
