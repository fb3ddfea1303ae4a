/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EventLoaderTest {

  @TempDir Path temp;

  @Test
  void load_withAnchor_prefersTheAnchorsPackage() {
    assertThat(EventLoader.load(EventLoaderTest.class, "order.json", Source.class))
        .isEqualTo(new Source("relative", 3));
  }

  @Test
  void load_withoutAnchor_readsFromTheClassPathRoot() {
    assertThat(EventLoader.load("order.json", Source.class)).isEqualTo(new Source("root", 1));
  }

  @Test
  void load_absoluteFileSystemPath_readsTheFile() throws IOException {
    Path file = Files.writeString(temp.resolve("event.json"), "{\"source\": \"temp\"}");

    assertThat(EventLoader.load(file.toString(), Source.class)).isEqualTo(new Source("temp", 0));
  }

  @Test
  void load_relativeFileSystemPath_readsFromTheWorkingDirectory() {
    assertThat(EventLoader.load("src/test/fs-events/standalone.json", Source.class))
        .isEqualTo(new Source("file-system", 4));
  }

  @Test
  void load_primitiveAndScalarTypes_readTheValue() throws IOException {
    Path file = Files.writeString(temp.resolve("number.json"), "42");

    assertThat(EventLoader.load(file.toString(), int.class)).isEqualTo(42);
    assertThat(EventLoader.load(file.toString(), Long.class)).isEqualTo(42L);
  }

  @Test
  void load_singleValueForAList_isAccepted() throws IOException {
    Path file = Files.writeString(temp.resolve("single.json"), "{\"skus\": \"A\"}");

    assertThat(EventLoader.load(file.toString(), Skus.class).skus()).containsExactly("A");
  }

  @Test
  void load_rawTypes_areUnparsed() throws IOException {
    Path file = Files.writeString(temp.resolve("not-json.json"), "not json");

    assertThat(EventLoader.load(file.toString(), String.class)).isEqualTo("not json");
    assertThat(EventLoader.load(file.toString(), byte[].class))
        .isEqualTo("not json".getBytes(UTF_8));
    assertThat(EventLoader.loadJson(file.toString())).isEqualTo("not json");
  }

  @Test
  void loadJson_withAnchor_readsTheText() {
    assertThat(EventLoader.loadJson(EventLoaderTest.class, "order.json"))
        .startsWith("{\"source\": \"relative\"");
  }

  @Test
  void load_typeFromAnotherClassLoader_isRead() throws Exception {
    Path testClasses = Path.of(codeSource(EventLoaderTest.class));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {testClasses.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> foreign = loader.loadClass(Source.class.getName());
      assertThat(foreign).isNotEqualTo(Source.class);

      Object source = EventLoader.load("order.json", foreign);

      assertThat(source).isInstanceOf(foreign);
      assertThat(source).hasToString("Source[source=root, orderId=1]");
    }
  }

  @Test
  void missing_failsNamingEveryPlaceLooked() {
    assertThatThrownBy(() -> EventLoader.load(EventLoaderTest.class, "missing.json", Map.class))
        .isInstanceOfSatisfying(
            EventLoadingException.class, e -> assertThat(e.path()).isEqualTo("missing.json"))
        .hasMessage(
            "No event file \"missing.json\": looked in"
                + " classpath:dev/lambdaembedded/test/missing.json, classpath:missing.json, file "
                + Path.of("missing.json").toAbsolutePath());
  }

  @Test
  void missingWithoutAnchor_looksInTheRootAndTheFileSystem() {
    assertThatThrownBy(() -> EventLoader.loadJson("/missing.json"))
        .isInstanceOf(EventLoadingException.class)
        .hasMessage(
            "No event file \"/missing.json\": looked in classpath:missing.json, file /missing.json");
  }

  @Test
  void malformed_failsNamingTheFileAndJacksonsMessage() {
    assertThatThrownBy(() -> load("broken/malformed.json"))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageStartingWith("Malformed JSON in event file file:")
        .hasMessageContaining(
            "/dev/lambdaembedded/test/broken/malformed.json: Unexpected character")
        .hasMessageEndingWith("at line 2, column 10");
  }

  @Test
  void trailingContent_failsAsMalformed() {
    assertThatThrownBy(() -> load("broken/trailing.json"))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageStartingWith("Malformed JSON in event file file:")
        .hasMessageEndingWith(
            "/broken/trailing.json: unexpected START_OBJECT after the JSON value at line 1,"
                + " column 17");
  }

  @Test
  void empty_failsAsMalformed() {
    assertThatThrownBy(() -> load("broken/empty.json"))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageEndingWith("/broken/empty.json: the file holds no JSON value");
  }

  @Test
  void jsonNull_fails() {
    assertThatThrownBy(() -> load("broken/null.json"))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageEndingWith(
            "/broken/null.json holds JSON null, which is no event: read it as String to get the"
                + " text");
  }

  @Test
  void wrongType_failsNamingTheFileAndTheType() {
    assertThatThrownBy(() -> load("broken/mismatch.json"))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageStartingWith("Cannot read event file file:")
        .hasMessageContaining(
            "/broken/mismatch.json as dev.lambdaembedded.test.EventLoaderTest$Order: ")
        .hasMessageContaining("forty-two")
        .hasMessageContaining("orderId");
  }

  @Test
  void folderAsFile_fails() {
    assertThatThrownBy(() -> load("orders"))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageEndingWith(
            "/dev/lambdaembedded/test/orders is a folder: read a folder's events with @Events(folder"
                + " = ...)");
  }

  @Test
  void emptyFolder_fails() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("empty"));
    Files.writeString(folder.resolve("notes.txt"), "no events here");

    assertThatThrownBy(
            () -> EventFiles.folder(null, ClassLoader.getSystemClassLoader(), folder.toString()))
        .isInstanceOf(EventLoadingException.class)
        .hasMessage("Event folder \"" + folder + "\" at " + folder + " has no .json file");
  }

  @Test
  void blankPath_fails() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EventLoader.load(" ", Map.class))
        .withMessage("An event path must not be blank, got \" \"");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArguments_fail() {
    assertThatNullPointerException()
        .isThrownBy(() -> EventLoader.load(null, Map.class))
        .withMessage("path");
    assertThatNullPointerException()
        .isThrownBy(() -> EventLoader.load("order.json", null))
        .withMessage("type");
    assertThatNullPointerException()
        .isThrownBy(() -> EventLoader.load(null, "order.json", Map.class))
        .withMessage("anchor");
    assertThatNullPointerException()
        .isThrownBy(() -> EventLoader.loadJson(null))
        .withMessage("path");
    assertThatNullPointerException()
        .isThrownBy(() -> EventLoader.loadJson(EventLoaderTest.class, null))
        .withMessage("path");
  }

  @Test
  void jarFolder_listsItsJsonEntries_sortedByName() throws IOException {
    Path jar = jar(true);
    String jarUrl = "jar:" + jar.toUri().toURL();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      List<EventFile> files = EventFiles.folder(null, loader, "events/");

      assertThat(files).extracting(EventFile::name).containsExactly("a.json", "b.json");
      assertThat(files)
          .extracting(EventFile::location)
          .containsExactly(jarUrl + "!/events/a.json", jarUrl + "!/events/b.json");
      assertThat(EventJson.read(files.getFirst(), Map.class)).isEqualTo(Map.of("name", "a"));
    }
  }

  @Test
  void jarFile_isRead() throws IOException {
    Path jar = jar(true);
    String jarUrl = "jar:" + jar.toUri().toURL();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      EventFile file = EventFiles.file(null, loader, "events/b.json");

      assertThat(file.location()).isEqualTo(jarUrl + "!/events/b.json");
      assertThat(EventJson.read(file, Map.class)).isEqualTo(Map.of("name", "b"));
    }
  }

  @Test
  void jarFolderAsFile_andJarFileAsFolder_fail() throws IOException {
    Path jar = jar(true);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> EventFiles.file(null, loader, "events"))
          .isInstanceOf(EventLoadingException.class)
          .hasMessageContaining("is a folder");
      assertThatThrownBy(() -> EventFiles.folder(null, loader, "events/a.json"))
          .isInstanceOf(EventLoadingException.class)
          .hasMessageEndingWith("!/events/a.json is not a folder");
    }
  }

  @Test
  void jarWithoutDirectoryEntries_hasNoFolder() throws IOException {
    Path jar = jar(false);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> EventFiles.folder(null, loader, "events"))
          .isInstanceOf(EventLoadingException.class)
          .hasMessageStartingWith("No event folder \"events\": looked in classpath:events, file ");
    }
  }

  private static Object load(String path) {
    return EventLoader.load(EventLoaderTest.class, path, Order.class);
  }

  /** Writes a jar with events/{b,a}.json, a non-JSON file and a nested folder. */
  private Path jar(boolean directoryEntries) throws IOException {
    Path jar = temp.resolve(directoryEntries ? "events.jar" : "flat.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream entries = new JarOutputStream(out)) {
      if (directoryEntries) {
        put(entries, "events/", null);
        put(entries, "events/nested/", null);
      }
      put(entries, "events/b.json", "{\"name\": \"b\"}");
      put(entries, "events/a.json", "{\"name\": \"a\"}");
      put(entries, "events/readme.txt", "not an event");
      put(entries, "events/nested/c.json", "{\"name\": \"c\"}");
    }
    return jar;
  }

  private static void put(JarOutputStream jar, String name, @Nullable String content)
      throws IOException {
    jar.putNextEntry(new JarEntry(name));
    if (content != null) {
      jar.write(content.getBytes(UTF_8));
    }
    jar.closeEntry();
  }

  private static URI codeSource(Class<?> type) throws URISyntaxException {
    return type.getProtectionDomain().getCodeSource().getLocation().toURI();
  }

  record Order(int orderId, String sku, int quantity) {}

  record Source(String source, int orderId) {}

  record Skus(List<String> skus) {}
}
