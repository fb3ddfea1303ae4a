/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a fixture class on the JUnit Platform and reports what a user would see: every finished
 * test, and every failed container, as {@code "display name: STATUS[: message]"}.
 *
 * <p>Fixtures are static nested classes, which neither Surefire nor Jupiter runs on its own.
 */
final class TestRuns {

  private TestRuns() {}

  static List<String> run(Class<?> fixture) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build();
    List<String> outcomes = new CopyOnWriteArrayList<>();
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
            if (id.isTest() || (failed && id.getSource().isPresent())) {
              outcomes.add(
                  id.getDisplayName()
                      + ": "
                      + result.getStatus()
                      + result.getThrowable().map(t -> ": " + t.getMessage()).orElse(""));
            }
          }
        };
    LauncherFactory.create().execute(request, listener);
    return List.copyOf(outcomes);
  }
}
