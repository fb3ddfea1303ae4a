/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Lambda's platform log lines, character for character.
 *
 * <pre>
 * START RequestId: &lt;id&gt; Version: $LATEST
 * END RequestId: &lt;id&gt;
 * REPORT RequestId: &lt;id&gt;\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: unknown\tInit Duration: 117.86 ms\t
 * 2026-11-27T04:23:29.123Z &lt;id&gt; Task timed out after 3.00 seconds
 * </pre>
 *
 * <p>REPORT fields are tab-separated with a trailing tab; {@code Init Duration} appears only on an
 * execution environment's first invocation; a timed-out invocation adds {@code Status: timeout},
 * one whose init phase failed {@code Status: error} and its {@code Error Type}. {@code Max Memory
 * Used} is {@code unknown}: memory cannot be attributed to one function in a shared JVM, and the
 * runtime does not invent a number.
 */
public final class LogLines {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LogLines() {}

  /**
   * Returns the START line.
   *
   * @param requestId the request id
   * @param version the executed version
   * @return the line
   */
  public static String start(String requestId, String version) {
    return "START RequestId: " + requestId + " Version: " + version;
  }

  /**
   * Returns the END line.
   *
   * @param requestId the request id
   * @return the line
   */
  public static String end(String requestId) {
    return "END RequestId: " + requestId;
  }

  /**
   * Returns the REPORT line.
   *
   * @param requestId the request id
   * @param durationNanos the invocation's duration
   * @param billedMillis the billed duration
   * @param memorySizeMb the configured memory
   * @param initDurationNanos the init duration of a cold start, or -1
   * @param status {@code timeout} or {@code error} for an invocation that did not run normally,
   *     else null
   * @param errorType the error type of an {@code error} status, else null
   * @return the line
   */
  public static String report(
      String requestId,
      long durationNanos,
      long billedMillis,
      int memorySizeMb,
      long initDurationNanos,
      @Nullable String status,
      @Nullable String errorType) {
    StringBuilder line = new StringBuilder(160);
    line.append("REPORT RequestId: ").append(requestId).append("\tDuration: ");
    appendMillis(line, durationNanos);
    line.append(" ms\tBilled Duration: ")
        .append(billedMillis)
        .append(" ms\tMemory Size: ")
        .append(memorySizeMb)
        .append(" MB\tMax Memory Used: unknown\t");
    if (initDurationNanos >= 0) {
      line.append("Init Duration: ");
      appendMillis(line, initDurationNanos);
      line.append(" ms\t");
    }
    appendStatus(line, status, errorType);
    return line.toString();
  }

  /**
   * Returns the INIT_REPORT line Lambda writes when an init phase fails or times out.
   *
   * @param initDurationNanos how long the init phase ran
   * @param status {@code timeout} or {@code error}
   * @param errorType the error type of an {@code error} status, else null
   * @return the line
   */
  public static String initReport(
      long initDurationNanos, String status, @Nullable String errorType) {
    StringBuilder line = new StringBuilder(96).append("INIT_REPORT Init Duration: ");
    appendMillis(line, initDurationNanos);
    line.append(" ms\tPhase: init\t");
    appendStatus(line, status, errorType);
    return line.toString();
  }

  private static void appendStatus(
      StringBuilder line, @Nullable String status, @Nullable String errorType) {
    if (status != null) {
      line.append("Status: ").append(status).append('\t');
      if (errorType != null) {
        line.append("Error Type: ").append(errorType).append('\t');
      }
    }
  }

  /**
   * Returns the line Lambda writes when an invocation times out.
   *
   * @param timestamp when it timed out
   * @param requestId the request id
   * @param elapsedNanos how long it had run
   * @return the line
   */
  public static String timedOut(Instant timestamp, String requestId, long elapsedNanos) {
    return TIMESTAMP.format(timestamp)
        + " "
        + requestId
        + " Task timed out after "
        + seconds(elapsedNanos)
        + " seconds";
  }

  /**
   * Returns a duration in seconds with two decimals, rounded half up.
   *
   * @param nanos the duration
   * @return for example {@code 3.00}
   */
  public static String seconds(long nanos) {
    long hundredths = (nanos + 5_000_000L) / 10_000_000L;
    return twoDecimals(hundredths);
  }

  /**
   * Returns a duration in milliseconds with two decimals, rounded half up.
   *
   * @param nanos the duration
   * @return for example {@code 12.34}
   */
  public static String millis(long nanos) {
    StringBuilder out = new StringBuilder(12);
    appendMillis(out, nanos);
    return out.toString();
  }

  /**
   * Returns the billed duration of an invocation: whole milliseconds rounded up, at least 1.
   *
   * @param nanos the duration
   * @return the billed milliseconds
   */
  public static long billedMillis(long nanos) {
    return Math.max(1, (nanos + 999_999L) / 1_000_000L);
  }

  private static void appendMillis(StringBuilder out, long nanos) {
    long hundredths = (Math.max(0, nanos) + 5_000L) / 10_000L;
    out.append(hundredths / 100).append('.');
    long fraction = hundredths % 100;
    if (fraction < 10) {
      out.append('0');
    }
    out.append(fraction);
  }

  private static String twoDecimals(long hundredths) {
    long fraction = hundredths % 100;
    return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }
}
