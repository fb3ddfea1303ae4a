/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.config.RolloutPlan;
import dev.lambdaembedded.test.fuzz.Script.Line;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the validation of {@link FunctionConfig}, {@link AliasConfig}, {@link EventInvokeConfig}
 * and {@link RolloutPlan}: whatever values a host passes, a configuration is either built within
 * Lambda's documented bounds or refused with {@link InvalidParameterValueException} naming the
 * field and the value; no other exception escapes, and a refused setter leaves its builder as it
 * was.
 *
 * <p>Each input is a script of {@code op argument} lines (see {@link Script}), so the seed inputs
 * read as configurations.
 *
 * <p>A plain {@code mvn test} replays the inputs under {@code ConfigFuzzTestInputs/}. To fuzz
 * instead, for each method's {@code @FuzzTest(maxDuration = "60s")} (longer with {@code
 * -Djazzer.max_duration=10m}), select one method:
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o test -pl lambda-embedded-test -am -Dtest='ConfigFuzzTest#aliasConfig*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
 * }</pre>
 *
 * <p>See {@code lambda-embedded-test/FUZZING.md}.
 */
final class ConfigFuzzTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The first line is the function name; each later line calls one builder setter: {@code handler},
   * {@code description}, {@code memory}, {@code timeout}, {@code env KEY=VALUE}, {@code environment
   * K=V;K=V}, {@code reserved}, {@code unreserved}, {@code perEnv}, {@code mode}, {@code layers ARN
   * ARN}, {@code dlq}, {@code nodlq}.
   */
  @FuzzTest(maxDuration = "60s")
  void functionConfig_anySetters_buildWithinBoundsOrRefuseNamingTheValue(byte[] input) {
    List<Line> lines = Script.lines(input);
    String name = Script.wholeLines(input).get(0);
    FunctionConfig.Builder builder;
    try {
      builder = FunctionConfig.builder(name);
    } catch (InvalidParameterValueException e) {
      assertRefusal(e, "functionName", name);
      assertThat(name).doesNotMatch("[a-zA-Z0-9_-]{1,64}");
      return;
    }
    for (Line line : lines.subList(1, lines.size())) {
      FunctionConfig before = builder.build();
      try {
        set(builder, line);
      } catch (InvalidParameterValueException e) {
        assertThat(builder.build()).as("builder after a refused %s", line).isEqualTo(before);
      }
    }
    FunctionConfig config = builder.build();
    assertWithinBounds(config);
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(
            new FunctionConfig(
                config.functionName(),
                config.handler(),
                config.description(),
                config.memorySize(),
                config.timeout(),
                new LinkedHashMap<>(config.environment()),
                config.reservedConcurrency(),
                config.perEnvironmentConcurrency(),
                config.executionMode(),
                new ArrayList<>(config.layers()),
                config.deadLetterTarget()))
        .isEqualTo(config);
  }

  private static void set(FunctionConfig.Builder builder, Line line) {
    String arg = line.arg();
    switch (line.op()) {
      case "handler" -> attempt(() -> builder.handler(arg), "handler", arg);
      case "description" -> attempt(() -> builder.description(arg), "description", arg);
      case "memory" -> {
        OptionalLong number = Script.number(arg);
        if (number.isPresent()) {
          int megabytes = (int) number.getAsLong();
          attempt(() -> builder.memorySize(megabytes), "memorySize", megabytes);
        }
      }
      case "timeout" ->
          Script.duration(arg).ifPresent(d -> attempt(() -> builder.timeout(d), "timeout", d));
      case "env" -> {
        int equals = arg.indexOf('=');
        String key = equals < 0 ? arg : arg.substring(0, equals);
        String value = equals < 0 ? "" : arg.substring(equals + 1);
        Map<String, String> after = new LinkedHashMap<>(builder.build().environment());
        after.put(key, value);
        attemptEnvironment(() -> builder.environmentVariable(key, value), after);
      }
      case "environment" -> {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String entry : arg.split(";", -1)) {
          int equals = entry.indexOf('=');
          if (equals >= 0) {
            variables.put(entry.substring(0, equals), entry.substring(equals + 1));
          }
        }
        attemptEnvironment(() -> builder.environment(variables), variables);
      }
      case "reserved" -> {
        OptionalLong number = Script.number(arg);
        if (number.isPresent()) {
          int reserved = (int) number.getAsLong();
          attempt(() -> builder.reservedConcurrency(reserved), "reservedConcurrency", reserved);
        }
      }
      case "unreserved" -> builder.unreservedConcurrency();
      case "perEnv" -> {
        OptionalLong number = Script.number(arg);
        if (number.isPresent()) {
          int invocations = (int) number.getAsLong();
          attempt(
              () -> builder.perEnvironmentConcurrency(invocations),
              "perEnvironmentConcurrency",
              invocations);
        }
      }
      case "mode" -> {
        ExecutionMode[] modes = ExecutionMode.values();
        long index = Script.number(arg).orElse(0);
        builder.executionMode(modes[Math.floorMod(index, modes.length)]);
      }
      case "layers" -> {
        List<String> arns = arg.isEmpty() ? List.of() : Arrays.asList(arg.split(" ", -1));
        List<Object> named = new ArrayList<>(arns);
        named.add(arns);
        attempt(() -> builder.layers(arns), "layers", named.toArray());
      }
      case "dlq" -> attempt(() -> builder.deadLetterTarget(arg), "deadLetterConfig.targetArn", arg);
      case "nodlq" -> builder.noDeadLetterTarget();
      default -> {}
    }
  }

  private static void attemptEnvironment(Runnable setter, Map<String, String> variables) {
    try {
      setter.run();
    } catch (InvalidParameterValueException e) {
      assertThat(e.field()).isEqualTo("environment");
      assertThat(e.getMessage()).contains("Value '" + e.value() + "' at 'environment'");
      if (e.rule().contains("total size")) {
        int size = jsonSize(variables);
        assertThat(e.value()).isEqualTo(size + " bytes");
        assertThat(size).isGreaterThan(FunctionConfig.MAX_ENVIRONMENT_SIZE);
      } else {
        assertThat(variables).containsKey(e.value());
      }
      throw e;
    }
  }

  private static void assertWithinBounds(FunctionConfig config) {
    assertThat(config.functionName()).matches("[a-zA-Z0-9_-]{1,64}");
    config
        .handler()
        .ifPresent(
            h ->
                assertThat(h).hasSizeBetween(1, 128).doesNotContainPattern("[ \\t\\n\\x0B\\f\\r]"));
    assertThat(config.description()).hasSizeLessThanOrEqualTo(256);
    assertThat(config.memorySize()).isBetween(128, 10_240);
    assertThat(config.timeout().toNanosPart()).isZero();
    assertThat(config.timeout()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(900));
    config
        .environment()
        .keySet()
        .forEach(
            key ->
                assertThat(key)
                    .matches("[a-zA-Z][a-zA-Z0-9_]+")
                    .isNotIn(FunctionConfig.RESERVED_ENVIRONMENT_KEYS));
    assertThat(jsonSize(config.environment())).isLessThanOrEqualTo(4_096);
    config.reservedConcurrency().ifPresent(r -> assertThat(r).isNotNegative());
    assertThat(config.perEnvironmentConcurrency()).isPositive();
    assertThat(config.layers()).hasSizeLessThanOrEqualTo(5);
    Set<String> layerArns = new HashSet<>();
    for (String arn : config.layers()) {
      String[] parts = arn.split(":", -1);
      assertThat(parts).hasSize(8);
      assertThat(parts[0]).isEqualTo("arn");
      assertThat(parts[2]).isEqualTo("lambda");
      assertThat(parts[4]).matches("[0-9]{12}");
      assertThat(parts[5]).isEqualTo("layer");
      assertThat(parts[7]).matches("[0-9]+");
      String layerArn = arn.substring(0, arn.lastIndexOf(':'));
      assertThat(layerArns.add(layerArn)).as("layer %s listed once", layerArn).isTrue();
    }
    config
        .deadLetterTarget()
        .ifPresent(
            arn -> assertThat(arn).matches("arn:aws[a-zA-Z-]*:(sqs|sns):[^:]+:[0-9]{12}:[^:]+"));
  }

  /**
   * The environment's size as Lambda measures it: the JSON object's text, as Jackson writes it,
   * encoded in UTF-8 (an unpaired surrogate becomes one {@code ?}).
   */
  private static int jsonSize(Map<String, String> variables) {
    return JSON.writeValueAsString(variables).getBytes(UTF_8).length;
  }

  /**
   * The first line is the alias name, the second its version; each later line is {@code description
   * TEXT}, {@code routing VERSION WEIGHT}, {@code point VERSION} or {@code weights V=W;V=W} (the
   * canonical constructor with that routing map).
   */
  @FuzzTest(maxDuration = "60s")
  void aliasConfig_anyValues_buildWithinBoundsOrRefuseNamingTheValue(byte[] input) {
    List<String> whole = Script.wholeLines(input);
    String name = whole.get(0);
    String version = whole.size() > 1 ? whole.get(1) : "";
    AliasConfig alias;
    try {
      alias = AliasConfig.of(name, version);
    } catch (InvalidParameterValueException e) {
      assertRefusal(e, Set.of("name", "functionVersion"), name, version);
      return;
    }
    assertWithinBounds(alias);
    List<Line> lines = Script.lines(input);
    for (Line line : lines.subList(Math.min(2, lines.size()), lines.size())) {
      AliasStep step = aliasStep(alias, line);
      if (step == null) {
        continue;
      }
      try {
        alias = step.build().get();
      } catch (InvalidParameterValueException e) {
        Set<String> fields =
            new HashSet<>(
                Set.of("functionVersion", "description", "routingConfig.additionalVersionWeights"));
        step.named().forEach(v -> fields.add("routingConfig.additionalVersionWeights." + v));
        assertRefusal(e, fields, step.named().toArray());
        continue;
      }
      assertWithinBounds(alias);
    }
  }

  /** One change to an alias, and the values a refusal of it may name. */
  private record AliasStep(Supplier<AliasConfig> build, List<Object> named) {}

  private static @Nullable AliasStep aliasStep(AliasConfig current, Line line) {
    String arg = line.arg();
    return switch (line.op()) {
      case "description" ->
          new AliasStep(() -> current.withDescription(arg), List.of(arg.length() + " characters"));
      case "point" -> new AliasStep(() -> current.pointingAt(arg), List.of(arg));
      case "routing" -> {
        int space = arg.lastIndexOf(' ');
        OptionalDouble weight = Script.decimal(arg.substring(space + 1));
        String additional = space < 0 ? "" : arg.substring(0, space);
        yield weight.isEmpty()
            ? null
            : new AliasStep(
                () -> current.withRouting(additional, weight.getAsDouble()),
                List.of(additional, weight.getAsDouble(), current.functionVersion()));
      }
      case "weights" -> {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String entry : arg.split(";", -1)) {
          int equals = entry.indexOf('=');
          OptionalDouble weight =
              equals < 0 ? OptionalDouble.empty() : Script.decimal(entry.substring(equals + 1));
          weight.ifPresent(w -> weights.put(entry.substring(0, equals), w));
        }
        List<Object> named = new ArrayList<>(weights.keySet());
        named.addAll(weights.values());
        named.add(weights);
        named.add(current.functionVersion());
        yield new AliasStep(
            () ->
                new AliasConfig(
                    current.name(), current.functionVersion(), current.description(), weights),
            named);
      }
      default -> null;
    };
  }

  private static void assertWithinBounds(AliasConfig alias) {
    assertThat(alias.name()).matches("[a-zA-Z0-9_-]{1,128}").doesNotMatch("[0-9]+");
    assertThat(alias.functionVersion()).matches("\\$LATEST|[0-9]{1,1024}");
    assertThat(alias.description()).hasSizeLessThanOrEqualTo(256);
    assertThat(alias.additionalVersionWeights()).hasSizeLessThanOrEqualTo(1);
    alias
        .additionalVersionWeights()
        .forEach(
            (version, weight) -> {
              assertThat(version).matches("[0-9]{1,1024}").isNotEqualTo(alias.functionVersion());
              assertThat(alias.functionVersion()).isNotEqualTo("$LATEST");
              assertThat(weight >= 0.0 && weight <= 1.0).as("weight %s", weight).isTrue();
            });
  }

  /**
   * Starts from Lambda's defaults; each line is {@code retries N}, {@code age DURATION}, {@code
   * onSuccess ARN} or {@code onFailure ARN}.
   */
  @FuzzTest(maxDuration = "60s")
  void eventInvokeConfig_anyValues_buildWithinBoundsOrRefuseNamingTheValue(byte[] input) {
    EventInvokeConfig config = EventInvokeConfig.defaults();
    for (Line line : Script.lines(input)) {
      EventInvokeConfig current = config;
      String arg = line.arg();
      try {
        switch (line.op()) {
          case "retries" -> {
            OptionalLong number = Script.number(arg);
            if (number.isPresent()) {
              int retries = (int) number.getAsLong();
              config =
                  refusing(
                      () -> current.withMaximumRetryAttempts(retries),
                      "maximumRetryAttempts",
                      retries);
            }
          }
          case "age" -> {
            Optional<Duration> age = Script.duration(arg);
            if (age.isPresent()) {
              config =
                  refusing(
                      () -> current.withMaximumEventAge(age.get()),
                      "maximumEventAgeInSeconds",
                      age.get());
            }
          }
          case "onSuccess" ->
              config =
                  refusing(() -> current.withOnSuccess(arg), "destinationConfig.onSuccess", arg);
          case "onFailure" ->
              config =
                  refusing(() -> current.withOnFailure(arg), "destinationConfig.onFailure", arg);
          default -> {}
        }
      } catch (InvalidParameterValueException e) {
        continue;
      }
      assertThat(config.maximumRetryAttempts()).isBetween(0, 2);
      assertThat(config.maximumEventAge().toNanosPart()).isZero();
      assertThat(config.maximumEventAge()).isBetween(Duration.ofSeconds(60), Duration.ofHours(6));
      config.onSuccess().ifPresent(ConfigFuzzTest::assertDestination);
      config.onFailure().ifPresent(ConfigFuzzTest::assertDestination);
    }
  }

  private static void assertDestination(String arn) {
    String[] parts = arn.split(":", -1);
    assertThat(parts[0]).isEqualTo("arn");
    assertThat(parts[1]).startsWith("aws");
    assertThat(parts[2]).isIn("lambda", "sqs", "sns");
    assertThat(parts[4]).matches("[0-9]{12}");
    if (parts[2].equals("lambda")) {
      assertThat(parts).hasSizeBetween(7, 8);
      assertThat(parts[5]).isEqualTo("function");
      assertThat(parts[6]).matches("[a-zA-Z0-9_-]{1,64}");
    } else {
      assertThat(parts).hasSize(6);
      assertThat(parts[5]).matches("[a-zA-Z0-9_.-]{1,256}");
    }
  }

  /**
   * Lines {@code target VERSION}, {@code weights W W ...}, {@code step DURATION}, {@code window
   * DURATION}, {@code rate R} and {@code min N} replace a valid plan's values; the plan is then
   * built with the canonical constructor, {@link RolloutPlan#of} and {@link
   * RolloutPlan#withWindow}.
   */
  @FuzzTest(maxDuration = "60s")
  void rolloutPlan_anyValues_buildWithinBoundsOrRefuseNamingTheValue(byte[] input) {
    String target = "2";
    List<Double> weights = List.of(0.1, 0.5);
    Duration step = Duration.ofMinutes(1);
    Duration window = Duration.ofMinutes(1);
    double rate = 0.05;
    long min = 1;
    for (Line line : Script.lines(input)) {
      String arg = line.arg();
      switch (line.op()) {
        case "target" -> target = arg;
        case "weights" -> {
          List<Double> parsed = new ArrayList<>();
          for (String word : arg.split(" ", -1)) {
            Script.decimal(word).ifPresent(parsed::add);
          }
          weights = parsed;
        }
        case "step" -> step = Script.duration(arg).orElse(step);
        case "window" -> window = Script.duration(arg).orElse(window);
        case "rate" -> rate = Script.decimal(arg).orElse(rate);
        case "min" -> min = Script.number(arg).orElse(min);
        default -> {}
      }
    }
    String t = target;
    List<Double> w = weights;
    Duration s = step;
    Duration win = window;
    double r = rate;
    long m = min;
    RolloutPlan plan;
    try {
      plan = new RolloutPlan(t, w, s, win, r, m);
    } catch (InvalidParameterValueException e) {
      assertRefusal(
          e,
          Set.of(
              "targetVersion",
              "weights",
              "stepInterval",
              "window",
              "maxErrorRate",
              "minInvocations"),
          t,
          w,
          s,
          win,
          r,
          m);
      return;
    }
    assertWithinBounds(plan);
    assertThat(RolloutPlan.of(t, w, s, r).withWindow(win, m)).isEqualTo(plan);
  }

  private static void assertWithinBounds(RolloutPlan plan) {
    assertThat(plan.targetVersion()).matches("[0-9]{1,1024}");
    assertThat(plan.weights()).isNotEmpty().isSorted().doesNotHaveDuplicates();
    plan.weights().forEach(w -> assertThat(w).isGreaterThan(0.0).isLessThan(1.0));
    assertThat(plan.stepInterval()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(plan.window()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    double rate = plan.maxErrorRate();
    assertThat(rate >= 0.0 && rate <= 1.0).as("maxErrorRate %s", rate).isTrue(); // -0.0 is 0
    assertThat(plan.minInvocations()).isPositive();
  }

  private static <T> T refusing(Supplier<T> build, String field, Object value) {
    try {
      return build.get();
    } catch (InvalidParameterValueException e) {
      assertRefusal(e, field, value);
      throw e;
    }
  }

  private static void attempt(Runnable setter, String field, Object... values) {
    try {
      setter.run();
    } catch (InvalidParameterValueException e) {
      assertRefusal(e, Set.of(field), values);
      throw e;
    }
  }

  private static void assertRefusal(InvalidParameterValueException e, String field, Object value) {
    assertRefusal(e, Set.of(field), value);
  }

  /** The refusal names one of the fields and one of the values, in Lambda's message form. */
  private static void assertRefusal(
      InvalidParameterValueException e, Set<String> fields, Object... values) {
    assertThat(e.field()).isIn(fields);
    assertThat(Arrays.stream(values).map(String::valueOf).toList()).contains(e.value());
    assertThat(e.getMessage())
        .startsWith(
            "Value '" + e.value() + "' at '" + e.field() + "' failed to satisfy constraint: ")
        .endsWith(e.rule());
  }
}
