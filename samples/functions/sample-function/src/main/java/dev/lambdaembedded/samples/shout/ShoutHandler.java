/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.shout;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Shouts the event's {@code text}, prefixed with the function's {@code GREETING} variable: {@code
 * {"text":"hello"}} becomes {@code {"shout":"Ahoy, HELLO!", ...}}.
 *
 * <p>The response also says which class loader runs the handler and how many invocations its
 * execution environment has served, counted in a static field.
 */
public final class ShoutHandler
    implements RequestHandler<@Nullable Map<String, Object>, Map<String, Object>> {

  /** The greeting when the function has no {@code GREETING} variable. */
  public static final String DEFAULT_GREETING = "Hey";

  /** Creates the handler; the runtime calls this once per execution environment. */
  public ShoutHandler() {}

  /**
   * Shouts the event's text.
   *
   * @param event the event; its {@code text} is shouted, an absent text or event counts as empty
   * @param context the invocation's context
   * @return {@code shout}, {@code classLoader} and {@code invocation}, in that order
   */
  @Override
  public Map<String, Object> handleRequest(@Nullable Map<String, Object> event, Context context) {
    Object text = event == null ? null : event.get("text");
    // System.getenv in deployed code reads the function's variables, not the host's
    String greeting = Objects.requireNonNullElse(System.getenv("GREETING"), DEFAULT_GREETING);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put(
        "shout", greeting + ", " + Objects.toString(text, "").toUpperCase(Locale.ROOT) + "!");
    response.put("classLoader", EnvironmentState.loaderName(ShoutHandler.class));
    response.put("invocation", EnvironmentState.nextInvocation());
    return response;
  }
}
