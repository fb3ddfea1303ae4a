/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.spi.EventStore.DeadLetter;
import dev.lambdaembedded.api.spi.StoredEvent;
import dev.lambdaembedded.sqlite.SqliteEventStore.Synchronous;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store under {@code kill -9}: a child JVM ({@link CrashChild}) enqueues, claims and completes
 * on one file and prints what each call acknowledged; it is killed with SIGKILL at a random moment,
 * restarted on the same file, and killed again. Then this test opens the file and checks every
 * acknowledgement against it: no acknowledged event lost, no acknowledged outcome undone, and
 * redelivered events no more than the leases the kills cut short.
 *
 * <p>The seed (printed) draws the kill moments and the child's ids; rerun a seed with {@code
 * -Dcrash.seed=N}. Rounds alternate group commit and single commits, and FULL and NORMAL.
 */
@Tag("crash")
final class SqliteCrashTest {
  private static final int ROUNDS = 5;
  private static final long READY_TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  /** What one child acknowledged before it was killed. */
  private static final class Acks {
    final Set<UUID> enqueued = new LinkedHashSet<>();
    final Set<UUID> claimed = new LinkedHashSet<>();
    final Set<UUID> completed = new HashSet<>();
    final Set<UUID> rescheduled = new HashSet<>();
    final Set<UUID> deadLettered = new HashSet<>();
    final CountDownLatch ready = new CountDownLatch(1);
    int recoveredAtStart = -1;
    int partialLines;

    synchronized void accept(String line) {
      if (line.startsWith("R ")) {
        recoveredAtStart = Integer.parseInt(line.substring(2));
        ready.countDown();
        return;
      }
      if (line.length() != 38 || line.charAt(1) != ' ') {
        partialLines++;
        return;
      }
      UUID id = UUID.fromString(line.substring(2));
      switch (line.charAt(0)) {
        case 'E' -> enqueued.add(id);
        case 'C' -> claimed.add(id);
        case 'D' -> completed.add(id);
        case 'S' -> rescheduled.add(id);
        case 'X' -> deadLettered.add(id);
        default -> partialLines++;
      }
    }

    /** Claims acknowledged with no acknowledged outcome: leases held at the kill. */
    synchronized Set<UUID> held() {
      Set<UUID> held = new HashSet<>(claimed);
      held.removeAll(completed);
      held.removeAll(rescheduled);
      held.removeAll(deadLettered);
      return held;
    }
  }

  private record Round(
      int number, boolean groupCommit, Synchronous synchronous, int killAfterMillis, Acks acks) {}

  @Test
  void childKilledAtRandomMoments_noAcknowledgedEventOrOutcomeLost() throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    System.out.println("SqliteCrashTest seed " + seed + " (rerun: -Dcrash.seed=" + seed + ")");
    Random random = new Random(seed);
    Path file = dir.resolve("events.db");
    List<Round> rounds = new ArrayList<>();
    for (int number = 0; number < ROUNDS; number++) {
      Round round =
          new Round(
              number,
              number % 2 == 0,
              number / 2 % 2 == 0 ? Synchronous.FULL : Synchronous.NORMAL,
              300 + random.nextInt(701),
              new Acks());
      runAndKill(file, seed + number, round);
      rounds.add(round);
    }

    Map<UUID, StoredEvent> present = new HashMap<>();
    Map<UUID, DeadLetter> dead = new HashMap<>();
    int recoveredAtEnd;
    try (SqliteEventStore store = SqliteEventStore.open(file)) {
      recoveredAtEnd = store.recoverExpiredLeases(CrashChild.FAR);
      List<StoredEvent> remaining =
          store.claim(CrashChild.FAR, Integer.MAX_VALUE, Duration.ofMinutes(1));
      remaining.forEach(event -> present.put(event.requestId(), event));
      assertThat(remaining).as("seed %d: claimed once each", seed).hasSize(present.size());
      store.deadLetters().forEach(letter -> dead.put(letter.event().requestId(), letter));
      assertThat(store.size()).isEqualTo(present.size());
    }

    Report report = new Report(rounds, present, dead, recoveredAtEnd);
    System.out.println(report.table());
    assertThat(report.corrupt).as("seed %d: events whose bytes changed", seed).isEmpty();
    assertThat(report.lost).as("seed %d: acknowledged enqueues lost", seed).isEmpty();
    assertThat(report.undone).as("seed %d: acknowledged outcomes undone", seed).isEmpty();
    assertThat(report.unacknowledgedOutcomes)
        .as("seed %d: outcomes committed without acknowledgement (one in flight per kill)", seed)
        .isLessThanOrEqualTo(ROUNDS);
    assertThat(report.duplicates)
        .as("seed %d: redeliveries, bounded by the leases held at the kills", seed)
        .isLessThanOrEqualTo(report.heldAtKills);
    for (int number = 0; number < ROUNDS; number++) {
      int recoveredNext =
          number + 1 < ROUNDS ? rounds.get(number + 1).acks.recoveredAtStart : recoveredAtEnd;
      assertThat(recoveredNext)
          .as("seed %d: leases of round %d recovered after the kill", seed, number)
          .isGreaterThanOrEqualTo(rounds.get(number).acks.held().size() - 1);
    }
    for (Round round : rounds) {
      assertThat(round.acks.enqueued)
          .as("seed %d: round %d did work", seed, round.number)
          .isNotEmpty();
    }
  }

  /** The checks, and a table of them for the test's output. */
  private static final class Report {
    final Set<UUID> corrupt = new HashSet<>();
    final Set<UUID> lost = new HashSet<>();
    final Set<String> undone = new LinkedHashSet<>();
    final int unacknowledgedOutcomes;
    final int duplicates;
    final int heldAtKills;
    final int committedUnacknowledged;
    final int partialLines;
    final List<String> rows = new ArrayList<>();

    Report(
        List<Round> rounds,
        Map<UUID, StoredEvent> present,
        Map<UUID, DeadLetter> dead,
        int recoveredAtEnd) {
      for (StoredEvent event : present.values()) {
        checkBytes(event);
      }
      for (DeadLetter letter : dead.values()) {
        checkBytes(letter.event());
      }
      Set<UUID> enqueued = new HashSet<>();
      Set<UUID> claimed = new HashSet<>();
      Set<UUID> completed = new HashSet<>();
      Set<UUID> rescheduled = new HashSet<>();
      Set<UUID> deadLettered = new HashSet<>();
      Map<UUID, Integer> deliveries = new HashMap<>();
      int held = 0;
      for (Round round : rounds) {
        Acks acks = round.acks;
        for (UUID id : acks.claimed) {
          if (completed.contains(id) || deadLettered.contains(id)) {
            undone.add(id + " claimed again after its completion was acknowledged");
          }
        }
        enqueued.addAll(acks.enqueued);
        claimed.addAll(acks.claimed);
        completed.addAll(acks.completed);
        rescheduled.addAll(acks.rescheduled);
        deadLettered.addAll(acks.deadLettered);
        acks.claimed.forEach(id -> deliveries.merge(id, 1, Integer::sum));
        held += acks.held().size();
      }
      heldAtKills = held;
      partialLines = rounds.stream().mapToInt(round -> round.acks.partialLines).sum();
      for (UUID id : completed) {
        if (present.containsKey(id) || dead.containsKey(id)) {
          undone.add(id + " completed, yet still stored");
        }
      }
      for (UUID id : deadLettered) {
        if (!dead.containsKey(id) || present.containsKey(id)) {
          undone.add(id + " dead-lettered, yet not among the dead letters alone");
        }
      }
      for (UUID id : rescheduled) {
        StoredEvent event = present.get(id);
        if (event == null || event.attempts() != 1) {
          undone.add(id + " rescheduled, yet stored as " + event);
        }
      }
      for (UUID id : enqueued) {
        if (!present.containsKey(id)
            && !dead.containsKey(id)
            && !completed.contains(id)
            && !claimed.contains(id)) {
          lost.add(id);
        }
      }
      // an outcome committed just before a kill, its line never printed
      int gone = 0;
      for (UUID id : claimed) {
        if (!present.containsKey(id) && !dead.containsKey(id) && !completed.contains(id)) {
          gone++;
        }
      }
      int deadUnacknowledged = 0;
      for (UUID id : dead.keySet()) {
        if (!deadLettered.contains(id)) {
          deadUnacknowledged++;
        }
      }
      int rescheduledUnacknowledged = 0;
      for (StoredEvent event : present.values()) {
        if (event.attempts() == 1 && !rescheduled.contains(event.requestId())) {
          rescheduledUnacknowledged++;
        }
      }
      unacknowledgedOutcomes = gone + deadUnacknowledged + rescheduledUnacknowledged;
      int redelivered = 0;
      for (Map.Entry<UUID, Integer> entry : deliveries.entrySet()) {
        StoredEvent event = present.get(entry.getKey());
        int times = entry.getValue() + (event != null && event.attempts() == 0 ? 1 : 0);
        redelivered += Math.max(0, times - 1);
      }
      duplicates = redelivered;
      int committed = 0;
      for (UUID id : present.keySet()) {
        if (!enqueued.contains(id)) {
          committed++;
        }
      }
      for (UUID id : dead.keySet()) {
        if (!enqueued.contains(id)) {
          committed++;
        }
      }
      committedUnacknowledged = committed;

      for (int index = 0; index < rounds.size(); index++) {
        Round round = rounds.get(index);
        Acks acks = round.acks;
        int recoveredNext =
            index + 1 < rounds.size()
                ? rounds.get(index + 1).acks.recoveredAtStart
                : recoveredAtEnd;
        long lostHere = acks.enqueued.stream().filter(lost::contains).count();
        long redeliveredLater = 0;
        for (UUID id : acks.held()) {
          boolean again =
              rounds.subList(index + 1, rounds.size()).stream()
                      .anyMatch(later -> later.acks.claimed.contains(id))
                  || (present.containsKey(id) && present.get(id).attempts() == 0);
          if (again) {
            redeliveredLater++;
          }
        }
        rows.add(
            String.format(
                "%5d  %-6s %-6s %5d ms %8d %7d %8d %6d %6d %5d %9d %5d %11d",
                round.number,
                round.groupCommit ? "group" : "single",
                round.synchronous,
                round.killAfterMillis,
                acks.enqueued.size(),
                acks.claimed.size(),
                acks.completed.size(),
                acks.rescheduled.size(),
                acks.deadLettered.size(),
                acks.held().size(),
                recoveredNext,
                lostHere,
                redeliveredLater));
      }
    }

    private void checkBytes(StoredEvent event) {
      if (!Arrays.equals(event.payload(), CrashChild.payload(event.requestId()))
          || !event.qualifier().equals("fn:live")) {
        corrupt.add(event.requestId());
      }
    }

    String table() {
      StringBuilder table = new StringBuilder();
      table.append(
          "round  commit sync   killed at enqueued claimed complete resched dead   held recovered"
              + "  lost redelivered\n");
      rows.forEach(row -> table.append(row).append('\n'));
      table.append(
          String.format(
              "partial lines %d, lost %d, outcomes undone %d, redeliveries %d (bound: %d leases held at kills),"
                  + " outcomes committed unacknowledged %d, enqueues committed unacknowledged %d,"
                  + " corrupt %d",
              partialLines,
              lost.size(),
              undone.size(),
              duplicates,
              heldAtKills,
              unacknowledgedOutcomes,
              committedUnacknowledged,
              corrupt.size()));
      return table.toString();
    }
  }

  private void runAndKill(Path file, long seed, Round round) throws Exception {
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
            ChildJvms.classPath(CrashChild.class),
            CrashChild.class.getName(),
            file.toString(),
            Long.toString(seed),
            Boolean.toString(round.groupCommit),
            round.synchronous.name());
    Process child =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
            .start();
    Thread reader =
        Thread.ofPlatform()
            .name("crash-child-reader-" + round.number)
            .start(
                () -> {
                  try (BufferedReader lines =
                      new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                      round.acks.accept(line);
                    }
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    try {
      boolean ready = round.acks.ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(ready && child.isAlive())
          .as("child %d ready; stderr:%n%s", round.number, Files.readString(stderr))
          .isTrue();
      Thread.sleep(round.killAfterMillis); // the seeded kill moment, not a synchronisation
      assertThat(child.isAlive())
          .as("child %d alive at the kill; stderr:%n%s", round.number, Files.readString(stderr))
          .isTrue();
    } finally {
      // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe
      child.toHandle().destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      reader.join(Duration.ofSeconds(30));
    }
    assertThat(reader.isAlive()).as("stdout of child %d read to its end", round.number).isFalse();
  }
}
