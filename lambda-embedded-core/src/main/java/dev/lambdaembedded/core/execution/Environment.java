/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.handler.FunctionLogger;
import dev.lambdaembedded.api.handler.InitContext;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.GuardedLoader;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.observe.Loggers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One initialised instance of a function version's handler: Lambda's execution environment.
 *
 * <p>Classic environments serve one invocation at a time; a function that declares a
 * per-environment concurrency above one lets an environment serve that many at once. The count of
 * invocations in flight is claimed with a compare-and-set, so taking a warm environment costs one
 * CAS; -1 marks a retired environment that can never be claimed again.
 */
public final class Environment implements InitContext {
  /*
   * The discard mark is a bit of the same int as the count (DISCARD, above any per-environment
   * concurrency), so "neither discarded nor full" is one read and a claim one CAS on that value: an
   * environment marked for discard can never be claimed again, not even by an invocation that read
   * the count just before the mark.
   */
  private static final Logger LOG = Loggers.get(Environment.class);
  private static final HexFormat HEX = HexFormat.of();
  private static final VarHandle IN_FLIGHT;
  private static final VarHandle INIT_REPORTED;
  private static final VarHandle SHUT_DOWN;

  /** The in-flight value of a retired environment. */
  private static final int RETIRED = -1;

  /** The bit of the in-flight value that marks an environment to retire when its calls return. */
  private static final int DISCARD = 1 << 30;

  /** The largest per-environment concurrency: counts below the discard bit. */
  static final int MAX_CONCURRENCY = DISCARD - 1;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      IN_FLIGHT = lookup.findVarHandle(Environment.class, "inFlight", int.class);
      INIT_REPORTED = lookup.findVarHandle(Environment.class, "initReported", boolean.class);
      SHUT_DOWN = lookup.findVarHandle(Environment.class, "shutDown", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final FunctionSpec spec;
  private final String logStreamName;
  private volatile @Nullable Map<String, String> variables; // built when first asked for
  private final FunctionLogger logger;
  private @Nullable Handler handler;
  private final EnvironmentPool home;
  private @Nullable ClassLoader loader;
  private @Nullable JsonCodec codec;
  private @Nullable Alarm alarm;
  private volatile boolean unloaded;
  private volatile @Nullable ExitListener exitListener;
  private volatile int exitStatus;
  private volatile boolean exited;
  private long initDurationNanos = -1;
  private volatile int inFlight = 1; // created by the invocation that starts it
  private volatile long lastReleasedNanos;
  // the home pool's bookkeeping, guarded by its lock except spare, which a release reads without it
  int slot = -1; // in the pool's slot array; -1 while not in the pool
  @Nullable Environment sparePrevious; // the pool's spare list: environments with room
  @Nullable Environment spareNext;
  volatile boolean spare; // on that list
  private volatile boolean initReported;
  private volatile boolean shutDown;

  private Environment(FunctionSpec spec, EnvironmentPool home) {
    this.spec = spec;
    this.home = home;
    LocalDate day = LocalDate.ofInstant(spec.settings().timeSource().instant(), ZoneOffset.UTC);
    this.logStreamName = logStreamName(day, spec.version());
    this.logger = new InitLogger();
  }

  /**
   * Lambda's log stream name, {@code yyyy/MM/dd/[version]} and 32 random hex digits; built by hand,
   * as {@code String.format} took more than half of a new environment's cost.
   */
  private static String logStreamName(LocalDate day, String version) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder name = new StringBuilder(48 + version.length());
    digits(name, day.getYear(), 4).append('/');
    digits(name, day.getMonthValue(), 2).append('/');
    digits(name, day.getDayOfMonth(), 2).append("/[").append(version).append(']');
    return name.append(HEX.toHexDigits(random.nextLong()))
        .append(HEX.toHexDigits(random.nextLong()))
        .toString();
  }

  private static StringBuilder digits(StringBuilder name, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      name.append('0');
    }
    return name.append(text);
  }

  /** The version's variables and this environment's own, in one map. */
  private static Map<String, String> variables(
      Map<String, String> base, String logStreamName, boolean provisioned) {
    @SuppressWarnings("unchecked") // a generic array, filled only with String entries below
    Map.Entry<String, String>[] entries =
        (Map.Entry<String, String>[]) new Map.Entry<?, ?>[base.size() + 1];
    int i = 0;
    for (Map.Entry<String, String> entry : base.entrySet()) {
      entries[i++] =
          provisioned && entry.getKey().equals("AWS_LAMBDA_INITIALIZATION_TYPE")
              ? Map.entry(entry.getKey(), "provisioned-concurrency")
              : entry;
    }
    entries[i] = Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
    return Map.ofEntries(entries);
  }

  /**
   * Runs the init phase on the calling thread: resolves the handler, calls its init hook, and
   * returns the environment claimed for the calling invocation.
   *
   * @param spec the function version
   * @param home the pool the environment will belong to: an on-demand or a provisioned one
   * @param hooks told when the environment exists (before any of its code runs) and when its code
   *     exits; asked to prepare what its invocations need with the resolved handler, inside the
   *     timed init phase
   * @return the environment, with one invocation in flight
   * @throws InitFailure if the init phase failed
   */
  public static Environment start(FunctionSpec spec, EnvironmentPool home, InitHooks hooks)
      throws InitFailure {
    long start = spec.settings().timeSource().nanoTime();
    Environment environment = new Environment(spec, home);
    environment.exitListener = hooks;
    CodeLoader codeLoader = spec.codeLoader();
    ClassLoader loader;
    if (codeLoader != null) {
      loader =
          codeLoader.open(
              environment.logStreamName, environment.environment(), environment::exitRequested);
      environment.alarm = ((GuardedLoader) loader).alarm();
      environment.codec = JsonCodec.create(); // its caches hold this environment's classes
    } else {
      loader = spec.classLoader();
      environment.codec = spec.codec();
    }
    environment.loader = loader;
    hooks.created(environment);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    if (loader != null) {
      thread.setContextClassLoader(loader);
    }
    boolean started = false;
    try {
      Handler handler = HandlerResolver.resolve(spec.code(), spec.config().handler(), loader);
      hooks.prepare(handler, environment.codec());
      Lifecycle lifecycle = handler.lifecycle();
      if (lifecycle != null) {
        try {
          HandlerCall.init(lifecycle, environment);
        } catch (Throwable e) {
          throw new InitFailure(StackTraces.toFunctionError(e), e);
        }
      }
      environment.handler = handler;
      started = true;
    } finally {
      if (loader != null) {
        thread.setContextClassLoader(previous);
      }
      if (!started) {
        environment.unload();
      }
    }
    environment.initDurationNanos = spec.settings().timeSource().nanoTime() - start;
    return environment;
  }

  /** What the init phase of a new environment is told and asked; see {@link #start}. */
  public interface InitHooks extends ExitListener {
    /**
     * Called once the environment and its class loader exist, before any of its code runs.
     *
     * @param environment the new environment
     */
    void created(Environment environment);

    /**
     * Prepares what the environment's invocations need, inside the timed init phase.
     *
     * @param handler the resolved handler
     * @param codec the environment's JSON codec
     */
    void prepare(Handler handler, JsonCodec codec);
  }

  /** Told when an environment's code called {@code System.exit}: the environment ended. */
  @FunctionalInterface
  public interface ExitListener {
    /**
     * Called once, on the thread that called exit.
     *
     * @param environment the environment that ended
     * @param status the exit status
     */
    void exited(Environment environment, int status);
  }

  /**
   * Ends the environment because its code called {@code System.exit}, {@code Runtime.exit} or
   * {@code Runtime.halt}, as the runtime process exiting ends a Lambda environment: no invocation
   * takes it again, every check in its code throws from now on, and the listener stops the
   * invocations running in it. Only the first exit counts.
   *
   * @param status the exit status
   */
  void exitRequested(int status) {
    synchronized (this) {
      if (exited) {
        return;
      }
      exitStatus = status;
      exited = true;
    }
    requestDiscard();
    Alarm own = alarm;
    if (own != null) {
      own.kill();
    }
    ExitListener listener = exitListener;
    if (listener != null) {
      listener.exited(this, status);
    }
  }

  /**
   * Returns whether the environment's code ended it with an exit call.
   *
   * @return {@code true} after {@code System.exit} and the like
   */
  public boolean exited() {
    return exited;
  }

  /**
   * Returns the status its code exited with.
   *
   * @return the status, meaningful once {@link #exited()}
   */
  public int exitStatus() {
    return exitStatus;
  }

  /**
   * Returns the alarm its instrumented code reads.
   *
   * @return the alarm, or null for inline code, which has no checks
   */
  public @Nullable Alarm alarm() {
    return alarm;
  }

  /**
   * Returns the class loader the handler's code runs in, the thread context class loader while it
   * runs.
   *
   * @return the loader, or null for inline code, which leaves the context class loader alone
   */
  public @Nullable ClassLoader classLoader() {
    return loader;
  }

  /**
   * Returns the JSON codec for the handler's types.
   *
   * @return the codec
   */
  public JsonCodec codec() {
    return requireNonNull(codec, "unloaded");
  }

  /**
   * Drops the environment's code, once, after its last invocation and its shutdown hook: a loader
   * of its own is released to be cleaned, closed and checked for leaks.
   */
  public void unload() {
    if (unloaded) {
      return;
    }
    unloaded = true;
    ClassLoader own = loader;
    CodeLoader codeLoader = spec.codeLoader();
    handler = null;
    codec = null;
    loader = null;
    exitListener = null;
    if (codeLoader != null && own != null) {
      codeLoader.release(own);
    }
  }

  /**
   * Returns the resolved handler.
   *
   * @return the handler
   */
  public Handler handler() {
    return requireNonNull(handler, "not initialised");
  }

  /**
   * Returns the pool this environment belongs to, which takes it back after each invocation.
   *
   * @return the pool
   */
  public EnvironmentPool home() {
    return home;
  }

  /**
   * Returns whether this environment was initialised for provisioned concurrency.
   *
   * @return {@code true} if its pool is a provisioned one
   */
  public boolean provisioned() {
    return home.provisioned();
  }

  /**
   * Returns the function version this environment runs.
   *
   * @return the spec
   */
  public FunctionSpec spec() {
    return spec;
  }

  /**
   * Returns the init phase's duration the first time it is asked, for the first REPORT line.
   *
   * @return the duration, or -1 after the first call
   */
  public long takeInitDurationNanos() {
    if (initReported) {
      return -1; // the warm path: a read, not a failing compare-and-set
    }
    return INIT_REPORTED.compareAndSet(this, false, true) ? initDurationNanos : -1;
  }

  /**
   * Returns the init phase's duration.
   *
   * @return nanoseconds
   */
  public long initDurationNanos() {
    return initDurationNanos;
  }

  /**
   * Claims the environment for one more invocation.
   *
   * @param max the per-environment concurrency, at most {@link #MAX_CONCURRENCY}
   * @return {@code true} if claimed; {@code false} if it is full, marked for discard or retired
   */
  boolean tryAcquire(int max) {
    while (true) {
      int current = inFlight;
      if (current < 0 || current >= max) { // retired, full, or DISCARD set (above any max)
        return false;
      }
      if (IN_FLIGHT.compareAndSet(this, current, current + 1)) {
        return true;
      }
    }
  }

  /**
   * Returns whether the environment could be claimed now.
   *
   * @param max the per-environment concurrency
   * @return {@code true} if it is neither full, nor marked for discard, nor retired
   */
  boolean hasRoom(int max) {
    int current = inFlight;
    return current >= 0 && current < max;
  }

  /**
   * Returns one invocation's claim.
   *
   * @param nowNanos the time
   * @return the invocations still in flight
   */
  int release(long nowNanos) {
    lastReleasedNanos = nowNanos;
    return ((int) IN_FLIGHT.getAndAdd(this, -1) - 1) & MAX_CONCURRENCY;
  }

  /**
   * Retires the environment if nothing is in flight, marked for discard or not; then it can never
   * be claimed again.
   *
   * @return {@code true} if this call retired it
   */
  boolean retireIfIdle() {
    while (true) {
      int current = inFlight;
      if (current != 0 && current != DISCARD) {
        return false;
      }
      if (IN_FLIGHT.compareAndSet(this, current, RETIRED)) {
        return true;
      }
    }
  }

  /**
   * Asks that the environment be retired when its running invocations return; none may start. A
   * lock-free compare-and-set: safe on the watchdog's thread.
   */
  public void requestDiscard() {
    while (true) {
      int current = inFlight;
      if (current < 0 || (current & DISCARD) != 0) {
        return;
      }
      if (IN_FLIGHT.compareAndSet(this, current, current | DISCARD)) {
        return;
      }
    }
  }

  /**
   * Returns whether the environment is marked for discard, or retired.
   *
   * @return {@code true} if no invocation may claim it again
   */
  boolean discardRequested() {
    return (inFlight & DISCARD) != 0; // RETIRED (-1) has every bit set
  }

  long lastReleasedNanos() {
    return lastReleasedNanos;
  }

  /**
   * Returns the invocations in flight.
   *
   * @return the count, or -1 once retired
   */
  int inFlight() {
    int current = inFlight;
    return current < 0 ? current : current & MAX_CONCURRENCY;
  }

  /**
   * Calls the handler's shutdown hook once, on the calling thread. Failures are logged.
   *
   * @param reason why the environment is retired
   */
  public void shutdown(ShutdownReason reason) {
    if (!SHUT_DOWN.compareAndSet(this, false, true)) {
      return;
    }
    Handler resolved = handler;
    Lifecycle lifecycle = resolved == null ? null : resolved.lifecycle();
    if (lifecycle == null) {
      return;
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader loader = this.loader;
    if (loader != null) {
      thread.setContextClassLoader(loader);
    }
    try {
      HandlerCall.shutdown(lifecycle, reason);
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      spec.log()
          .write(
              LogRecord.Source.PLATFORM,
              LogLevel.WARN,
              null,
              "The shutdown hook of environment " + logStreamName + " failed: " + e);
      LOG.debug("Shutdown hook of {} failed", spec.functionName(), e);
    } finally {
      if (loader != null) {
        thread.setContextClassLoader(previous);
      }
    }
  }

  /**
   * Returns whether the handler has a shutdown hook to call.
   *
   * @return {@code true} if it implements {@link Lifecycle}
   */
  public boolean hasShutdownHook() {
    Handler resolved = handler;
    return resolved != null && resolved.lifecycle() != null && !shutDown;
  }

  @Override
  public String functionName() {
    return spec.functionName();
  }

  @Override
  public String functionVersion() {
    return spec.version();
  }

  @Override
  public int memoryLimitInMB() {
    return spec.config().memorySize();
  }

  @Override
  public String logGroupName() {
    return spec.logGroupName();
  }

  @Override
  public String logStreamName() {
    return logStreamName;
  }

  @Override
  public Map<String, String> environment() {
    Map<String, String> built = variables;
    if (built == null) { // racing callers build equal maps; either may stay
      built = variables(spec.baseEnvironment(), logStreamName, home.provisioned());
      variables = built;
    }
    return built;
  }

  @Override
  public FunctionLogger logger() {
    return logger;
  }

  @Override
  public String toString() {
    return "Environment[" + spec.functionName() + ":" + spec.version() + " " + logStreamName + "]";
  }

  /** Writes init-phase and shutdown lines, which belong to no invocation. */
  private final class InitLogger implements FunctionLogger {
    @Override
    public void log(String message) {
      log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
    }

    @Override
    public void log(String message, LogLevel level) {
      if (spec.log().enabled(level)) {
        spec.log().write(LogRecord.Source.FUNCTION, level, null, FunctionLogs.text(message, level));
      }
    }
  }
}
