/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.StreamHandler;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a function runs: a handler given inline, classes loaded by name from a class loader, or code
 * deployed from a jar, zip or directory into class loaders of its own.
 *
 * <p>Inline code is a handler object (or lambda) or a factory that builds one handler per execution
 * environment. A handler object given directly is shared by all of the function's environments, so
 * it must be thread-safe; a factory gives each environment its own instance, as Lambda does. When
 * the handler is a lambda, its event type cannot be read by reflection: pass the type explicitly,
 * or the event is decoded into plain JSON values ({@code Map}, {@code List}, {@code String},
 * numbers, booleans).
 *
 * <p>Code loaded by name uses the function configuration's {@code handler} string, resolved inside
 * the given class loader with Lambda Java's rules, once per execution environment.
 *
 * <p>{@linkplain Isolated Deployed code} is what Lambda runs: each execution environment gets a new
 * class loader over the function's own code and its layers, so static state is per environment and
 * the code is unloaded when the environment is retired. The function sees only its own code, its
 * layers, the Java platform, the lambda-embedded API and the packages the runtime shares.
 */
public sealed interface FunctionCode
    permits FunctionCode.Inline, FunctionCode.Classpath, FunctionCode.Isolated {

  /**
   * Returns inline code running one shared handler object.
   *
   * @param handler the handler, called by every environment of the function
   * @return the code
   */
  static FunctionCode handler(RequestHandler<?, ?> handler) {
    requireNonNull(handler, "handler");
    return new Inline(Inline.Kind.REQUEST, () -> handler, Optional.empty());
  }

  /**
   * Returns inline code running one shared handler object whose event type is given.
   *
   * @param inputType the type events are decoded into
   * @param handler the handler, called by every environment of the function
   * @param <I> the event type
   * @return the code
   */
  static <I extends @Nullable Object> FunctionCode handler(
      Class<I> inputType, RequestHandler<? super I, ?> handler) {
    requireNonNull(inputType, "inputType");
    requireNonNull(handler, "handler");
    return new Inline(Inline.Kind.REQUEST, () -> handler, Optional.of(inputType));
  }

  /**
   * Returns inline code running one shared stream handler object.
   *
   * @param handler the handler, called by every environment of the function
   * @return the code
   */
  static FunctionCode streamHandler(StreamHandler handler) {
    requireNonNull(handler, "handler");
    return new Inline(Inline.Kind.STREAM, () -> handler, Optional.empty());
  }

  /**
   * Returns inline code that builds a handler per execution environment, in its init phase.
   *
   * @param factory called once per environment; what it throws fails the init phase
   * @return the code
   */
  static FunctionCode handlerFactory(Supplier<? extends RequestHandler<?, ?>> factory) {
    return new Inline(Inline.Kind.REQUEST, factory, Optional.empty());
  }

  /**
   * Returns inline code that builds a handler per execution environment, with the event type given.
   *
   * @param inputType the type events are decoded into
   * @param factory called once per environment; what it throws fails the init phase
   * @param <I> the event type
   * @return the code
   */
  static <I extends @Nullable Object> FunctionCode handlerFactory(
      Class<I> inputType, Supplier<? extends RequestHandler<? super I, ?>> factory) {
    requireNonNull(inputType, "inputType");
    return new Inline(Inline.Kind.REQUEST, factory, Optional.of(inputType));
  }

  /**
   * Returns inline code that builds a stream handler per execution environment.
   *
   * @param factory called once per environment; what it throws fails the init phase
   * @return the code
   */
  static FunctionCode streamHandlerFactory(Supplier<? extends StreamHandler> factory) {
    return new Inline(Inline.Kind.STREAM, factory, Optional.empty());
  }

  /**
   * Returns code loaded by class name from the calling thread's context class loader (or, without
   * one, the class loader of this API), typically the host's own classpath.
   *
   * @return the code
   */
  static FunctionCode classpath() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new Classpath(loader != null ? loader : FunctionCode.class.getClassLoader());
  }

  /**
   * Returns code loaded by class name from the given class loader.
   *
   * @param classLoader where the handler class and its dependencies are found
   * @return the code
   */
  static FunctionCode classLoader(ClassLoader classLoader) {
    return new Classpath(classLoader);
  }

  /**
   * Returns code deployed from a jar or zip file (Lambda's layout: classes at the root, {@code
   * lib/*.jar}) or an exploded directory such as a build's {@code target/classes}, under the
   * default {@link CodePolicy}.
   *
   * @param path the jar, zip or directory
   * @return the code
   */
  static Isolated deployed(Path path) {
    return new Isolated(CodeSource.of(path), CodePolicy.defaults());
  }

  /**
   * Returns code deployed from zip or jar bytes in memory, under the default {@link CodePolicy}.
   *
   * @param zip the archive's bytes, copied
   * @return the code
   */
  static Isolated deployed(byte[] zip) {
    return new Isolated(CodeSource.ofZip(zip), CodePolicy.defaults());
  }

  /**
   * Inline code: a factory of handler objects.
   *
   * @param kind whether the factory builds {@link RequestHandler}s or {@link StreamHandler}s
   * @param factory builds the handler of one execution environment
   * @param inputType the event type of a {@link RequestHandler}, when it cannot be read from the
   *     handler's class (a lambda); empty to read it from the class or decode plain JSON values
   */
  record Inline(Kind kind, Supplier<?> factory, Optional<Type> inputType) implements FunctionCode {

    /** The kind of handler an inline factory builds. */
    public enum Kind {
      /** A {@link RequestHandler}. */
      REQUEST,
      /** A {@link StreamHandler}. */
      STREAM
    }

    /** Checks that no component is null. */
    public Inline {
      requireNonNull(kind, "kind");
      requireNonNull(factory, "factory");
      requireNonNull(inputType, "inputType");
    }
  }

  /**
   * Code loaded by class name: the configuration's handler string is resolved in this class loader.
   *
   * @param classLoader where the handler class is found
   */
  record Classpath(ClassLoader classLoader) implements FunctionCode {

    /** Checks that the class loader is not null. */
    public Classpath {
      requireNonNull(classLoader, "classLoader");
    }
  }

  /**
   * Deployed code: an archive or directory loaded by class loaders of the function's own, one per
   * execution environment, after the checks and rewrites of its policy.
   *
   * @param source where the code comes from
   * @param policy the load-time checks and rewrites
   */
  record Isolated(CodeSource source, CodePolicy policy) implements FunctionCode {

    /** Checks that no component is null. */
    public Isolated {
      requireNonNull(source, "source");
      requireNonNull(policy, "policy");
    }

    /**
     * Returns this code under another policy.
     *
     * @param policy the policy
     * @return the code
     */
    public Isolated withPolicy(CodePolicy policy) {
      return new Isolated(source, policy);
    }
  }
}
