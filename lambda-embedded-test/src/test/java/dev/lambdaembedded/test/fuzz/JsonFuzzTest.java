/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.common.reflect.TypeToken;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.json.JsonFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes {@link JsonCodec}, which reads every event and payload a host sends: {@link
 * JsonCodec#validate} refuses with {@link JsonFailure} alone, what it accepts Jackson reads and
 * writes back into bytes it accepts again, and an event read into a {@code Map} and written back
 * reads the same.
 *
 * <p>A plain {@code mvn test} replays the inputs under {@code JsonFuzzTestInputs/}. To fuzz
 * instead, for each method's {@code @FuzzTest(maxDuration = "60s")} (longer with {@code
 * -Djazzer.max_duration=10m}), select one method:
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o test -pl lambda-embedded-test -am -Dtest='JsonFuzzTest#validate*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
 * }</pre>
 *
 * <p>See {@code lambda-embedded-test/FUZZING.md}.
 */
final class JsonFuzzTest {
  private static final JsonCodec CODEC = JsonCodec.create();
  private static final JsonCodec.Reader MAP_READER =
      CODEC.reader(new TypeToken<Map<String, Object>>() {}.getType());

  /** A plain mapper, reading floating-point numbers as doubles like the codec. */
  private static final JsonMapper TREES = JsonMapper.builder().build();

  /**
   * Any bytes are accepted or refused with a syntax {@link JsonFailure}; accepted bytes read into a
   * tree whose re-serialization is accepted and reads into the same tree (a number beyond a
   * double's range reads as infinite and comes back as its name: see {@link #asWritten}).
   */
  @FuzzTest(maxDuration = "60s")
  void validate_anyBytes_refusesWithJsonFailureOrRoundTrips(byte[] input) {
    try {
      CODEC.validate(input);
    } catch (JsonFailure e) {
      assertThat(e.syntax()).isTrue();
      assertThat(e.detail()).isNotBlank();
      return;
    }
    if (input.length == 0) {
      return;
    }
    JsonNode tree = TREES.readTree(input);
    byte[] written = TREES.writeValueAsBytes(tree);
    CODEC.validate(written);
    assertThat(plain(TREES.readTree(written))).isEqualTo(asWritten(plain(tree), false));
  }

  private static @Nullable Object plain(JsonNode tree) {
    return TREES.convertValue(tree, Object.class);
  }

  /**
   * Any bytes the codec reads into a {@code Map<String, Object>}, as a handler taking a map gets
   * its event, are written back into JSON that reads into the same map, less the null map values
   * that writing omits and with infinities as strings (see {@link #asWritten}).
   */
  @FuzzTest(maxDuration = "60s")
  void readMap_anyJson_writesBackToTheSameMap(byte[] input) {
    Object event;
    try {
      event = MAP_READER.read(input);
    } catch (JsonFailure e) {
      assertThat(e.detail()).isNotBlank();
      return;
    }
    byte[] written = CODEC.write(event);
    CODEC.validate(written);
    assertThat(MAP_READER.read(written)).isEqualTo(asWritten(event, true));
  }

  /**
   * The value as writing it changes it: an infinite double, read from a number beyond a double's
   * range, is written as the string {@code "Infinity"} or {@code "-Infinity"}, as Jackson (and so
   * Lambda's own serializer) writes it; the codec also leaves out null map values.
   */
  private static @Nullable Object asWritten(@Nullable Object value, boolean dropsNullValues) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            if (v != null || !dropsNullValues) {
              copy.put(k, asWritten(v, dropsNullValues));
            }
          });
      return copy;
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>();
      list.forEach(element -> copy.add(asWritten(element, dropsNullValues)));
      return copy;
    }
    if (value instanceof Double d && d.isInfinite()) {
      return d.toString();
    }
    return value;
  }
}
