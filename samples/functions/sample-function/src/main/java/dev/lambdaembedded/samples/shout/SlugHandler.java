/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.shout;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.samples.texttools.Slugs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the event's {@code title} into a slug with the text-tools layer's {@link Slugs}: {@code
 * {"title":"Hello, Wörld!"}} becomes {@code {"slug":"hello-world", ...}}.
 *
 * <p>This jar does not contain {@code Slugs}: the function must list the text-tools layer, whose
 * class loader the function's class loader searches after its own code. The response names both
 * loaders and counts this environment's invocations in a static field.
 */
public final class SlugHandler
    implements RequestHandler<@Nullable Map<String, Object>, Map<String, Object>> {

  /** Creates the handler; the runtime calls this once per execution environment. */
  public SlugHandler() {}

  /**
   * Slugifies the event's title.
   *
   * @param event the event; an absent title or event counts as empty
   * @param context the invocation's context
   * @return {@code slug}, {@code textTools} (the layer's version), {@code classLoader}, {@code
   *     layerClassLoader} and {@code invocation}, in that order
   */
  @Override
  public Map<String, Object> handleRequest(@Nullable Map<String, Object> event, Context context) {
    Object title = event == null ? null : event.get("title");
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("slug", Slugs.slugify(Objects.toString(title, "")));
    response.put("textTools", Slugs.VERSION);
    response.put("classLoader", EnvironmentState.loaderName(SlugHandler.class));
    response.put("layerClassLoader", EnvironmentState.loaderName(Slugs.class));
    response.put("invocation", EnvironmentState.nextInvocation());
    return response;
  }
}
