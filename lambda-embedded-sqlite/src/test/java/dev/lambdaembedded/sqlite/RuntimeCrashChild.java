/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lambdaembedded.api.AsyncOutcome;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.LambdaRuntime;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link RuntimeCrashTest} kills: a runtime on the SQLite file, with function {@code
 * f}, fed by {@code invokeAsync} from the main thread until the process is killed. Each line it
 * prints acknowledges something that happened:
 *
 * <pre>
 * RUN id        the handler ran (before the runtime records its outcome)
 * OUT id kind   the outcome listener was called (after the store recorded it)
 * ACK id        invokeAsync returned (the event is committed)
 * DONE          drain mode: the store is empty and the runtime closed
 * </pre>
 *
 * <p>Arguments: the file and {@code feed} (invoke until killed) or {@code drain} (invoke nothing,
 * wait until the events left by the killed predecessors have finished, close, print {@code DONE}).
 */
final class RuntimeCrashChild {
  /** Events this process accepted and whose outcome it has not seen: bounds the backlog. */
  static final int MAX_OUTSTANDING = 256;

  static final long DRAIN_TIMEOUT_SECONDS = 20;

  /**
   * Standard output itself, not {@code System.out}: the runtime captures what a handler writes to
   * {@code System.out} per invocation.
   */
  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);

  private RuntimeCrashChild() {}

  static void emit(String line) {
    synchronized (OUT) {
      OUT.print(line + "\n");
      OUT.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    boolean drain = args[1].equals("drain");
    Set<UUID> outstanding = new HashSet<>(); // accepted here, no outcome yet; guarded by itself
    Set<UUID> early = new HashSet<>(); // outcomes seen before their invokeAsync returned
    Semaphore room = new Semaphore(MAX_OUTSTANDING);
    Semaphore finished = new Semaphore(0);
    SqliteEventStore store = SqliteEventStore.open(file);
    // never closed in feed mode: the parent kills this process
    FunctionRuntime runtime =
        LambdaRuntime.builder()
            .eventStore(store)
            .asyncOutcomes(
                (AsyncOutcome outcome) -> {
                  emit("OUT " + outcome.requestId() + " " + outcome.kind());
                  synchronized (outstanding) {
                    // an event this process accepted, maybe before invokeAsync returned here
                    if (outstanding.remove(outcome.requestId())) {
                      room.release();
                    } else {
                      early.add(outcome.requestId()); // or one a killed predecessor accepted
                    }
                  }
                  finished.release();
                })
            .build();
    runtime
        .registry()
        .create(
            FunctionConfig.of("f"),
            FunctionCode.handler(
                (Map<String, Object> in, Context context) -> {
                  emit("RUN " + context.awsRequestId());
                  return in;
                }));
    if (drain) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_SECONDS);
      while (store.size() > 0 && System.nanoTime() < deadline) {
        // woken by each outcome; the timeout only re-reads the size
        finished.tryAcquire(100, TimeUnit.MILLISECONDS);
      }
      long left = store.size();
      runtime.close();
      emit(left == 0 ? "DONE" : "LEFT " + left);
      return;
    }
    for (long n = 0; ; n++) {
      room.acquire();
      UUID id = runtime.invokeAsync("f", Payload.json("{\"n\":" + n + "}"));
      emit("ACK " + id);
      synchronized (outstanding) {
        if (early.remove(id)) {
          room.release();
        } else {
          outstanding.add(id);
        }
      }
    }
  }
}
