/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.core.observe.Loggers;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/** Deletes the directories deployed code was unpacked into. */
final class Directories {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

  private Directories() {}

  /**
   * Deletes a directory and everything in it, without following links; a failure is logged, since
   * the caller is releasing code and has nothing better to do.
   *
   * @param directory the directory
   */
  static void delete(Path directory) {
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException failure)
                throws IOException {
              if (failure != null) {
                throw failure;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", directory, e.toString());
    }
  }
}
