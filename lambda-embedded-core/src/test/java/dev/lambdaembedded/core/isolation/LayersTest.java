/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.LayerVersionInfo;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.CodeSource;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers, as Lambda's PublishLayerVersion and the function's Layers list: numbered immutable
 * versions, java/lib/*.jar searched after the function's own code in list order, one class loader
 * per version shared by every function.
 */
final class LayersTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();
  @TempDir Path temp;

  private static final String USER =
      """
      package fn;
      public class User implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          switch (in) {
            case "loader": return shared.Text.class.getClassLoader().getName();
            case "identity": return Integer.toString(System.identityHashCode(shared.Text.class));
            default: return shared.Text.shout(in);
          }
        }
      }
      """;

  private static String text(String suffix) {
    return "package shared; public class Text { public static String shout(String s) {"
        + " return s.toUpperCase() + \""
        + suffix
        + "\"; } }";
  }

  private Path sharedClasses() throws Exception {
    Path dir = temp.resolve("shared-classes");
    for (Map.Entry<String, byte[]> e :
        TestJars.builder().source("shared.Text", text("")).classes().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    return dir;
  }

  /** A layer in Lambda's Java layout: the library jar under java/lib. */
  private static CodeSource layer(String suffix) {
    byte[] jar = TestJars.builder().source("shared.Text", text(suffix)).toBytes();
    return CodeSource.ofZip(TestJars.zip(Map.of("java/lib/text.jar", jar)));
  }

  private byte[] userJar() throws Exception {
    return TestJars.builder().source("fn.User", USER).compileAgainst(sharedClasses()).toBytes();
  }

  private static FunctionConfig user(String name, String... layers) {
    return FunctionConfig.builder(name).handler("fn.User::handleRequest").layers(layers).build();
  }

  @Test
  void publish_numbersVersionsFromOne_withLambdasArns() {
    FunctionRuntime runtime = fixture.runtime();

    LayerVersionInfo first =
        runtime.layers().publishLayerVersion("text", layer("!"), List.of("java25"), "v1");
    LayerVersionInfo second =
        runtime.layers().publishLayerVersion("text", layer("!!"), List.of(), "");

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(first.layerArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:layer:text");
    assertThat(second.layerVersionArn()).isEqualTo(first.layerArn() + ":2");
    assertThat(first.compatibleRuntimes()).containsExactly("java25");
    assertThat(first.codeSha256()).isNotEqualTo(second.codeSha256());
    assertThat(runtime.layers().listLayerVersions("text")).containsExactly(second, first);
    assertThat(runtime.layers().listLayers()).containsExactly(second);
    assertThat(runtime.layers().getLayerVersion("text", 1)).contains(first);
  }

  @Test
  void functionUsesLayerClasses_fromTheLayersSharedLoader() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    LayerVersionInfo v1 = runtime.layers().publishLayerVersion("text", layer("!"), List.of(), "");
    runtime.registry().create(user("one", v1.layerVersionArn()), FunctionCode.deployed(userJar()));
    runtime.registry().create(user("two", v1.layerVersionArn()), FunctionCode.deployed(userJar()));

    assertThat(json(runtime.invoke("one", Payload.json("\"hi\"")))).isEqualTo("\"HI!\"");
    assertThat(json(runtime.invoke("one", Payload.json("\"loader\""))))
        .isEqualTo("\"layer.text.1\"");
    // loaded once: both functions see the very same Class object
    assertThat(json(runtime.invoke("one", Payload.json("\"identity\""))))
        .isEqualTo(json(runtime.invoke("two", Payload.json("\"identity\""))));
  }

  @Test
  void layersAreSearchedInListOrder_afterTheFunctionsOwnCode() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    String a =
        runtime
            .layers()
            .publishLayerVersion("a", layer(" from a"), List.of(), "")
            .layerVersionArn();
    String b =
        runtime
            .layers()
            .publishLayerVersion("b", layer(" from b"), List.of(), "")
            .layerVersionArn();
    runtime.registry().create(user("ab", a, b), FunctionCode.deployed(userJar()));
    runtime.registry().create(user("ba", b, a), FunctionCode.deployed(userJar()));
    byte[] bundling =
        TestJars.builder().source("fn.User", USER).source("shared.Text", text(" own")).toBytes();
    runtime.registry().create(user("own", a), FunctionCode.deployed(bundling));

    assertThat(json(runtime.invoke("ab", Payload.json("\"x\"")))).isEqualTo("\"X from a\"");
    assertThat(json(runtime.invoke("ba", Payload.json("\"x\"")))).isEqualTo("\"X from b\"");
    assertThat(json(runtime.invoke("own", Payload.json("\"x\"")))).isEqualTo("\"X own\"");
  }

  @Test
  void splitPackage_isRefusedWhenConfigured_andNothingIsRegistered() {
    FunctionRuntime runtime =
        fixture.runtime(b -> b.splitPackages(LambdaRuntime.SplitPackages.REFUSE));
    String a =
        runtime.layers().publishLayerVersion("a", layer(" a"), List.of(), "").layerVersionArn();
    byte[] bundling =
        TestJars.builder().source("fn.User", USER).source("shared.Text", text(" own")).toBytes();

    assertThatThrownBy(
            () -> runtime.registry().create(user("own", a), FunctionCode.deployed(bundling)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("shared (the function and layer a:1)")
        .hasMessageContaining("A package must come from one place");
    assertThat(runtime.registry().list()).isEmpty();
    runtime.layers().deleteLayerVersion("a", 1); // no function version kept a reference
  }

  @Test
  void layerInUse_cannotBeDeleted_untilNoFunctionListsIt() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    String arn =
        runtime.layers().publishLayerVersion("text", layer("!"), List.of(), "").layerVersionArn();
    runtime.registry().create(user("one", arn), FunctionCode.deployed(userJar()));

    assertThatThrownBy(() -> runtime.layers().deleteLayerVersion("text", 1))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining(arn + " is used by 1 function version");

    runtime.registry().delete("one");
    runtime.layers().deleteLayerVersion("text", 1);
    assertThat(runtime.layers().getLayerVersion("text", 1)).isEmpty();
    assertThatThrownBy(() -> runtime.layers().deleteLayerVersion("text", 1))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(runtime.inspect().checkUnloaded()).isEmpty(); // function and layer loaders collected
  }

  @Test
  void configUpdate_replacesTheLayerList() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    String a =
        runtime.layers().publishLayerVersion("a", layer(" a"), List.of(), "").layerVersionArn();
    String b =
        runtime.layers().publishLayerVersion("b", layer(" b"), List.of(), "").layerVersionArn();
    runtime.registry().create(user("f", a), FunctionCode.deployed(userJar()));
    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"X a\"");

    runtime.registry().updateConfig(user("f", b));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"X b\"");
    runtime.layers().deleteLayerVersion("a", 1);
  }

  @Test
  void unknownLayer_isRefused() throws Exception {
    FunctionRuntime runtime = fixture.runtime();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(
                        user("f", "arn:aws:lambda:us-east-1:000000000000:layer:missing:1"),
                        FunctionCode.deployed(userJar())))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("layer:missing:1")
        .hasMessageContaining("published layer version");
  }

  @Test
  void layersWithInlineCode_areRefused() {
    FunctionRuntime runtime = fixture.runtime();
    String arn =
        runtime.layers().publishLayerVersion("a", layer(""), List.of(), "").layerVersionArn();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(
                        FunctionConfig.builder("f").layers(arn).build(),
                        FunctionCode.handler(
                            (String s, dev.lambdaembedded.api.handler.Context c) -> s)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("unless the code is deployed");
  }

  @Test
  void layerNamesAndParameters_followLambdasRules() {
    FunctionRuntime runtime = fixture.runtime();

    assertThatThrownBy(
            () -> runtime.layers().publishLayerVersion("bad name", layer(""), List.of(), ""))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("[a-zA-Z0-9-_]+");
    assertThatThrownBy(
            () -> runtime.layers().publishLayerVersion("x".repeat(141), layer(""), List.of(), ""))
        .hasMessageContaining("between 1 and 140");
    assertThatThrownBy(
            () ->
                runtime
                    .layers()
                    .publishLayerVersion(
                        "a", layer(""), java.util.Collections.nCopies(16, "java25"), ""))
        .hasMessageContaining("less than or equal to 15");
    assertThatThrownBy(
            () -> runtime.layers().publishLayerVersion("a", layer(""), List.of(), "d".repeat(257)))
        .hasMessageContaining("less than or equal to 256");
    assertThatThrownBy(
            () ->
                runtime
                    .layers()
                    .publishLayerVersion(
                        "a",
                        CodeSource.ofZip(TestJars.zip(Map.of("readme.txt", new byte[1]))),
                        List.of(),
                        ""))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("java/lib/*.jar");
    assertThat(runtime.layers().listLayers()).isEmpty();
  }

  /** Lambda's 250 MB unzipped limit counts the function's layers; here with a small limit. */
  @Test
  void unzippedLimit_countsTheLayers_atCreateAndAtConfigUpdate() throws Exception {
    FunctionRuntime runtime = fixture.runtime(b -> b.codeSizeLimits(1024 * 1024, 256 * 1024));
    byte[] noise = new byte[150 * 1024];
    new java.util.Random(3).nextBytes(noise); // incompressible
    byte[] layerJar =
        TestJars.builder().source("shared.Text", text("")).entry("noise.bin", noise).toBytes();
    String arn =
        runtime
            .layers()
            .publishLayerVersion(
                "big",
                CodeSource.ofZip(TestJars.zip(Map.of("java/lib/big.jar", layerJar))),
                List.of(),
                "")
            .layerVersionArn();
    byte[] function =
        TestJars.builder()
            .source("fn.User", USER)
            .compileAgainst(sharedClasses())
            .entry("noise.bin", noise)
            .toBytes();

    assertThatThrownBy(
            () -> runtime.registry().create(user("f", arn), FunctionCode.deployed(function)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining(
            "Unzipped size must be smaller than 262144 bytes, counting the function's layers");
    assertThat(runtime.registry().list()).isEmpty();

    runtime.registry().create(user("f"), FunctionCode.deployed(function)); // fits without the layer
    assertThatThrownBy(() -> runtime.registry().updateConfig(user("f", arn)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Unzipped size must be smaller than 262144 bytes");
    assertThat(runtime.registry().get("f").orElseThrow().config().layers()).isEmpty();
    runtime.layers().deleteLayerVersion("big", 1); // the refused updates kept no reference
  }

  @Test
  void aPlainJar_isAcceptedAsALayer() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    byte[] jar = TestJars.builder().source("shared.Text", text(" plain")).toBytes();
    String arn =
        runtime
            .layers()
            .publishLayerVersion("plain", CodeSource.ofZip(jar), List.of(), "")
            .layerVersionArn();
    runtime.registry().create(user("f", arn), FunctionCode.deployed(userJar()));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"X plain\"");
  }

  @Test
  void layerOfJavaLibJars_searchesOnlyItsJars_notItsRoot() throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    byte[] jar = TestJars.builder().source("shared.Text", text(" from the jar")).toBytes();
    Map<String, byte[]> entries =
        new java.util.LinkedHashMap<>(
            TestJars.builder().source("shared.Text", text(" from the root")).classes());
    entries.put("java/lib/text.jar", jar);
    entries.put("java/lib/deeper/other.jar", new byte[] {1}); // not directly in java/lib: ignored
    String arn =
        runtime
            .layers()
            .publishLayerVersion("jars", CodeSource.ofZip(TestJars.zip(entries)), List.of(), "")
            .layerVersionArn();
    runtime.registry().create(user("f", arn), FunctionCode.deployed(userJar()));

    assertThat(json(runtime.invoke("f", Payload.json("\"x\"")))).isEqualTo("\"X from the jar\"");
  }

  @Test
  void deletedLayerVersion_leavesNoFileBehind_andALayerJarThatIsNotAJarIsRefused()
      throws Exception {
    Path work = temp.resolve("work");
    FunctionRuntime runtime = fixture.runtime(b -> b.workDirectory(work));
    runtime.layers().publishLayerVersion("text", layer("!"), List.of(), "");
    runtime.layers().publishLayerVersion("plain", CodeSource.ofZip(userJar()), List.of(), "");
    try (java.util.stream.Stream<Path> files = Files.walk(work)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("code.zip", "text.jar", "code.zip");
    }

    assertThatThrownBy(
            () ->
                runtime
                    .layers()
                    .publishLayerVersion(
                        "broken",
                        CodeSource.ofZip(
                            TestJars.zip(Map.of("java/lib/broken.jar", new byte[] {1, 2}))),
                        List.of(),
                        ""))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("java/lib/broken.jar is not a jar");
    runtime.layers().deleteLayerVersion("text", 1);
    runtime.layers().deleteLayerVersion("plain", 1);
    try (java.util.stream.Stream<Path> files = Files.list(work)) {
      assertThat(files).as("layer code left behind").isEmpty();
    }
  }
}
