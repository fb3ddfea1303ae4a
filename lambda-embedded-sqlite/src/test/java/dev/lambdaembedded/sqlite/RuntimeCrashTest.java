/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime under {@code kill -9}: a child JVM ({@link RuntimeCrashChild}) runs a runtime on a
 * SQLite file and feeds function {@code f} with {@code invokeAsync}; it is killed with SIGKILL at a
 * random moment, restarted on the same file, and killed again. A last child, not killed, drains
 * what the kills left. Then every accepted event must have run: none lost, and run twice no more
 * often than events were running at a kill.
 *
 * <p>The seed (printed) draws the kill moments; rerun one with {@code -Dcrash.seed=N}.
 */
@Tag("crash")
final class RuntimeCrashTest {
  private static final int KILLED_ROUNDS = 4;
  private static final long START_TIMEOUT_SECONDS = 60;
  private static final Pattern LINE =
      Pattern.compile("(RUN|OUT|ACK) ([0-9a-f-]{36})(?: ([A-Z_]+))?|DONE|LEFT \\d+");

  @TempDir Path dir;

  /** What one child printed. */
  private static final class Lines {
    final Set<UUID> acked = new LinkedHashSet<>();
    final Map<UUID, Integer> runs = new HashMap<>();
    final Map<UUID, String> outcomes = new HashMap<>();
    final CountDownLatch firstAck = new CountDownLatch(1);
    boolean done;
    int other;

    synchronized void accept(String line) {
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        other++; // a line cut by the kill, or a log line
        return;
      }
      if (line.equals("DONE")) {
        done = true;
        return;
      }
      if (matcher.group(1) == null) {
        other++;
        return;
      }
      UUID id = UUID.fromString(matcher.group(2));
      switch (matcher.group(1)) {
        case "ACK" -> {
          acked.add(id);
          firstAck.countDown();
        }
        case "RUN" -> runs.merge(id, 1, Integer::sum);
        case "OUT" -> outcomes.put(id, String.valueOf(matcher.group(3)));
        default -> other++;
      }
    }

    /** Events that ran here with no outcome here: running, or just finished, at the kill. */
    synchronized Set<UUID> inFlight() {
      Set<UUID> inFlight = new HashSet<>(runs.keySet());
      inFlight.removeAll(outcomes.keySet());
      return inFlight;
    }

    synchronized int runCount() {
      return runs.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private record Round(int number, int killAfterMillis, Lines lines) {
    boolean killed() {
      return killAfterMillis >= 0;
    }
  }

  @Test
  void runtimeKilledAtRandomMoments_noAcceptedEventLost() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.println("RuntimeCrashTest seed " + seed + " (rerun: -Dcrash.seed=" + seed + ")");
    Random random = new Random(seed);
    Path file = dir.resolve("events.db");
    long started = System.nanoTime();
    List<Round> rounds = new ArrayList<>();
    for (int number = 0; number < KILLED_ROUNDS; number++) {
      Round round = new Round(number, 300 + random.nextInt(701), new Lines());
      run(file, round);
      rounds.add(round);
    }
    Round last = new Round(KILLED_ROUNDS, -1, new Lines());
    run(file, last);
    rounds.add(last);

    long stored;
    int deadLetters;
    try (SqliteEventStore store = SqliteEventStore.open(file)) {
      stored = store.size();
      deadLetters = store.deadLetters().size();
    }

    Set<UUID> acked = new HashSet<>();
    Map<UUID, Integer> runs = new HashMap<>();
    Map<UUID, String> outcomes = new HashMap<>();
    Set<UUID> inFlightAtKills = new HashSet<>();
    for (Round round : rounds) {
      acked.addAll(round.lines.acked);
      round.lines.runs.forEach((id, times) -> runs.merge(id, times, Integer::sum));
      outcomes.putAll(round.lines.outcomes);
      if (round.killed()) {
        inFlightAtKills.addAll(round.lines.inFlight());
      }
    }
    Set<UUID> lost = new HashSet<>();
    int ranWithoutOutcome = 0;
    for (UUID id : acked) {
      if (!outcomes.containsKey(id)) {
        if (runs.containsKey(id)) {
          ranWithoutOutcome++; // killed between its completion and its OUT line
        } else {
          lost.add(id);
        }
      }
    }
    long duplicates = runs.values().stream().filter(times -> times > 1).count();
    Set<String> kinds = new HashSet<>(outcomes.values());

    StringBuilder table = new StringBuilder();
    table.append("round  killed at   acked outcomes    runs in flight at kill\n");
    for (Round round : rounds) {
      Lines lines = round.lines;
      table.append(
          String.format(
              "%5d  %9s %7d %8d %7d %17s%n",
              round.number,
              round.killed() ? round.killAfterMillis + " ms" : "drained",
              lines.acked.size(),
              lines.outcomes.size(),
              lines.runCount(),
              round.killed() ? Integer.toString(lines.inFlight().size()) : "-"));
    }
    table.append(
        String.format(
            "acked %d, lost %d, ran without an outcome line %d, run twice or more %d (bound: %d in"
                + " flight at kills), outcome kinds %s, left in the store %d, dead letters %d,"
                + " other lines %d, %d ms",
            acked.size(),
            lost.size(),
            ranWithoutOutcome,
            duplicates,
            inFlightAtKills.size(),
            kinds,
            stored,
            deadLetters,
            rounds.stream().mapToInt(round -> round.lines.other).sum(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    System.out.println(table);

    assertThat(last.lines.done).as("seed %d: the last child drained the store", seed).isTrue();
    assertThat(stored).as("seed %d: events left in the store", seed).isZero();
    assertThat(deadLetters).as("seed %d: dead letters", seed).isZero();
    assertThat(lost).as("seed %d: accepted events that never ran", seed).isEmpty();
    assertThat(kinds).as("seed %d: outcome kinds", seed).containsOnly("SUCCEEDED");
    assertThat(duplicates)
        .as("seed %d: events run twice, bounded by those in flight at the kills", seed)
        .isLessThanOrEqualTo(inFlightAtKills.size());
    for (Round round : rounds.subList(0, KILLED_ROUNDS)) {
      assertThat(round.lines.acked)
          .as("seed %d: round %d accepted events", seed, round.number)
          .isNotEmpty();
    }
  }

  /** Runs one child: killed a while after its first ACK, or (the last) until it drained. */
  private void run(Path file, Round round) throws Exception {
    Path stderr = dir.resolve("child-" + round.number + ".err");
    Path nativeDir = Files.createDirectories(dir.resolve("native"));
    List<String> command =
        List.of(
            ProcessHandle.current().info().command().orElseThrow(),
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-Xmx256m",
            "--enable-native-access=ALL-UNNAMED",
            // sqlite-jdbc extracts its library per process; keep a killed child's copy in @TempDir
            "-Dorg.sqlite.tmpdir=" + nativeDir,
            "-cp",
            ChildJvms.classPath(RuntimeCrashChild.class),
            RuntimeCrashChild.class.getName(),
            file.toString(),
            round.killed() ? "feed" : "drain");
    Process child =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
            .start();
    Thread reader =
        Thread.ofPlatform()
            .name("runtime-crash-child-reader-" + round.number)
            .start(
                () -> {
                  try (BufferedReader lines =
                      new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                      round.lines.accept(line);
                    }
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    try {
      if (round.killed()) {
        boolean started = round.lines.firstAck.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(started && child.isAlive())
            .as("child %d accepted an event; stderr:%n%s", round.number, Files.readString(stderr))
            .isTrue();
        Thread.sleep(round.killAfterMillis); // the kill moment, not a synchronisation
        assertThat(child.isAlive())
            .as("child %d alive at the kill; stderr:%n%s", round.number, Files.readString(stderr))
            .isTrue();
      } else {
        boolean exited =
            child.waitFor(
                START_TIMEOUT_SECONDS + RuntimeCrashChild.DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(exited && child.exitValue() == 0)
            .as("last child drained and exited; stderr:%n%s", Files.readString(stderr))
            .isTrue();
      }
    } finally {
      // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe
      child.toHandle().destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      reader.join(Duration.ofSeconds(30));
    }
    assertThat(reader.isAlive()).as("stdout of child %d read to its end", round.number).isFalse();
  }
}
