/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the sample host's tour once and checks what its narration reports. */
final class SampleHostTest {

  /** The beginning of shout's response, with any greeting: the getenv test checks which. */
  private static final String SHOUT = "^==>    shout:   \\{\"shout\":\"[A-Za-z]+, ";

  /** The executed versions of 1,000 invocations of an alias sending 10% to version 2. */
  private static final Pattern EXECUTED =
      Pattern.compile("==>    executed version 1: (\\d+), version 2: (\\d+)");

  /** An attempt of the asynchronous event that fails twice: its number, offset and request id. */
  private static final Pattern ATTEMPT =
      Pattern.compile("==>    attempt (\\d) at \\+ *(\\d+) ms, request id (\\S+): (.+)");

  /** The narration of the one run of the tour, which takes a few seconds. */
  private static List<String> narration = List.of();

  @BeforeAll
  static void runTheTour() throws Exception {
    narration = narrationOf(runMain());
  }

  @Test
  void main_runsTheTour_narratesEveryOutcomeAndLeavesNothingRunning() {
    assertThat(Thread.getAllStackTraces().keySet())
        .as("live runtime platform threads after main returned")
        .noneMatch(thread -> thread.getName().startsWith("lambda-"));

    assertThat(narration)
        .containsSubsequence(
            "==>    cold: response {\"message\":\"Hello, Ada!\"}",
            "==>          REPORT line has \"Init Duration\": true",
            "==>    warm: response {\"message\":\"Hello, Grace!\"}",
            "==>          REPORT line has \"Init Duration\": false",
            "==>    response: {\"message\":\"Hello, Ada, from greeter (invocation 1 of this"
                + " environment)\"}",
            "==>    response: {\"message\":\"Hello, Ada, from greeter (invocation 2 of this"
                + " environment)\"}",
            "==>    error type: java.lang.IllegalArgumentException",
            "==>    reason: ReservedFunctionConcurrentInvocationLimitExceeded",
            "==>    released the first invocation: {\"message\":\"first caller done\"}",
            "==>    deployed shout.jar as shout (GREETING=Ahoy)",
            "==>    deployed shout.jar as slugify (layer text-tools)",
            "==>    the host loading dev.lambdaembedded.samples.shout.ShoutHandler:"
                + " ClassNotFoundException",
            "==>    the host loading dev.lambdaembedded.samples.texttools.Slugs:"
                + " ClassNotFoundException",
            "==> Done.");
    assertThat(narration)
        .anySatisfy(line -> assertThat(line).startsWith("==>          cold start: true, init "))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("==>          cold start: false, init none (warm environment)"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("==>    error JSON: {\"errorMessage\":\"name must not be blank\"")
                    .contains("\"errorType\":\"java.lang.IllegalArgumentException\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("==>    response: Sandbox.Timedout ")
                    .contains("Task timed out after 1.00 seconds"))
        .anySatisfy(line -> assertThat(line).startsWith("==>    the caller waited "))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("==>    message: Rate Exceeded.")
                    .contains("ReservedFunctionConcurrentInvocationLimitExceeded"))
        .anySatisfy(line -> assertThat(line).startsWith("==>    | START RequestId: "))
        .contains(
            "==>    | greeting Ada via context.logger()",
            "==>    | System.out on the handler's thread goes to the log too",
            "==>    running now: 0, stuck: 0")
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "==>    sleepy   invocations=1 errors=1 throttles=0 timeouts=1 coldStarts=1"
                            + " environments=0"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("==>    single   invocations=1 errors=0 throttles=1 timeouts=0"));
  }

  @Test
  void main_deploysTheSampleJars_eachEnvironmentRunsInItsOwnClassLoader() {
    assertThat(narration)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("==>    published layer text-tools.jar: arn:aws:lambda:")
                    .endsWith(":layer:text-tools:1"));

    // one environment served both shout invocations: one class loader, its static counter at 2
    List<String> shout = linesStartingWith("==>    shout:   ");
    assertThat(shout).hasSize(2);
    assertThat(shout.get(0))
        .containsPattern(
            SHOUT + "HELLO!\",\"classLoader\":\"fn\\.shout\\.[^\"]+\",\"invocation\":1}$");
    assertThat(shout.get(1))
        .containsPattern(
            SHOUT + "AGAIN!\",\"classLoader\":\"fn\\.shout\\.[^\"]+\",\"invocation\":2}$");
    assertThat(classLoaderIn(shout.get(1))).isEqualTo(classLoaderIn(shout.get(0)));

    // slugify, from the same jar, has its own loader and counter, and Slugs comes from the layer's
    List<String> slugify = linesStartingWith("==>    slugify: ");
    assertThat(slugify).hasSize(1);
    assertThat(slugify.getFirst())
        .startsWith("==>    slugify: {\"slug\":\"hello-world\",\"textTools\":\"1.0\",")
        .containsPattern("\"classLoader\":\"fn\\.slugify\\.[^\"]+\"")
        .endsWith(",\"layerClassLoader\":\"layer.text-tools.1\",\"invocation\":1}");

    assertThat(narration)
        .contains(
            "==>    the host loading dev.lambdaembedded.samples.shout.ShoutHandler:"
                + " ClassNotFoundException",
            "==>    the host loading dev.lambdaembedded.samples.texttools.Slugs:"
                + " ClassNotFoundException")
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "==>    shout    invocations=2 errors=0 throttles=0 timeouts=0"
                            + " coldStarts=1 environments=1"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "==>    slugify  invocations=1 errors=0 throttles=0 timeouts=0"
                            + " coldStarts=1 environments=1"));
  }

  @Test
  void main_deploysShout_itsSystemGetenvSeesTheFunctionsGreeting() {
    assertThat(linesStartingWith("==>    shout:   "))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("==>    shout:   {\"shout\":\"Ahoy, "));
  }

  @Test
  void main_shiftsAnAlias_runsBothVersionsThenOnlyThePromotedOne() {
    assertThat(narration)
        .containsSubsequence(
            "==> 9. Versions and aliases: publish two versions, shift an alias 90/10, promote",
            "==>    published version 1 (Plain totals)",
            "==>    published version 2 (Discounts)",
            "==>    published again with nothing changed: version 2",
            "==>    versions: $LATEST, 1, 2, no version 3",
            "==>    live -> 1: checkout:live executed version 1,"
                + " {\"message\":\"total from version 1\"}",
            "==>    promoted, live -> 2: checkout:live executed version 2,"
                + " {\"message\":\"total with discounts from version 2\"}",
            "==> Done.");

    // a 10% share of 1,000 draws: a wide sanity bound on the routing, not a statistical test
    List<String> executed = linesStartingWith("==>    executed ");
    assertThat(executed).hasSize(1);
    Matcher counts = EXECUTED.matcher(executed.getFirst());
    assertThat(counts.matches()).as(executed.getFirst()).isTrue();
    int first = Integer.parseInt(counts.group(1));
    int second = Integer.parseInt(counts.group(2));
    assertThat(first + second).isEqualTo(1_000);
    assertThat(second).isBetween(50, 160);
  }

  @Test
  void main_invokesAsynchronously_retriesUnderOneRequestIdThenDeadLettersWithItsRecord() {
    assertThat(narration)
        .containsSubsequence(
            "==> 10. Asynchronous invocation: retries under one request id, then a dead-letter"
                + " queue",
            "==>    the same request id on all 3 attempts: true",
            "==>    outcome: SUCCEEDED (Success) after 3 attempts",
            "==>    outcome: FAILURE_DELIVERED (RetriesExhausted) after 2 attempts",
            "==>    dead letter in doomed-dlq, the event as sent: {\"name\":\"Ada\"}",
            "==>      ErrorCode: 200",
            "==>      ErrorMessage: the warehouse is closed",
            "==> Done.");

    // the same request id on all three attempts, the retries after the host's 200 and 400 ms
    String flakyId = requestIdOf("==>    invokeAsync(\"flaky\") returned at once (Lambda's 202):");
    List<Matcher> attempts =
        linesStartingWith("==>    attempt ").stream().map(ATTEMPT::matcher).toList();
    assertThat(attempts).hasSize(3).allMatch(Matcher::matches);
    assertThat(attempts).extracting(m -> m.group(3)).containsOnly(flakyId);
    assertThat(attempts)
        .extracting(m -> m.group(4))
        .containsExactly(
            "throws IllegalStateException", "throws IllegalStateException", "returns a reply");
    // offsets are nanoTime, retry times the system clock: allow the two a few ms of disagreement
    assertThat(Long.parseLong(attempts.get(1).group(2))).isGreaterThanOrEqualTo(200 - 5);
    assertThat(Long.parseLong(attempts.get(2).group(2))).isGreaterThanOrEqualTo(600 - 5);

    // the dead letter and the on-failure record name the event that failed for good
    String doomedId = requestIdOf("==>    invokeAsync(\"doomed\"):");
    assertThat(narration).contains("==>      RequestID: " + doomedId);
    List<String> records = linesStartingWith("==>      {\"version\":\"1.0\",\"timestamp\":\"");
    assertThat(records).hasSize(1);
    assertThat(records.getFirst())
        .contains(
            "\"requestContext\":{\"requestId\":\""
                + doomedId
                + "\",\"functionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:doomed:$LATEST\","
                + "\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":2},"
                + "\"requestPayload\":{\"name\":\"Ada\"},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\","
                + "\"functionError\":\"Unhandled\"},"
                + "\"responsePayload\":{\"errorMessage\":\"the warehouse is closed\","
                + "\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[");
  }

  /** The request id at the end of the one narration line that starts with a prefix. */
  private static String requestIdOf(String prefix) {
    List<String> lines = linesStartingWith(prefix);
    assertThat(lines).hasSize(1);
    String line = lines.getFirst();
    return line.substring(line.lastIndexOf("request id ") + "request id ".length());
  }

  private static List<String> linesStartingWith(String prefix) {
    return narration.stream().filter(line -> line.startsWith(prefix)).toList();
  }

  private static String classLoaderIn(String line) {
    int start = line.indexOf("\"classLoader\":\"") + "\"classLoader\":\"".length();
    return line.substring(start, line.indexOf('"', start));
  }

  /**
   * Runs {@code SampleHost.main} on this thread with {@code System.out} captured. The runtime swaps
   * {@code System.out} for a stream that diverts only handler threads' output while it is open, and
   * must put the capturing stream back when it closes.
   */
  private static String runMain() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, UTF_8);
    System.setOut(capture);
    try {
      SampleHost.main(new String[0]);
      assertThat(System.out).as("System.out after the runtime closed").isSameAs(capture);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(UTF_8);
  }

  /** The narration lines, without the runtime's log lines that share the stream. */
  private static List<String> narrationOf(String output) {
    return output.lines().filter(line -> line.startsWith(SampleHost.NARRATION)).toList();
  }
}
