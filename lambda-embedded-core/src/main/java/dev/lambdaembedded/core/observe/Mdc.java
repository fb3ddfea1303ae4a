/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/**
 * Puts an invocation's request id, function and version into the SLF4J MDC of the thread running
 * its handler, and takes them out afterwards. Does nothing when SLF4J has no MDC.
 */
public final class Mdc {
  /** The MDC key of the request id, as Lambda's log4j2 appender names it. */
  public static final String REQUEST_ID = "AWSRequestId";

  /** The MDC key of the function's name. */
  public static final String FUNCTION_NAME = "functionName";

  /** The MDC key of the executed version. */
  public static final String FUNCTION_VERSION = "functionVersion";

  private static final boolean ACTIVE = !(MDC.getMDCAdapter() instanceof NOPMDCAdapter);

  private Mdc() {}

  /**
   * Returns whether SLF4J has an MDC to write to.
   *
   * @return {@code true} unless the MDC is a no-op
   */
  public static boolean active() {
    return ACTIVE;
  }

  /**
   * Puts the invocation's keys.
   *
   * @param requestId the request id
   * @param functionName the function
   * @param version the executed version
   */
  public static void put(String requestId, String functionName, String version) {
    MDC.put(REQUEST_ID, requestId);
    MDC.put(FUNCTION_NAME, functionName);
    MDC.put(FUNCTION_VERSION, version);
  }

  /** Removes the invocation's keys, leaving the host's own. */
  public static void remove() {
    MDC.remove(REQUEST_ID);
    MDC.remove(FUNCTION_NAME);
    MDC.remove(FUNCTION_VERSION);
  }
}
