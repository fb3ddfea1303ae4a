/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.InvalidParameterValueException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FunctionConfig} against Lambda's CreateFunction rules (reference sheet section 8) and
 * defaults (section 6), each rule checked at its boundaries through the builder's setters and
 * through the record's canonical constructor.
 */
final class FunctionConfigTest {

  private static final String NAME = "fn";

  /*
   * Lambda's validation wording, copied here rather than read from the code under test so that a
   * change of wording is noticed.
   */
  private static final String NAME_LENGTH = "Member must have length between 1 and 64";
  private static final String NAME_PATTERN =
      "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+";
  private static final String HANDLER_LENGTH = "Member must have length between 1 and 128";
  private static final String HANDLER_PATTERN =
      "Member must satisfy regular expression pattern: [^\\s]+";
  private static final String DESCRIPTION_LENGTH =
      "Member must have length less than or equal to 256";
  private static final String MEMORY_MIN = "Member must have value greater than or equal to 128";
  private static final String MEMORY_MAX = "Member must have value less than or equal to 10240";
  private static final String TIMEOUT_WHOLE = "Member must be a whole number of seconds";
  private static final String TIMEOUT_MIN =
      "Member must have value greater than or equal to 1 second";
  private static final String TIMEOUT_MAX =
      "Member must have value less than or equal to 900 seconds";
  private static final String ENV_KEY_PATTERN =
      "Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9_]+";
  private static final String ENV_SIZE =
      "Member must have a total size (the variables as a JSON object, UTF-8) less than or equal"
          + " to 4096 bytes";
  private static final String RESERVED_MIN = "Member must have value greater than or equal to 0";
  private static final String PER_ENVIRONMENT_MIN =
      "Member must have value greater than or equal to 1";

  /**
   * Lambda's reserved environment variable names (Lambda developer guide, configuration-envvars).
   */
  private static final List<String> LAMBDA_RESERVED_KEYS =
      List.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  // ---------------------------------------------------------------- defaults

  @Test
  void of_nameOnly_hasLambdasDefaults() {
    FunctionConfig config = FunctionConfig.of(NAME);

    assertThat(config.functionName()).isEqualTo(NAME);
    assertThat(config.handler()).isEmpty();
    assertThat(config.description()).isEmpty();
    // Lambda CreateFunction: MemorySize default 128 MB, Timeout default 3 s
    assertThat(config.memorySize()).isEqualTo(128);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.environment()).isEmpty();
    assertThat(config.reservedConcurrency()).isEmpty();
    // classic Lambda: one invocation at a time per execution environment
    assertThat(config.perEnvironmentConcurrency()).isEqualTo(1);
    assertThat(config.executionMode()).isEqualTo(ExecutionMode.CALLER_THREAD);
  }

  @Test
  void builder_nothingSet_buildsTheSameConfigAsOf() {
    assertThat(FunctionConfig.builder(NAME).build()).isEqualTo(FunctionConfig.of(NAME));
  }

  @Test
  void constants_equalLambdasLimitsAndDefaults() {
    assertThat(FunctionConfig.MIN_MEMORY_SIZE).isEqualTo(128);
    assertThat(FunctionConfig.MAX_MEMORY_SIZE).isEqualTo(10_240);
    assertThat(FunctionConfig.DEFAULT_MEMORY_SIZE).isEqualTo(128);
    assertThat(FunctionConfig.MIN_TIMEOUT).isEqualTo(Duration.ofSeconds(1));
    assertThat(FunctionConfig.MAX_TIMEOUT.toSeconds()).isEqualTo(900);
    assertThat(FunctionConfig.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(3));
    assertThat(FunctionConfig.MAX_ENVIRONMENT_SIZE).isEqualTo(4_096);
    assertThat(FunctionConfig.MAX_FUNCTION_NAME_LENGTH).isEqualTo(64);
    assertThat(FunctionConfig.MAX_HANDLER_LENGTH).isEqualTo(128);
    assertThat(FunctionConfig.MAX_DESCRIPTION_LENGTH).isEqualTo(256);
  }

  @Test
  void reservedEnvironmentKeys_areLambdasReservedKeys() {
    assertThat(FunctionConfig.RESERVED_ENVIRONMENT_KEYS)
        .containsExactlyInAnyOrderElementsOf(LAMBDA_RESERVED_KEYS);
  }

  // ---------------------------------------------------------------- functionName

  /** Lambda CreateFunction: FunctionName 1-64 characters of [a-zA-Z0-9-_]. */
  @ParameterizedTest
  @MethodSource("validNames")
  void functionName_valid_isAcceptedByOfBuilderAndConstructor(String name) {
    assertThat(FunctionConfig.of(name).functionName()).isEqualTo(name);
    assertThat(FunctionConfig.builder(name).build().functionName()).isEqualTo(name);
    assertThat(construct("functionName", name).functionName()).isEqualTo(name);
  }

  static Stream<String> validNames() {
    return Stream.of("a", "Z", "0", "-", "_", "my-function_2", "x".repeat(64));
  }

  /** Lambda CreateFunction: FunctionName 1-64 characters of [a-zA-Z0-9-_]. */
  @ParameterizedTest
  @MethodSource("invalidNames")
  void functionName_invalid_isRejectedNamingFieldValueAndRule(String name, String rule) {
    assertRejected(() -> FunctionConfig.of(name), "functionName", name, rule);
    assertRejected(() -> FunctionConfig.builder(name), "functionName", name, rule);
    assertRejected(() -> construct("functionName", name), "functionName", name, rule);
  }

  static Stream<Arguments> invalidNames() {
    return Stream.of(
        Arguments.of("", NAME_LENGTH),
        Arguments.of("x".repeat(65), NAME_LENGTH),
        Arguments.of("my function", NAME_PATTERN),
        Arguments.of("my.function", NAME_PATTERN),
        Arguments.of("fn:live", NAME_PATTERN),
        Arguments.of("a/b", NAME_PATTERN),
        Arguments.of("fn$", NAME_PATTERN),
        Arguments.of("caf\u00e9", NAME_PATTERN),
        Arguments.of("fn\n", NAME_PATTERN));
  }

  // ---------------------------------------------------------------- every other component

  /**
   * One value of one component: set through its builder setter on a fresh builder, or passed to the
   * canonical constructor (as {@code component}) with every other component at its default.
   */
  record Setting(String field, Object component, Consumer<FunctionConfig.Builder> setter) {
    @Override
    public String toString() {
      String text = String.valueOf(component);
      return field + "=" + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
  }

  /** A rejected setting, with the value and rule the exception must name. */
  record Rejection(Setting setting, String value, String rule) {
    @Override
    public String toString() {
      return setting + " -> " + rule;
    }
  }

  static Stream<Setting> acceptedSettings() {
    return Stream.of(
        // Lambda CreateFunction: Handler 0-128 of [^\s]+ (absent here means none)
        handler("h"),
        handler("x".repeat(128)),
        handler("com.acme.Hello::handleRequest"),
        handler("com.acme.Hello"),
        // Lambda CreateFunction: Description 0-256
        description(""),
        description("d".repeat(256)),
        // Lambda CreateFunction: MemorySize 128-10240
        memorySize(128),
        memorySize(129),
        memorySize(10_239),
        memorySize(10_240),
        // Lambda CreateFunction: Timeout 1-900 seconds
        timeout(Duration.ofSeconds(1)),
        // a whole second built from milliseconds: only the value counts, not the unit
        timeout(Duration.ofMillis(999).plusMillis(1)),
        timeout(Duration.ofSeconds(900)),
        timeout(Duration.ofMinutes(15)),
        // Lambda EnvironmentVariableName: [a-zA-Z]([a-zA-Z0-9_])+
        environment(Map.of()),
        environment(Map.of("AB", "1")),
        environment(Map.of("a1", "")),
        environment(Map.of("Z_", "v")),
        environment(Map.of("Ab_9", "v", "STAGE", "test", "JAVA_TOOL_OPTIONS", "-Xss1m")),
        environmentVariable("AB", "1"),
        environmentVariable("LANG", "en_US.UTF-8"),
        // Lambda PutFunctionConcurrency: ReservedConcurrentExecutions >= 0
        reservedConcurrency(0),
        reservedConcurrency(1),
        reservedConcurrency(Integer.MAX_VALUE),
        perEnvironmentConcurrency(1),
        perEnvironmentConcurrency(Integer.MAX_VALUE),
        executionMode(ExecutionMode.CALLER_THREAD),
        executionMode(ExecutionMode.VIRTUAL_THREAD));
  }

  static Stream<Rejection> rejectedSettings() {
    Stream<Rejection> scalars =
        Stream.of(
            // Lambda CreateFunction: Handler 0-128 of [^\s]+
            new Rejection(handler(""), "", HANDLER_LENGTH),
            new Rejection(handler("x".repeat(129)), "x".repeat(129), HANDLER_LENGTH),
            new Rejection(
                handler("com.acme.Hello ::handle"), "com.acme.Hello ::handle", HANDLER_PATTERN),
            new Rejection(handler(" "), " ", HANDLER_PATTERN),
            new Rejection(handler("a\tb"), "a\tb", HANDLER_PATTERN),
            new Rejection(handler("com.acme.Hello\n"), "com.acme.Hello\n", HANDLER_PATTERN),
            // Lambda CreateFunction: Description 0-256
            new Rejection(description("d".repeat(257)), "d".repeat(257), DESCRIPTION_LENGTH),
            // Lambda CreateFunction: MemorySize 128-10240
            new Rejection(memorySize(127), "127", MEMORY_MIN),
            new Rejection(memorySize(0), "0", MEMORY_MIN),
            new Rejection(memorySize(-1), "-1", MEMORY_MIN),
            new Rejection(memorySize(Integer.MIN_VALUE), "-2147483648", MEMORY_MIN),
            new Rejection(memorySize(10_241), "10241", MEMORY_MAX),
            new Rejection(memorySize(Integer.MAX_VALUE), "2147483647", MEMORY_MAX),
            // Lambda CreateFunction: Timeout 1-900, an integer number of seconds
            new Rejection(timeout(Duration.ZERO), "PT0S", TIMEOUT_MIN),
            new Rejection(timeout(Duration.ofSeconds(-1)), "PT-1S", TIMEOUT_MIN),
            new Rejection(timeout(Duration.ofMillis(999)), "PT0.999S", TIMEOUT_WHOLE),
            new Rejection(timeout(Duration.ofNanos(1)), "PT0.000000001S", TIMEOUT_WHOLE),
            new Rejection(timeout(Duration.ofMillis(1_500)), "PT1.5S", TIMEOUT_WHOLE),
            new Rejection(timeout(Duration.ofMillis(-500)), "PT-0.5S", TIMEOUT_WHOLE),
            new Rejection(timeout(Duration.ofSeconds(901)), "PT15M1S", TIMEOUT_MAX),
            new Rejection(timeout(Duration.ofDays(1)), "PT24H", TIMEOUT_MAX),
            new Rejection(
                timeout(Duration.ofSeconds(900).plusNanos(1)), "PT15M0.000000001S", TIMEOUT_WHOLE),
            // Lambda PutFunctionConcurrency: ReservedConcurrentExecutions >= 0
            new Rejection(reservedConcurrency(-1), "-1", RESERVED_MIN),
            new Rejection(reservedConcurrency(Integer.MIN_VALUE), "-2147483648", RESERVED_MIN),
            new Rejection(perEnvironmentConcurrency(0), "0", PER_ENVIRONMENT_MIN),
            new Rejection(perEnvironmentConcurrency(-1), "-1", PER_ENVIRONMENT_MIN));
    // Lambda EnvironmentVariableName: [a-zA-Z]([a-zA-Z0-9_])+, so at least 2 characters
    Stream<Rejection> badKeys =
        Stream.of("A", "z", "", "1A", "9_", "_A", "A-B", "A B", "A.B", "A\u00e9", "A=B")
            .flatMap(key -> rejectedKey(key, ENV_KEY_PATTERN));
    // Lambda: reserved keys cannot be set; the two starting with '_' already break the pattern
    Stream<Rejection> reservedKeys =
        LAMBDA_RESERVED_KEYS.stream()
            .flatMap(
                key ->
                    rejectedKey(
                        key,
                        key.startsWith("_")
                            ? ENV_KEY_PATTERN
                            : "Member must not be a key Lambda reserves for its runtime, such as"
                                + " AWS_REGION or AWS_LAMBDA_FUNCTION_NAME"));
    return Stream.of(scalars, badKeys, reservedKeys).flatMap(s -> s);
  }

  /** The same bad key through both environment setters. */
  private static Stream<Rejection> rejectedKey(String key, String rule) {
    return Stream.of(
        new Rejection(environment(Map.of(key, "v")), key, rule),
        new Rejection(environmentVariable(key, "v"), key, rule));
  }

  @ParameterizedTest
  @MethodSource("acceptedSettings")
  void builderSetter_valueWithinRule_isAcceptedAndBuilt(Setting setting) {
    FunctionConfig.Builder builder = FunctionConfig.builder(NAME);

    setting.setter().accept(builder);

    assertThat(component(builder.build(), setting.field())).isEqualTo(setting.component());
  }

  @ParameterizedTest
  @MethodSource("acceptedSettings")
  void constructor_valueWithinRule_isAccepted(Setting setting) {
    FunctionConfig config = construct(setting.field(), setting.component());

    assertThat(component(config, setting.field())).isEqualTo(setting.component());
  }

  @ParameterizedTest
  @MethodSource("rejectedSettings")
  void builderSetter_valueBreaksRule_isRejectedNamingFieldValueAndRule(Rejection rejection) {
    FunctionConfig.Builder builder = FunctionConfig.builder(NAME);

    assertRejected(
        () -> rejection.setting().setter().accept(builder),
        rejection.setting().field(),
        rejection.value(),
        rejection.rule());
  }

  @ParameterizedTest
  @MethodSource("rejectedSettings")
  void constructor_valueBreaksRule_isRejectedNamingFieldValueAndRule(Rejection rejection) {
    Setting setting = rejection.setting();

    assertRejected(
        () -> construct(setting.field(), setting.component()),
        setting.field(),
        rejection.value(),
        rejection.rule());
  }

  @ParameterizedTest
  @MethodSource("rejectedSettings")
  void builderSetter_valueBreaksRule_leavesPreviousValuesIntact(Rejection rejection) {
    FunctionConfig.Builder builder = fullyCustomised().toBuilder();

    assertThatThrownBy(() -> rejection.setting().setter().accept(builder))
        .isInstanceOf(InvalidParameterValueException.class);

    assertThat(builder.build()).isEqualTo(fullyCustomised());
  }

  // ---------------------------------------------------------------- environment size

  /**
   * A case of the 4 KB environment limit: fixed variables, plus the JSON text they contribute
   * inside the braces, written out by hand. A padding variable {@code PAD} is added to reach an
   * exact total.
   */
  record EnvironmentCase(String name, Map<String, String> variables, String json) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<EnvironmentCase> environmentCases() {
    return Stream.of(
        new EnvironmentCase("ascii", Map.of(), ""),
        // 'e acute' is 2 bytes, the euro sign 3, the emoji (a surrogate pair) 4
        new EnvironmentCase(
            "multi-byte UTF-8",
            Map.of("UTF", "\u00e9\u20ac\ud83d\ude00"),
            "\"UTF\":\"\u00e9\u20ac\ud83d\ude00\""),
        // an escaped quote and backslash take 2 bytes each
        new EnvironmentCase(
            "escaped quote and backslash",
            Map.of("QUOTE", "say \"hi\" \\o/"),
            "\"QUOTE\":\"say \\\"hi\\\" \\\\o/\""),
        // \t and \n take 2 bytes, other control characters 6 (backslash-u and 4 hex digits)
        new EnvironmentCase(
            "control characters",
            Map.of("CTRL", "a\tb\nc\u0001d\u001f"),
            "\"CTRL\":\"a\\tb\\nc\\u0001d\\u001f\""),
        new EnvironmentCase(
            "several variables",
            linkedMap("AA", "1", "BB", "\u00e9"),
            "\"AA\":\"1\",\"BB\":\"\u00e9\""));
  }

  /** Lambda limits: environment variables total 4 KB, measured as their JSON object in UTF-8. */
  @ParameterizedTest
  @MethodSource("environmentCases")
  void environment_exactly4096Bytes_isAccepted(EnvironmentCase c) {
    Map<String, String> variables = padded(c, 4_096);

    assertThatNoException().isThrownBy(() -> FunctionConfig.builder(NAME).environment(variables));
    assertThat(construct("environment", variables).environment()).isEqualTo(variables);
  }

  /** Lambda limits: environment variables total 4 KB, measured as their JSON object in UTF-8. */
  @ParameterizedTest
  @MethodSource("environmentCases")
  void environment_4097Bytes_isRejectedNamingSizeAndKeepsPreviousVariables(EnvironmentCase c) {
    Map<String, String> variables = padded(c, 4_097);
    FunctionConfig.Builder builder = FunctionConfig.builder(NAME).environment(Map.of("OLD", "1"));

    assertRejected(() -> builder.environment(variables), "environment", "4097 bytes", ENV_SIZE);
    assertThat(builder.build().environment()).containsExactly(Map.entry("OLD", "1"));
    assertRejected(
        () -> construct("environment", variables), "environment", "4097 bytes", ENV_SIZE);
  }

  @ParameterizedTest
  @MethodSource("environmentCases")
  void environmentVariable_lastVariableReaches4097Bytes_isRejectedAndKeepsEarlierVariables(
      EnvironmentCase c) {
    String pad = padding(c, 4_097);
    FunctionConfig.Builder builder = FunctionConfig.builder(NAME).environment(c.variables());

    assertRejected(
        () -> builder.environmentVariable("PAD", pad), "environment", "4097 bytes", ENV_SIZE);
    assertThat(builder.build().environment()).isEqualTo(c.variables());
  }

  /**
   * Returns the case's variables plus a {@code PAD} variable sized so that the JSON object is
   * exactly {@code total} bytes, checking the arithmetic on the hand-written JSON text.
   */
  private static Map<String, String> padded(EnvironmentCase c, int total) {
    Map<String, String> variables = new LinkedHashMap<>(c.variables());
    variables.put("PAD", padding(c, total));
    return variables;
  }

  /** Returns the value of {@code PAD} that makes the case's JSON object {@code total} bytes. */
  private static String padding(EnvironmentCase c, int total) {
    String prefix = "{" + c.json() + (c.json().isEmpty() ? "" : ",") + "\"PAD\":\"";
    String suffix = "\"}";
    int padding = total - (prefix + suffix).getBytes(UTF_8).length;
    String pad = "x".repeat(padding);
    assertThat((prefix + pad + suffix).getBytes(UTF_8)).hasSize(total);
    return pad;
  }

  // ---------------------------------------------------------------- builder behaviour

  @Test
  void toBuilder_fullyCustomised_roundTrips() {
    FunctionConfig config = fullyCustomised();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void toBuilder_defaults_roundTrips() {
    FunctionConfig config = FunctionConfig.of(NAME);

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void toBuilder_changed_leavesOriginalUnchanged() {
    FunctionConfig original = fullyCustomised();

    FunctionConfig changed =
        original.toBuilder()
            .memorySize(1_024)
            .environmentVariable("EXTRA", "1")
            .unreservedConcurrency()
            .build();

    assertThat(original).isEqualTo(fullyCustomised());
    assertThat(changed.memorySize()).isEqualTo(1_024);
    assertThat(changed.environment()).containsEntry("EXTRA", "1").containsEntry("STAGE", "test");
    assertThat(changed.reservedConcurrency()).isEmpty();
  }

  @Test
  void build_sourceMapMutatedAfterwards_configUnchanged() {
    Map<String, String> source = new HashMap<>(Map.of("STAGE", "test"));
    FunctionConfig.Builder builder = FunctionConfig.builder(NAME).environment(source);

    source.put("LATE", "1");
    source.put("STAGE", "prod");
    FunctionConfig config = builder.build();

    assertThat(config.environment()).containsExactly(Map.entry("STAGE", "test"));
  }

  @Test
  void constructor_sourceMapMutatedAfterwards_configUnchanged() {
    Map<String, String> source = new HashMap<>(Map.of("STAGE", "test"));
    FunctionConfig config = construct("environment", source);

    source.put("LATE", "1");

    assertThat(config.environment()).containsExactly(Map.entry("STAGE", "test"));
  }

  @Test
  void build_builderChangedAfterwards_earlierConfigUnchanged() {
    FunctionConfig.Builder builder = FunctionConfig.builder(NAME).environmentVariable("A1", "x");
    FunctionConfig first = builder.build();

    builder.environmentVariable("B2", "y").memorySize(512);
    FunctionConfig second = builder.build();

    assertThat(first.environment()).containsExactly(Map.entry("A1", "x"));
    assertThat(first.memorySize()).isEqualTo(128);
    assertThat(second.environment()).containsOnly(Map.entry("A1", "x"), Map.entry("B2", "y"));
    assertThat(second.memorySize()).isEqualTo(512);
  }

  @Test
  void build_calledTwice_returnsEqualConfigs() {
    FunctionConfig.Builder builder = fullyCustomised().toBuilder();

    assertThat(builder.build()).isEqualTo(builder.build()).isEqualTo(fullyCustomised());
  }

  @Test
  void environment_ofBuiltConfig_isUnmodifiable() {
    FunctionConfig config = fullyCustomised();

    assertThatThrownBy(() -> config.environment().put("X1", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void environment_calledAgain_replacesAllVariables() {
    FunctionConfig config =
        FunctionConfig.builder(NAME)
            .environment(Map.of("OLD", "1", "KEEP", "1"))
            .environment(Map.of("KEEP", "2"))
            .build();

    assertThat(config.environment()).containsExactly(Map.entry("KEEP", "2"));
  }

  @Test
  void environmentVariable_existingKey_replacesValue() {
    FunctionConfig config =
        FunctionConfig.builder(NAME)
            .environmentVariable("STAGE", "test")
            .environmentVariable("STAGE", "prod")
            .build();

    assertThat(config.environment()).containsExactly(Map.entry("STAGE", "prod"));
  }

  @Test
  void unreservedConcurrency_afterReservation_removesIt() {
    FunctionConfig config =
        FunctionConfig.builder(NAME).reservedConcurrency(5).unreservedConcurrency().build();

    assertThat(config.reservedConcurrency()).isEmpty();
  }

  @Test
  @SuppressWarnings("NullAway") // deliberately smuggles a null value into a map of non-null values
  void environment_nullValue_isRejectedWithNpe() {
    Map<String, String> variables = new HashMap<>();
    variables.put("KEY", null);

    assertThatThrownBy(() -> FunctionConfig.builder(NAME).environment(variables))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> construct("environment", variables))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  @SuppressWarnings("NullAway") // deliberately smuggles a null key into a map of non-null keys
  void environment_nullKey_isRejectedWithNpe() {
    Map<String, String> variables = new HashMap<>();
    variables.put(null, "v");

    assertThatThrownBy(() -> FunctionConfig.builder(NAME).environment(variables))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> construct("environment", variables))
        .isInstanceOf(NullPointerException.class);
  }

  // ---------------------------------------------------------------- null checks

  @Test
  void publicFactoriesAndConstructor_nullArguments_throwNpe() {
    tester().testAllPublicStaticMethods(FunctionConfig.class);
    tester().testAllPublicConstructors(FunctionConfig.class);
  }

  @Test
  void builderMethods_nullArguments_throwNpe() {
    tester().testAllPublicInstanceMethods(FunctionConfig.builder(NAME));
  }

  /**
   * A tester whose defaults pass validation, so that every null reaches its null check rather than
   * tripping an earlier rule: "fn" is a valid name, handler, description and environment key; 128
   * is a valid memory size and per-environment concurrency.
   */
  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(String.class, NAME)
        .setDefault(int.class, 128)
        .setDefault(Duration.class, Duration.ofSeconds(3));
  }

  // ---------------------------------------------------------------- helpers

  private static FunctionConfig fullyCustomised() {
    return FunctionConfig.builder("orders-v2")
        .handler("com.acme.Orders::handle")
        .description("Takes orders")
        .memorySize(1_769)
        .timeout(Duration.ofSeconds(30))
        .environment(Map.of("STAGE", "test", "TABLE", "orders"))
        .reservedConcurrency(10)
        .perEnvironmentConcurrency(4)
        .executionMode(ExecutionMode.VIRTUAL_THREAD)
        .build();
  }

  private static Setting handler(String handler) {
    return new Setting("handler", Optional.of(handler), b -> b.handler(handler));
  }

  private static Setting description(String description) {
    return new Setting("description", description, b -> b.description(description));
  }

  private static Setting memorySize(int megabytes) {
    return new Setting("memorySize", megabytes, b -> b.memorySize(megabytes));
  }

  private static Setting timeout(Duration timeout) {
    return new Setting("timeout", timeout, b -> b.timeout(timeout));
  }

  private static Setting environment(Map<String, String> variables) {
    return new Setting("environment", variables, b -> b.environment(variables));
  }

  private static Setting environmentVariable(String key, String value) {
    return new Setting("environment", Map.of(key, value), b -> b.environmentVariable(key, value));
  }

  private static Setting reservedConcurrency(int reserved) {
    return new Setting(
        "reservedConcurrency", OptionalInt.of(reserved), b -> b.reservedConcurrency(reserved));
  }

  private static Setting perEnvironmentConcurrency(int invocations) {
    return new Setting(
        "perEnvironmentConcurrency", invocations, b -> b.perEnvironmentConcurrency(invocations));
  }

  private static Setting executionMode(ExecutionMode mode) {
    return new Setting("executionMode", mode, b -> b.executionMode(mode));
  }

  private static Map<String, String> linkedMap(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  /**
   * Calls the canonical constructor with the defaults of {@code FunctionConfig.of("fn")}, except
   * for the named component.
   */
  private static FunctionConfig construct(String field, Object value) {
    FunctionConfig d = FunctionConfig.of(NAME);
    if (Arrays.stream(FunctionConfig.class.getRecordComponents())
        .noneMatch(c -> c.getName().equals(field))) {
      throw new IllegalArgumentException("no component " + field);
    }
    return new FunctionConfig(
        pick(field, "functionName", value, d.functionName()),
        pick(field, "handler", value, d.handler()),
        pick(field, "description", value, d.description()),
        pick(field, "memorySize", value, d.memorySize()),
        pick(field, "timeout", value, d.timeout()),
        pick(field, "environment", value, d.environment()),
        pick(field, "reservedConcurrency", value, d.reservedConcurrency()),
        pick(field, "perEnvironmentConcurrency", value, d.perEnvironmentConcurrency()),
        pick(field, "executionMode", value, d.executionMode()),
        pick(field, "layers", value, d.layers()),
        pick(field, "deadLetterTarget", value, d.deadLetterTarget()));
  }

  @SuppressWarnings("unchecked") // the caller pairs each component name with a value of its type
  private static <T> T pick(String field, String component, Object value, T otherwise) {
    return field.equals(component) ? (T) value : otherwise;
  }

  /** Reads a component through its record accessor. */
  private static Object component(FunctionConfig config, String field) {
    try {
      return FunctionConfig.class.getMethod(field).invoke(config);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new LinkageError("cannot read component " + field, e);
    }
  }

  private static void assertRejected(
      ThrowingCallable call, String field, String value, String rule) {
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
              assertThat(e.resource()).isEmpty();
            });
  }
}
