/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

/**
 * The content of one event file, read once, with the path the test wrote and where it was found.
 *
 * <p>Immutable as long as nobody writes into {@link #bytes()}, which is package-private for that
 * reason: readers copy it before handing it out.
 */
final class EventFile {

  private final String path;
  private final String name;
  private final String location;
  private final byte[] bytes;

  /**
   * Creates an event file.
   *
   * @param path the path as the test wrote it; for a file found in a folder, the folder's path
   * @param name the file name, the invocation's display name
   * @param location where the file was found, for messages
   * @param bytes the content, not copied
   */
  EventFile(String path, String name, String location, byte[] bytes) {
    this.path = path;
    this.name = name;
    this.location = location;
    this.bytes = bytes;
  }

  String path() {
    return path;
  }

  String name() {
    return name;
  }

  String location() {
    return location;
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return location;
  }
}
