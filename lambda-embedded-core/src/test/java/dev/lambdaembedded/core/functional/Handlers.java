/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.InitContext;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.StreamHandler;
import dev.lambdaembedded.core.functional.Events.Greeting;
import dev.lambdaembedded.core.functional.Events.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Handler classes the functional tests load by name, as Lambda's Java runtime loads {@code
 * package.Class::method} or {@code package.Class}. Each is a public static nested class, so its
 * binary name is {@code dev.lambdaembedded.core.functional.Handlers$Name}.
 *
 * <p>Some keep static state (a switch, a counter, what they last saw), because a handler loaded by
 * name can report only through its response or through statics; every test that reads such state
 * resets it first. Tests run one at a time.
 */
final class Handlers {
  private Handlers() {}

  /** The handler string {@code Class::method} of a nested handler class. */
  static String handler(Class<?> type, String method) {
    return type.getName() + "::" + method;
  }

  /** What the last handler without an output saw. */
  static final AtomicReference<@Nullable String> LAST = new AtomicReference<>();

  static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), UTF_8);
  }

  // ---- the accepted shapes, static and instance methods mixed ----

  /** One method per parameter shape Lambda accepts. */
  public static final class Shapes {
    public void inOutContext(InputStream in, OutputStream out, Context context) throws IOException {
      out.write(("inOutContext " + read(in) + " " + context.functionName()).getBytes(UTF_8));
    }

    public static void inOut(InputStream in, OutputStream out) throws IOException {
      out.write(("inOut " + read(in)).getBytes(UTF_8));
    }

    public void outContext(OutputStream out, Context context) throws IOException {
      out.write(("outContext " + context.functionName()).getBytes(UTF_8));
    }

    public static void inContext(InputStream in, Context context) throws IOException {
      LAST.set("inContext " + read(in) + " " + context.functionName());
    }

    public void in(InputStream in) throws IOException {
      LAST.set("in " + read(in));
    }

    public static void out(OutputStream out) throws IOException {
      out.write("out".getBytes(UTF_8));
    }

    public String context(Context context) {
      return "context " + context.functionName();
    }

    public static String pojoContext(Greeting event, Context context) {
      return "pojoContext " + event.name() + " " + context.functionName();
    }

    public String pojo(Greeting event) {
      return "pojo " + event.name();
    }

    public static String none() {
      return "none";
    }
  }

  // ---- overloads ----

  /** The longest accepted signature wins. */
  public static final class WidestWins {
    public String handle(String in) {
      return "(T)";
    }

    public String handle(String in, Context context) {
      return "(T,Context)";
    }

    public void handle(InputStream in, OutputStream out) throws IOException {
      out.write("\"(InputStream,OutputStream)\"".getBytes(UTF_8));
    }

    public void handle(InputStream in, OutputStream out, Context context) throws IOException {
      out.write("\"(InputStream,OutputStream,Context)\"".getBytes(UTF_8));
    }
  }

  /**
   * A trailing Context counts one more: {@code (T, Context)} weighs 3 and beats {@code
   * (InputStream, OutputStream)}; the four-parameter overload weighs more but fits no shape.
   */
  public static final class ContextCountsOneMore {
    public void handle(InputStream in, OutputStream out) throws IOException {
      out.write("\"(InputStream,OutputStream)\"".getBytes(UTF_8));
    }

    public String handle(String in, Context context) {
      return "(T,Context)";
    }

    public String handle(String a, String b, String c, String d) {
      return "(String,String,String,String)";
    }
  }

  /** {@code (Context)} weighs 2 and beats {@code (T)} and {@code ()}. */
  public static final class ContextBeatsInput {
    public static String handle() {
      return "()";
    }

    public String handle(String in) {
      return "(T)";
    }

    public String handle(Context context) {
      return "(Context)";
    }
  }

  /** {@code (T)} beats {@code ()}. */
  public static final class InputBeatsNothing {
    public String handle() {
      return "()";
    }

    public static String handle(String in) {
      return "(T)";
    }
  }

  /** A generic base whose implementation gets a bridge method {@code handle(Object, Context)}. */
  public abstract static class GenericBase<T> {
    public abstract String handle(T event, Context context);
  }

  /** Resolved to the non-bridge {@code handle(Greeting, Context)}, so the event is a Greeting. */
  public static final class BridgedGreeter extends GenericBase<Greeting> {
    @Override
    public String handle(Greeting event, Context context) {
      return "Hello " + event.name();
    }
  }

  // ---- instances ----

  /** Counts its constructions and, per instance, its calls. */
  public static final class Counted {
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    private int calls;

    public Counted() {
      CONSTRUCTED.incrementAndGet();
    }

    public int handle(@Nullable Object event) {
      return ++calls;
    }
  }

  /** A static handler method: its class is never instantiated (the constructor would throw). */
  public static final class StaticOnly {
    public StaticOnly() {
      throw new IllegalStateException("a static handler needs no instance");
    }

    public static String handle(String in) {
      return "static " + in;
    }
  }

  // ---- handler interfaces ----

  /** A RequestHandler whose event type is read from its type arguments. */
  public static final class Greeter implements RequestHandler<Greeting, String> {
    @Override
    public String handleRequest(Greeting event, Context context) {
      return "Hello " + event.name() + " x" + event.times();
    }
  }

  /** A RequestHandler whose type arguments are given by a generic superclass. */
  public abstract static class AbstractGreeter<I> implements RequestHandler<I, String> {}

  /** The event type Greeting comes from {@code AbstractGreeter<Greeting>}. */
  public static final class InheritedGreeter extends AbstractGreeter<Greeting> {
    @Override
    public String handleRequest(Greeting event, Context context) {
      return "Hi " + event.name();
    }
  }

  /** A StreamHandler: upper-cases the payload. */
  public static final class Upper implements StreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
        throws IOException {
      output.write(read(input).toUpperCase(Locale.ROOT).getBytes(UTF_8));
    }
  }

  /** A raw RequestHandler: Lambda cannot tell its event type. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static final class RawHandler implements RequestHandler {
    @Override
    public Object handleRequest(@Nullable Object input, Context context) {
      return "raw";
    }
  }

  /** A RequestHandler whose event type stays a type variable. */
  public static final class Unbound<T> implements RequestHandler<T, String> {
    @Override
    public String handleRequest(T input, Context context) {
      return "unbound";
    }
  }

  /** A class with a handler-like method but no handler interface. */
  public static final class NotAHandler {
    public String handle(String in) {
      return in;
    }
  }

  /** Methods named handle, none with an accepted shape or public. */
  public static final class BadSignatures {
    public String handle(String a, String b, String c) {
      return a + b + c;
    }

    String handle(String in) {
      return in;
    }
  }

  // ---- init failures ----

  /** A class whose static initializer always throws. */
  public static final class StaticInitFails {
    static final int VALUE = explode();

    private static int explode() {
      throw new IllegalStateException("static initializer failed");
    }

    public static String handle(String in) {
      return in + VALUE;
    }
  }

  /**
   * Another class whose static initializer always throws: a class whose initialization failed stays
   * failed in its class loader, so each test that needs a first failure needs its own class.
   */
  public static final class StaticInitFailsToo {
    static final int VALUE = explode();

    private static int explode() {
      throw new IllegalStateException("static initializer failed");
    }

    public static String handle(String in) {
      return in + VALUE;
    }
  }

  /** A class whose constructor throws while {@link #FAIL} is set. */
  public static final class FailingConstructor {
    static final AtomicBoolean FAIL = new AtomicBoolean();

    public FailingConstructor() {
      if (FAIL.get()) {
        throw new IllegalStateException("constructor failed");
      }
    }

    public String handle(String in) {
      return "constructed " + in;
    }
  }

  /** A handler whose init hook throws while {@link #FAIL} is set. */
  public static final class FailingInit implements RequestHandler<String, String>, Lifecycle {
    static final AtomicBoolean FAIL = new AtomicBoolean();

    @Override
    public void init(InitContext context) {
      if (FAIL.get()) {
        throw new IllegalStateException("init hook failed");
      }
    }

    @Override
    public String handleRequest(String input, Context context) {
      return "initialised " + input;
    }
  }

  // ---- handler errors ----

  /** Counts calls per instance and fails on request, to show the environment survives. */
  public static final class Flaky {
    private int calls;

    public String handle(String command) {
      calls++;
      if (command.equals("fail")) {
        throw new IllegalArgumentException("failed on call " + calls);
      }
      return "call " + calls;
    }
  }

  /** A method handler whose exception comes from a helper, two frames deep. */
  public static final class MethodThrower {
    public String handle(String in) {
      return explode(in);
    }

    private static String explode(String in) {
      throw new IllegalStateException("method handler failed on " + in);
    }
  }

  // ---- JSON ----

  /** Generic parameters and no-output methods. */
  public static final class Lists {
    public static int total(List<Item> items, Context context) {
      int total = 0;
      for (Item item : items) {
        total += item.qty();
      }
      return total;
    }

    public static void sink(@Nullable String in) {
      LAST.set("sink " + in);
    }
  }

  // ---- context ----

  /** Answers its own handler string, which Lambda's runtime sets in {@code _HANDLER}. */
  public static final class HandlerVariable {
    public static @Nullable String handle(Context context) {
      return context.environment().get("_HANDLER");
    }
  }

  /** Records the thread context class loader in its init hook and in each invocation. */
  public static final class LoaderProbe implements Lifecycle {
    static final AtomicReference<@Nullable ClassLoader> AT_INIT = new AtomicReference<>();
    static final AtomicReference<@Nullable ClassLoader> AT_INVOKE = new AtomicReference<>();

    @Override
    public void init(InitContext context) {
      AT_INIT.set(Thread.currentThread().getContextClassLoader());
    }

    public String handle(Context context) {
      AT_INVOKE.set(Thread.currentThread().getContextClassLoader());
      return "probed";
    }
  }
}
