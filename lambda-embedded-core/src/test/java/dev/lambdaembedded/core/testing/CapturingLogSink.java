/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A log sink that keeps every line, for assertions. Thread-safe. */
public final class CapturingLogSink implements LogSink {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Object signal = new Object();
  private final Set<String> quiet = ConcurrentHashMap.newKeySet();

  /** Stops capturing a function's lines, for a test that invokes it a hundred thousand times. */
  public void quiet(String functionName) {
    quiet.add(functionName);
  }

  @Override
  public boolean isEnabled(String functionName, LogLevel level) {
    return quiet.isEmpty() || !quiet.contains(functionName);
  }

  @Override
  public void write(LogRecord record) {
    records.add(record);
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /**
   * Waits until a line matching the predicate has been written: synchronisation on an event, not a
   * sleep. Fails the test after 10 seconds so a bug cannot hang the build.
   */
  public LogRecord await(Predicate<LogRecord> predicate) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (signal) {
      while (true) {
        for (LogRecord record : records) {
          if (predicate.test(record)) {
            return record;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching log line; lines were: " + records);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** Waits until a line containing the text has been written. */
  public LogRecord awaitLineContaining(String text) {
    return await(record -> record.message().contains(text));
  }

  /** Every record so far. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** The text of every line of a function, in order. */
  public List<String> lines(String functionName) {
    return records.stream()
        .filter(r -> r.functionName().equals(functionName))
        .map(LogRecord::message)
        .toList();
  }

  /** The text of every line of one invocation, in order. */
  public List<String> linesOf(String requestId) {
    return records.stream()
        .filter(r -> r.requestId().filter(requestId::equals).isPresent())
        .map(LogRecord::message)
        .toList();
  }

  /** Forgets every line. */
  public void clear() {
    records.clear();
  }
}
