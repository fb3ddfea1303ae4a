/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.InvalidParameterValueException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AliasConfig} against Lambda's CreateAlias rules: Name, FunctionVersion, Description and
 * RoutingConfig.AdditionalVersionWeights, each checked at its boundaries.
 */
final class AliasConfigTest {

  private static final String ALIAS = "live";

  /*
   * Lambda's validation wording, copied here rather than read from the code under test so that a
   * change of wording is noticed.
   */
  private static final String NAME_RULE =
      "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+) and have"
          + " length between 1 and 128";
  private static final String VERSION_RULE =
      "Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+) and have length"
          + " between 1 and 1024";
  private static final String DESCRIPTION_RULE =
      "Member must have length less than or equal to 256";
  private static final String ROUTING_SIZE_RULE =
      "Member must have length less than or equal to 1: an alias routes to at most two versions";
  private static final String ROUTING_VERSION_RULE =
      "Member must be a published version number ([0-9]+): $LATEST is not supported for an alias"
          + " pointing to more than 1 version";
  private static final String WEIGHT_RULE =
      "Member must have value greater than or equal to 0.0 and less than or equal to 1.0";
  private static final String LATEST_WITH_ROUTING_RULE =
      "Member must be a published version number when routingConfig is set: $LATEST is not"
          + " supported for an alias pointing to more than 1 version";
  private static final String ROUTING = "routingConfig.additionalVersionWeights";

  // ---------------------------------------------------------------- name

  /** Lambda Alias Name: 1 to 128 characters of [a-zA-Z0-9-_], not only digits. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "v1",
        "1a",
        "a1",
        "-",
        "_",
        "1-2",
        "12_",
        "LATEST",
        "Blue-Green_2",
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
      })
  void constructor_validName_isAccepted(String name) {
    assertThat(AliasConfig.of(name, "1").name()).isEqualTo(name);
  }

  @Test
  void constructor_name128Characters_isAccepted() {
    String name = "a".repeat(128);

    assertThat(AliasConfig.of(name, "1").name()).isEqualTo(name);
  }

  @Test
  void constructor_name128CharactersEndingInLetter_isAccepted() {
    String name = "9".repeat(127) + "a";

    assertThat(AliasConfig.of(name, "1").name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "0",
        "123",
        "007",
        "my alias",
        " live",
        "live ",
        "al.ias",
        "fn:live",
        "$LATEST",
        "live/1",
        "caf\u00e9",
        "\u0661\u0662"
      })
  void constructor_invalidName_isRefusedNamingNameAndPattern(String name) {
    assertRejected(() -> AliasConfig.of(name, "1"), "name", name, NAME_RULE, null);
  }

  @Test
  void constructor_name129Characters_isRefused() {
    String name = "a".repeat(129);

    assertRejected(() -> AliasConfig.of(name, "1"), "name", name, NAME_RULE, null);
  }

  @Test
  void constructor_name128Digits_isRefused() {
    String name = "9".repeat(128);

    assertRejected(() -> AliasConfig.of(name, "1"), "name", name, NAME_RULE, null);
  }

  // ---------------------------------------------------------------- functionVersion

  @ParameterizedTest
  @ValueSource(strings = {"$LATEST", "0", "1", "42", "007"})
  void constructor_validFunctionVersion_isAccepted(String version) {
    assertThat(AliasConfig.of(ALIAS, version).functionVersion()).isEqualTo(version);
  }

  @Test
  void constructor_functionVersion1024Digits_isAccepted() {
    String version = "9".repeat(1_024);

    assertThat(AliasConfig.of(ALIAS, version).functionVersion()).isEqualTo(version);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "$latest", "LATEST", "$LATEST ", "v1", "1.0", " 1", "-1", "+1", "1a", "live"})
  void constructor_invalidFunctionVersion_isRefusedNamingVersionAndPattern(String version) {
    assertRejected(
        () -> AliasConfig.of(ALIAS, version), "functionVersion", version, VERSION_RULE, ALIAS);
  }

  @Test
  void constructor_functionVersion1025Digits_isRefused() {
    String version = "9".repeat(1_025);

    assertRejected(
        () -> AliasConfig.of(ALIAS, version), "functionVersion", version, VERSION_RULE, ALIAS);
  }

  // ---------------------------------------------------------------- description

  @Test
  void constructor_description256Characters_isAccepted() {
    String description = "d".repeat(256);

    assertThat(new AliasConfig(ALIAS, "1", description, Map.of()).description())
        .isEqualTo(description);
  }

  @Test
  void constructor_description257Characters_isRefusedNamingLength() {
    String description = "d".repeat(257);

    assertRejected(
        () -> new AliasConfig(ALIAS, "1", description, Map.of()),
        "description",
        "257 characters",
        DESCRIPTION_RULE,
        ALIAS);
  }

  // ---------------------------------------------------------------- routing

  @ParameterizedTest
  @ValueSource(doubles = {0.0, Double.MIN_VALUE, 0.5, 0.999_999, 1.0})
  void constructor_weightFromZeroToOne_isAccepted(double weight) {
    AliasConfig alias = new AliasConfig(ALIAS, "1", "", Map.of("2", weight));

    assertThat(alias.additionalVersionWeights()).containsExactly(Map.entry("2", weight));
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        -0.1,
        -Double.MIN_VALUE,
        1.1,
        1.000_000_1,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
      })
  void constructor_weightOutsideZeroToOne_isRefusedNamingWeightAndRange(double weight) {
    assertRejected(
        () -> new AliasConfig(ALIAS, "1", "", Map.of("2", weight)),
        ROUTING + ".2",
        String.valueOf(weight),
        WEIGHT_RULE,
        ALIAS);
  }

  @Test
  void constructor_twoAdditionalVersions_isRefusedNamingTheRouting() {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("2", 0.1);
    weights.put("3", 0.2);

    assertRejected(
        () -> new AliasConfig(ALIAS, "1", "", weights),
        ROUTING,
        "{2=0.1, 3=0.2}",
        ROUTING_SIZE_RULE,
        ALIAS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"$LATEST", "", "live", "v2", "2.0", " 2"})
  void constructor_additionalVersionNotANumber_isRefusedNamingVersion(String version) {
    assertRejected(
        () -> new AliasConfig(ALIAS, "1", "", Map.of(version, 0.5)),
        ROUTING,
        version,
        ROUTING_VERSION_RULE,
        ALIAS);
  }

  @Test
  void constructor_routingWithLatestPrimary_isRefusedNamingFunctionVersion() {
    assertRejected(
        () -> new AliasConfig(ALIAS, "$LATEST", "", Map.of("2", 0.5)),
        "functionVersion",
        "$LATEST",
        LATEST_WITH_ROUTING_RULE,
        ALIAS);
  }

  @Test
  void constructor_routingToPrimaryVersion_isRefusedNamingVersion() {
    assertRejected(
        () -> new AliasConfig(ALIAS, "3", "", Map.of("3", 0.5)),
        ROUTING,
        "3",
        "Member must name a version other than the alias's functionVersion 3",
        ALIAS);
  }

  @Test
  void constructor_emptyRoutingWithLatestPrimary_isAccepted() {
    AliasConfig alias = new AliasConfig(ALIAS, "$LATEST", "", Map.of());

    assertThat(alias.additionalVersionWeights()).isEmpty();
  }

  @Test
  @SuppressWarnings("NullAway") // deliberately smuggles a null weight into a map of non-null values
  void constructor_nullWeight_throwsNpe() {
    Map<String, Double> weights = new HashMap<>();
    weights.put("2", null);

    assertThatThrownBy(() -> new AliasConfig(ALIAS, "1", "", weights))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  @SuppressWarnings("NullAway") // deliberately smuggles a null version into a map of non-null keys
  void constructor_nullAdditionalVersion_throwsNpe() {
    Map<String, Double> weights = new HashMap<>();
    weights.put(null, 0.5);

    assertThatThrownBy(() -> new AliasConfig(ALIAS, "1", "", weights))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void constructor_callersMapMutatedAfterwards_aliasUnchanged() {
    Map<String, Double> weights = new HashMap<>(Map.of("2", 0.25));
    AliasConfig alias = new AliasConfig(ALIAS, "1", "", weights);

    weights.put("2", 0.75);
    weights.put("3", 0.5);

    assertThat(alias.additionalVersionWeights()).containsExactly(Map.entry("2", 0.25));
  }

  @Test
  void additionalVersionWeights_isUnmodifiable() {
    AliasConfig alias = new AliasConfig(ALIAS, "1", "", new HashMap<>(Map.of("2", 0.25)));

    assertThatThrownBy(() -> alias.additionalVersionWeights().put("3", 0.5))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> alias.additionalVersionWeights().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------- factories and withers

  @Test
  void of_nameAndVersion_hasNoDescriptionAndNoRouting() {
    AliasConfig alias = AliasConfig.of(ALIAS, "7");

    assertThat(alias.name()).isEqualTo(ALIAS);
    assertThat(alias.functionVersion()).isEqualTo("7");
    assertThat(alias.description()).isEmpty();
    assertThat(alias.additionalVersionWeights()).isEmpty();
    assertThat(alias).isEqualTo(new AliasConfig(ALIAS, "7", "", Map.of()));
  }

  @Test
  void withDescription_routedAlias_keepsEverythingElse() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1").withRouting("2", 0.1);

    AliasConfig described = alias.withDescription("blue/green");

    assertThat(described).isEqualTo(new AliasConfig(ALIAS, "1", "blue/green", Map.of("2", 0.1)));
    assertThat(alias.description()).isEmpty();
  }

  @Test
  void withDescription_tooLong_isRefused() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1");

    assertRejected(
        () -> alias.withDescription("d".repeat(257)),
        "description",
        "257 characters",
        DESCRIPTION_RULE,
        ALIAS);
  }

  @Test
  void withRouting_describedAlias_keepsDescriptionAndAddsRouting() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1").withDescription("canary");

    AliasConfig routed = alias.withRouting("2", 0.05);

    assertThat(routed).isEqualTo(new AliasConfig(ALIAS, "1", "canary", Map.of("2", 0.05)));
    assertThat(alias.additionalVersionWeights()).isEmpty();
  }

  @Test
  void withRouting_alreadyRouted_replacesTheRouting() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1").withRouting("2", 0.1);

    AliasConfig routed = alias.withRouting("3", 0.9);

    assertThat(routed.additionalVersionWeights()).containsExactly(Map.entry("3", 0.9));
  }

  @Test
  void withRouting_aliasAtLatest_isRefused() {
    AliasConfig alias = AliasConfig.of(ALIAS, "$LATEST");

    assertRejected(
        () -> alias.withRouting("2", 0.5),
        "functionVersion",
        "$LATEST",
        LATEST_WITH_ROUTING_RULE,
        ALIAS);
  }

  @Test
  void withRouting_weightOutOfRange_isRefused() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1");

    assertRejected(() -> alias.withRouting("2", 1.5), ROUTING + ".2", "1.5", WEIGHT_RULE, ALIAS);
  }

  @Test
  void withRouting_primaryVersion_isRefused() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1");

    assertThatThrownBy(() -> alias.withRouting("1", 0.5))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class, e -> assertThat(e.field()).isEqualTo(ROUTING));
  }

  @Test
  void pointingAt_routedAlias_dropsRoutingAndKeepsNameAndDescription() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1").withDescription("canary").withRouting("2", 0.3);

    AliasConfig moved = alias.pointingAt("2");

    assertThat(moved).isEqualTo(new AliasConfig(ALIAS, "2", "canary", Map.of()));
    assertThat(alias.functionVersion()).isEqualTo("1");
    assertThat(alias.additionalVersionWeights()).containsExactly(Map.entry("2", 0.3));
  }

  @Test
  void pointingAt_latestFromRoutedAlias_isAccepted() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1").withRouting("2", 0.3);

    AliasConfig moved = alias.pointingAt("$LATEST");

    assertThat(moved.functionVersion()).isEqualTo("$LATEST");
    assertThat(moved.additionalVersionWeights()).isEmpty();
  }

  @Test
  void pointingAt_invalidVersion_isRefused() {
    AliasConfig alias = AliasConfig.of(ALIAS, "1");

    assertRejected(() -> alias.pointingAt("v2"), "functionVersion", "v2", VERSION_RULE, ALIAS);
  }

  // ---------------------------------------------------------------- null checks

  @Test
  void publicFactoriesAndConstructor_nullArguments_throwNpe() {
    NullPointerTester tester = new NullPointerTester().setDefault(String.class, "1");

    tester.testAllPublicStaticMethods(AliasConfig.class);
    tester.testAllPublicConstructors(AliasConfig.class);
  }

  @Test
  void withers_nullArguments_throwNpe() {
    new NullPointerTester()
        .setDefault(String.class, "2")
        .testAllPublicInstanceMethods(AliasConfig.of(ALIAS, "1"));
  }

  // ---------------------------------------------------------------- helpers

  private static void assertRejected(
      ThrowingCallable call, String field, String value, String rule, @Nullable String resource) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.value()).isEqualTo(value);
              assertThat(e.rule()).isEqualTo(rule);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Value '"
                          + value
                          + "' at '"
                          + field
                          + "' failed to satisfy constraint: "
                          + rule);
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.resource()).isEqualTo(Optional.ofNullable(resource));
            });
  }
}
