/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.InitContext;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.api.handler.StreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Every call from the runtime into function code goes through this class, and stack traces of
 * function errors are cut at its first frame, so they end at the handler as on Lambda.
 */
public final class HandlerCall {
  private HandlerCall() {}

  /**
   * Calls a request handler.
   *
   * @param handler the handler
   * @param input the decoded event
   * @param context the invocation's context
   * @return what the handler returned
   * @throws Exception what the handler threw
   */
  public static @Nullable Object request(
      RequestHandler<@Nullable Object, @Nullable Object> handler,
      @Nullable Object input,
      Context context)
      throws Exception {
    return handler.handleRequest(input, context);
  }

  /**
   * Calls a stream handler.
   *
   * @param handler the handler
   * @param input the payload
   * @param output the response
   * @param context the invocation's context
   * @throws Exception what the handler threw
   */
  public static void stream(
      StreamHandler handler, InputStream input, OutputStream output, Context context)
      throws Exception {
    handler.handleRequest(input, output, context);
  }

  /**
   * Calls an inline handler factory.
   *
   * @param factory the factory
   * @return what it built
   */
  static @Nullable Object build(Supplier<?> factory) {
    return factory.get();
  }

  /**
   * Calls a handler class's public no-argument constructor.
   *
   * @param type the class
   * @return the instance
   * @throws ReflectiveOperationException if it cannot be called or threw
   */
  static Object construct(Class<?> type) throws ReflectiveOperationException {
    return type.getConstructor().newInstance();
  }

  /**
   * Calls an init hook.
   *
   * @param lifecycle the hooks
   * @param context the environment
   * @throws Exception what the hook threw
   */
  static void init(Lifecycle lifecycle, InitContext context) throws Exception {
    lifecycle.init(context);
  }

  /**
   * Calls a shutdown hook.
   *
   * @param lifecycle the hooks
   * @param reason why the environment is retired
   * @throws Exception what the hook threw
   */
  static void shutdown(Lifecycle lifecycle, ShutdownReason reason) throws Exception {
    lifecycle.shutdown(reason);
  }

  /**
   * Loads and initialises a handler class, running its static initialiser.
   *
   * @param className the class
   * @param loader the function's class loader
   * @return the class
   * @throws ClassNotFoundException if there is no such class
   */
  static Class<?> load(String className, ClassLoader loader) throws ClassNotFoundException {
    return Class.forName(className, true, loader);
  }

  /**
   * Calls a handler method found by name, through a method handle that takes its arguments as an
   * array and returns an object; method-handle frames are hidden, so a stack trace goes from the
   * handler straight to this class, as with Lambda's runtime.
   *
   * @param method the spread, generic method handle
   * @param arguments the arguments
   * @return what it returned ({@code null} for void)
   * @throws Exception what it threw
   */
  static @Nullable Object method(MethodHandle method, @Nullable Object[] arguments)
      throws Exception {
    try {
      return (Object) method.invokeExact(arguments);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new UndeclaredThrowableException(e);
    }
  }
}
