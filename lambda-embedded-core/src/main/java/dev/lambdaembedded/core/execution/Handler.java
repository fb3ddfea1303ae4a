/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.StreamHandler;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/** A handler resolved for one execution environment. */
public sealed interface Handler {

  /**
   * Returns the object whose {@link Lifecycle} hooks the environment calls, if it has them.
   *
   * @return the hooks, or null
   */
  @Nullable Lifecycle lifecycle();

  /**
   * A handler of decoded events.
   *
   * @param handler calls the user's handler
   * @param inputType the type events are decoded into
   * @param lifecycle the handler's hooks, or null
   */
  record Request(
      RequestHandler<@Nullable Object, @Nullable Object> handler,
      Type inputType,
      @Nullable Lifecycle lifecycle)
      implements Handler {

    /** Checks the components. */
    public Request {
      requireNonNull(handler);
      requireNonNull(inputType);
    }
  }

  /**
   * A handler of raw payload bytes.
   *
   * @param handler calls the user's handler
   * @param lifecycle the handler's hooks, or null
   */
  record Stream(StreamHandler handler, @Nullable Lifecycle lifecycle) implements Handler {

    /** Checks the components. */
    public Stream {
      requireNonNull(handler);
    }
  }

  /**
   * A handler that could not be resolved in a way that fails every invocation the same way, as
   * Lambda's Java runtime installs a fault handler for a missing class or method.
   *
   * @param error the error every invocation fails with
   */
  record Fault(FunctionError error) implements Handler {

    /** Checks the component. */
    public Fault {
      requireNonNull(error);
    }

    @Override
    public @Nullable Lifecycle lifecycle() {
      return null;
    }
  }
}
