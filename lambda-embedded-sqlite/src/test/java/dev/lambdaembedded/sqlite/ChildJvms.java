/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What the crash tests need to start a child JVM that runs one of their mains. */
final class ChildJvms {
  private ChildJvms() {}

  /**
   * Returns the child's class path: everything this JVM has on its module path and class path, and
   * the directory of the test classes, which Surefire patches into the module rather than listing.
   *
   * @param main the child's main class, found in the test classes' directory
   * @return the class path
   */
  static String classPath(Class<?> main) throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    String resource = main.getName().replace('.', '/') + ".class";
    URL self = main.getResource("/" + resource);
    if (self != null && self.getProtocol().equals("file")) {
      String classFile = Path.of(self.toURI()).toString();
      entries.add(classFile.substring(0, classFile.length() - resource.length() - 1));
    }
    Pattern separator = Pattern.compile(File.pathSeparator, Pattern.LITERAL);
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      separator
          .splitAsStream(System.getProperty(property, ""))
          .filter(entry -> !entry.isBlank())
          .forEach(entries::add);
    }
    return String.join(File.pathSeparator, entries);
  }
}
