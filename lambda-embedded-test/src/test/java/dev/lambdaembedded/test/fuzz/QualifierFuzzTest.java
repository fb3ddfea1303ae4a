/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.Qualifier;

/**
 * Fuzzes {@link Qualifier#parse(String)}, which takes function names, {@code name:qualifier} and
 * function ARNs from hosts and from invocation records.
 *
 * <p>A plain {@code mvn test} replays the inputs under {@code QualifierFuzzTestInputs/}. To fuzz
 * instead, for each method's {@code @FuzzTest(maxDuration = "60s")} (longer with {@code
 * -Djazzer.max_duration=10m}), select one method:
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o test -pl lambda-embedded-test -am -Dtest='QualifierFuzzTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
 * }</pre>
 *
 * <p>See {@code lambda-embedded-test/FUZZING.md}.
 */
final class QualifierFuzzTest {

  /**
   * Any text is either refused with {@link InvalidParameterValueException}, naming a part of the
   * text, or parsed into a qualifier whose text form parses back to it.
   */
  @FuzzTest(maxDuration = "60s")
  void parse_anyText_refusesWithInvalidParameterValueOrRoundTrips(byte[] input) {
    String text = new String(input, UTF_8);
    Qualifier parsed;
    try {
      parsed = Qualifier.parse(text);
    } catch (InvalidParameterValueException e) {
      assertThat(text).contains(e.value());
      assertThat(e.getMessage()).contains("'" + e.value() + "'").contains(e.field());
      return;
    }
    assertThat(parsed.functionName()).matches("[a-zA-Z0-9_-]{1,64}");
    parsed
        .qualifier()
        .ifPresent(
            q ->
                assertThat(
                        q.equals(Qualifier.LATEST)
                            || q.matches("[0-9]{1,128}")
                            || (q.matches("[a-zA-Z0-9_-]{1,128}") && !q.matches("[0-9]+")))
                    .as("qualifier %s", q)
                    .isTrue());
    assertThat(text).endsWith(parsed.toString());
    assertThat(Qualifier.parse(parsed.toString())).isEqualTo(parsed);
    assertThat(parsed.isLatest())
        .isEqualTo(parsed.qualifier().map(Qualifier.LATEST::equals).orElse(true));
  }
}
