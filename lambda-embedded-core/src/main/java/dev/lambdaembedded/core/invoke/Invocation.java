/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import com.google.common.primitives.Primitives;
import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.InvalidRequestContentException;
import dev.lambdaembedded.api.InvocationReport;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LambdaException;
import dev.lambdaembedded.api.LogType;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.StillRunning;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.FunctionLogger;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.execution.AllocationMeter;
import dev.lambdaembedded.core.execution.Environment;
import dev.lambdaembedded.core.execution.EnvironmentPool;
import dev.lambdaembedded.core.execution.FunctionLogs;
import dev.lambdaembedded.core.execution.Handler;
import dev.lambdaembedded.core.execution.HandlerCall;
import dev.lambdaembedded.core.execution.StackTraces;
import dev.lambdaembedded.core.execution.TimedRun;
import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.DeadlineExceededError;
import dev.lambdaembedded.core.guard.FunctionExitError;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.json.JsonFailure;
import dev.lambdaembedded.core.observe.InvocationScope;
import dev.lambdaembedded.core.observe.LineSplitter;
import dev.lambdaembedded.core.observe.LogLines;
import dev.lambdaembedded.core.observe.LogTail;
import dev.lambdaembedded.core.observe.Loggers;
import dev.lambdaembedded.core.observe.Mdc;
import dev.lambdaembedded.core.observe.OutputCapture;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One synchronous invocation, from the moment it has a warm environment to its result. It is the
 * handler's {@link Context} and logger, the scope its standard output is captured in, and the run
 * the watchdog times.
 *
 * <p>The thread that runs the handler (the caller's, or a virtual thread) does all the work and
 * owns the cleanup: it gives the environment and the concurrency place back only when the handler
 * has really returned, so a handler stuck past its deadline keeps counting against concurrency.
 * When the deadline wins, whoever waits for the result (the runner itself, or the caller of a
 * virtual-thread invocation at once) reports the timeout.
 */
final class Invocation extends TimedRun
    implements Context, FunctionLogger, InvocationScope, Runnable {
  private static final Logger LOG = Loggers.get(Loggers.RUNTIME);

  /**
   * How long deployed code may run on a virtual thread before the runtime asks it to let other
   * virtual threads have its carrier (measured: see DESIGN.md, "Deadline checks").
   */
  static final long YIELD_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final long YIELD_PARK_NANOS = 1_000;

  private static final VarHandle YIELD_REQUESTED;
  private static final VarHandle PLACE_RELEASED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      YIELD_REQUESTED = lookup.findVarHandle(Invocation.class, "yieldRequested", boolean.class);
      PLACE_RELEASED = lookup.findVarHandle(Invocation.class, "placeReleased", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final String JSON_PARSING = "An error occurred during JSON parsing";
  private static final String JSON_SERIALIZATION =
      "An error occurred during JSON serialization of response";

  private final FunctionState function;
  private final Environment environment;
  private final InvocationRequest request;
  private final UUID requestId;
  private final ConcurrencyLimiter limiter;
  private final long initDurationNanos;
  private final @Nullable LogTail tail;
  private final boolean platformLog;
  private @Nullable String requestIdText;

  // written by the runner before tryComplete(); read after it by whoever reports
  private @Nullable Payload response;
  private @Nullable FunctionError error;
  private volatile @Nullable Violation violation; // a forbidden class its code needed
  private @Nullable LambdaException refusal;
  private boolean discardEnvironment;
  private long allocatedBytes = -1;
  private @Nullable LineSplitter stdout;
  private @Nullable LineSplitter stderr;

  // hand-over to a caller waiting for a virtual-thread invocation
  private volatile @Nullable Object published;
  private volatile boolean stuck;
  private boolean timeoutLogged; // guarded by this

  // deadline enforcement: what a blocked call waits on, yields (the alarm is the environment's)
  private volatile java.io.@Nullable Closeable blockedOn;
  private volatile boolean yieldRequested;
  private volatile boolean placeReleased;
  private long yieldBaseNanos; // owned by the watchdog: System.nanoTime() of the slice's start

  Invocation(
      FunctionState function,
      Environment environment,
      InvocationRequest request,
      UUID requestId,
      ConcurrencyLimiter limiter,
      long initDurationNanos,
      long startNanos) {
    super(startNanos, startNanos + function.timeoutNanos);
    this.function = function;
    this.environment = environment;
    this.request = request;
    this.requestId = requestId;
    this.limiter = limiter;
    this.initDurationNanos = initDurationNanos;
    this.tail =
        request.logType() == LogType.TAIL
            ? new LogTail(function.engine.settings().logTailBytes())
            : null;
    this.platformLog = function.spec.log().enabled(LogLevel.INFO);
  }

  /** Runs the invocation on the calling thread and returns its result. */
  InvocationResult runOnCaller() {
    runOn(Thread.currentThread());
    function.engine.watchdog().register(this);
    work();
    boolean inTime = tryComplete();
    long now = function.engine.timeSource().nanoTime();
    LambdaException refused = refusal;
    if (inTime && refused != null) {
      cleanUp(now);
      throw refused;
    }
    InvocationResult result = inTime ? finish(now) : reportStopped();
    cleanUp(now);
    return result;
  }

  /** Runs the invocation on a new virtual thread; the caller waits for it or for the deadline. */
  InvocationResult runOnVirtualThread() {
    waitOn(Thread.currentThread());
    function.engine.watchdog().register(this);
    Thread worker = function.engine.startHandlerThread(function.spec, this::workOnVirtualThread);
    if (worker == null) {
      tryComplete();
      error = new FunctionError("Runtime.Unknown", "Could not start a handler thread", List.of());
      long now = function.engine.timeSource().nanoTime();
      InvocationResult result = finish(now);
      cleanUp(now);
      return result;
    }
    if (awaitReadyOrExpired(() -> published != null)) {
      Object outcome = published;
      if (outcome instanceof LambdaException refused) {
        throw refused;
      }
      return (InvocationResult) Objects.requireNonNull(outcome);
    }
    return reportStopped();
  }

  private void workOnVirtualThread() {
    runOn(Thread.currentThread());
    work();
    boolean inTime = tryComplete();
    long now = function.engine.timeSource().nanoTime();
    if (inTime) {
      Object outcome = refusal != null ? refusal : finish(now);
      cleanUp(now);
      published = outcome;
      wakeWaiter();
    } else {
      cleanUp(now);
    }
  }

  /** Sets up the handler's thread (context class loader, MDC, scope) and runs the handler. */
  private void work() {
    Thread thread = Thread.currentThread();
    ClassLoader loader = environment.classLoader();
    ClassLoader previous = null;
    if (loader != null) {
      previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
    }
    boolean mdc = function.engine.mdc();
    if (mdc) {
      Mdc.put(awsRequestId(), function.spec.functionName(), function.spec.version());
    }
    try {
      ScopedValue.where(InvocationScope.CURRENT, this).run(this);
    } catch (Throwable e) {
      LOG.error("Invocation {} of {} failed in the runtime", awsRequestId(), function.arn, e);
      error = new FunctionError("Runtime.Unknown", String.valueOf(e), List.of());
    } finally {
      if (mdc) {
        Mdc.remove();
      }
      if (loader != null) {
        thread.setContextClassLoader(previous);
      }
    }
  }

  /** The timed part, inside the scope: decode, START, handler, encode. */
  @Override
  public void run() {
    boolean measure = function.engine.settings().allocationTracking();
    long allocatedBefore = measure ? AllocationMeter.currentThreadAllocatedBytes() : -1;
    switch (environment.handler()) {
      case Handler.Request handler -> runRequest(handler);
      case Handler.Stream handler -> runStream(handler);
      case Handler.Fault fault -> {
        start();
        error = fault.error();
      }
    }
    Violation forbidden = violation;
    if (forbidden != null && refusal == null && !expired()) {
      // whatever the handler made of the missing class, the invocation fails with the violation
      response = null;
      error = forbidden.error();
      functionLine(LogLevel.ERROR, StackTraces.reportable(forbidden.error(), forbidden.thrown()));
    }
    flushOutput();
    if (allocatedBefore >= 0) {
      long allocatedAfter = AllocationMeter.currentThreadAllocatedBytes();
      allocatedBytes = allocatedAfter >= 0 ? allocatedAfter - allocatedBefore : -1;
    }
  }

  private void runRequest(Handler.Request handler) {
    Object input;
    try {
      input = decode(handler.inputType());
    } catch (JsonFailure e) {
      if (e.syntax()) {
        refusal = new InvalidRequestContentException(request.qualifier(), e.detail());
        return;
      }
      start();
      functionLine(LogLevel.ERROR, JSON_PARSING + ": " + e.detail());
      error = new FunctionError("java.lang.RuntimeException", JSON_PARSING, List.of());
      return;
    }
    start();
    Object output;
    try {
      output = HandlerCall.request(handler.handler(), input, this);
    } catch (Throwable e) {
      handlerFailed(e);
      return;
    }
    encode(output);
  }

  private void runStream(Handler.Stream handler) {
    byte[] input;
    switch (request.payload()) {
      case Payload.Json json -> {
        try {
          function.codec.validate(json.bytes());
        } catch (JsonFailure e) {
          refusal = new InvalidRequestContentException(request.qualifier(), e.detail());
          return;
        }
        input = json.bytes();
      }
      case Payload.Bytes raw -> input = raw.bytes(); // any bytes, as the handler's InputStream
      case Payload.Value value -> {
        try {
          input = function.codec.write(value.value());
        } catch (JsonFailure e) {
          start();
          error = new FunctionError("java.lang.RuntimeException", JSON_PARSING, List.of());
          return;
        }
      }
    }
    start();
    BoundedOutput output = new BoundedOutput(function.engine.settings().responseLimitBytes());
    try {
      HandlerCall.stream(handler.handler(), new ByteArrayInputStream(input), output, this);
    } catch (Throwable e) {
      handlerFailed(e);
      return;
    }
    if (output.overflowed()) {
      error = responseTooLarge(output.total());
      return;
    }
    byte[] bytes = output.toByteArray();
    Optional<Type> responseType = request.responseType();
    if (responseType.isEmpty()) {
      response = function.codec.isJson(bytes) ? Payload.json(bytes) : Payload.bytes(bytes);
      return;
    }
    try {
      response = Payload.of(function.reader(responseType.get()).read(bytes));
    } catch (JsonFailure e) {
      functionLine(LogLevel.ERROR, JSON_SERIALIZATION + ": " + e.detail());
      error = new FunctionError("java.lang.RuntimeException", JSON_SERIALIZATION, List.of());
    }
  }

  private @Nullable Object decode(Type inputType) {
    return switch (request.payload()) {
      case Payload.Json json -> environment.codec().cachedReader(inputType).read(json.bytes());
      // read as JSON like Lambda's event: bytes that are not JSON are refused as a syntax failure
      case Payload.Bytes raw -> environment.codec().cachedReader(inputType).read(raw.bytes());
      case Payload.Value value -> handOver(value.value(), inputType, environment.codec());
    };
  }

  private void encode(@Nullable Object output) {
    Optional<Type> responseType = request.responseType();
    try {
      if (responseType.isEmpty()) {
        byte[] bytes = environment.codec().write(output);
        if (bytes.length > function.engine.settings().responseLimitBytes()) {
          error = responseTooLarge(bytes.length);
          return;
        }
        response = Payload.json(bytes);
      } else {
        response = Payload.of(handOver(output, responseType.get(), environment.codec()));
      }
    } catch (JsonFailure e) {
      functionLine(LogLevel.ERROR, JSON_SERIALIZATION + ": " + e.detail());
      error = new FunctionError("java.lang.RuntimeException", JSON_SERIALIZATION, List.of());
    }
  }

  /** Passes an object by reference when the target type accepts it, else converts it. */
  private static @Nullable Object handOver(@Nullable Object value, Type type, JsonCodec codec) {
    if (value == null || accepts(type, value)) {
      return value;
    }
    return codec.convert(value, type);
  }

  /**
   * Whether a value can be handed over as the type without conversion: an instance of a class, or
   * of a parameterized type whose arguments say nothing about the elements ({@code List<Object>},
   * {@code Map<?, ?>}); {@code List<Item>} is converted, since the elements could be anything.
   */
  private static boolean accepts(Type type, Object value) {
    if (type == value.getClass()) {
      return true; // the common case, without a type switch
    }
    if (type instanceof Class<?> c) {
      return (c.isPrimitive() ? Primitives.wrap(c) : c).isInstance(value);
    }
    if (type instanceof ParameterizedType p) {
      return p.getRawType() instanceof Class<?> raw
          && raw.isInstance(value)
          && Arrays.stream(p.getActualTypeArguments()).allMatch(Invocation::unconstrained);
    }
    return type instanceof TypeVariable<?> variable
        && Arrays.stream(variable.getBounds()).allMatch(Invocation::unconstrained);
  }

  private static boolean unconstrained(Type argument) {
    return argument == Object.class
        || (argument instanceof WildcardType wildcard
            && wildcard.getLowerBounds().length == 0
            && Arrays.stream(wildcard.getUpperBounds()).allMatch(bound -> bound == Object.class))
        || (argument instanceof TypeVariable<?> variable
            && Arrays.stream(variable.getBounds()).allMatch(bound -> bound == Object.class));
  }

  private void handlerFailed(Throwable thrown) {
    if (thrown instanceof Error) {
      discardEnvironment = true; // Lambda's runtime exits after an Error; the next invoke re-inits
    }
    if (thrown instanceof InterruptedException) {
      Thread.currentThread().interrupt(); // preserved; tryComplete() clears the watchdog's own
    }
    if (expired()) {
      return; // the timeout is the outcome; what the interrupted handler threw does not matter
    }
    FunctionError failure = StackTraces.toFunctionError(thrown); // the cause chain kept
    error = failure;
    // Lambda's AWSLambda logs UserFault.reportableError: message, type, the whole filtered trace
    functionLine(LogLevel.ERROR, StackTraces.reportable(failure, thrown));
  }

  private FunctionError responseTooLarge(long size) {
    return new FunctionError(
        FunctionError.RESPONSE_SIZE_TOO_LARGE,
        "Response payload size ("
            + size
            + " bytes) exceeded maximum allowed payload size ("
            + function.engine.settings().responseLimitBytes()
            + " bytes).",
        List.of());
  }

  private void start() {
    if (platformLog || tail != null) {
      platformLine(LogLevel.INFO, LogLines.start(awsRequestId(), function.spec.version()));
    }
  }

  /** Writes the END and REPORT lines, formatted only if a sink or the log tail wants them. */
  private void endAndReport(
      long duration, long billed, @Nullable String status, @Nullable String errorType) {
    if (platformLog || tail != null) {
      platformLine(LogLevel.INFO, LogLines.end(awsRequestId()));
      platformLine(
          LogLevel.INFO,
          LogLines.report(
              awsRequestId(),
              duration,
              billed,
              function.spec.config().memorySize(),
              initDurationNanos,
              status,
              errorType));
    }
  }

  /** Reports an invocation that completed in time: END and REPORT, counters, the result. */
  private InvocationResult finish(long now) {
    long duration = now - startNanos();
    long billed = LogLines.billedMillis(duration);
    endAndReport(duration, billed, null, null);
    function.invoked(duration);
    FunctionError failure = error;
    InvocationReport report = report(duration, billed);
    if (failure != null) {
      function.errored();
      return new InvocationResult.Failure(
          requestId, function.spec.version(), failure, report, logTail());
    }
    Payload payload = response;
    return new InvocationResult.Success(
        requestId,
        function.spec.version(),
        payload != null ? payload : Payload.json(NULL_JSON),
        report,
        logTail());
  }

  private static final byte[] NULL_JSON = "null".getBytes(StandardCharsets.UTF_8);

  /**
   * Reports an invocation that was stopped before it completed: by its deadline (the timeout line,
   * END, REPORT with {@code Status: timeout}), by the runtime's close, or by its code ending the
   * environment ({@code Runtime.ExitError}). The counters were updated when it was stopped.
   */
  private InvocationResult reportStopped() {
    long duration = expiredAtNanos() - startNanos();
    Cause cause = cause();
    FunctionError error =
        switch (cause) {
          case DEADLINE -> timeoutError(duration);
          case CLOSE ->
              new FunctionError(
                  FunctionError.RUNTIME_CLOSED,
                  "RequestId: "
                      + awsRequestId()
                      + " Error: The runtime closed before the invocation finished",
                  List.of());
          case EXIT ->
              new FunctionError(
                  FunctionError.EXIT_ERROR,
                  "RequestId: "
                      + awsRequestId()
                      + " Error: Runtime exited with error: exit status "
                      + environment.exitStatus(),
                  List.of());
        };
    long billed =
        cause == Cause.DEADLINE
            ? function.timeoutNanos / 1_000_000L
            : LogLines.billedMillis(duration);
    String errorType = cause == Cause.DEADLINE ? null : error.errorType();
    logTimeoutOnce();
    endAndReport(duration, billed, cause == Cause.DEADLINE ? "timeout" : "error", errorType);
    return new InvocationResult.Failure(
        requestId, function.spec.version(), error, report(duration, billed), logTail());
  }

  /**
   * Writes the line that says why the invocation stopped once: at the deadline from the background
   * (so the log shows the timeout even while a caller-thread handler ignores its interrupt), or by
   * the reporter, whichever comes first; under the lock so it always precedes END and REPORT.
   */
  private synchronized void logTimeoutOnce() {
    if (timeoutLogged) {
      return;
    }
    timeoutLogged = true;
    if (tail == null && !function.spec.log().enabled(LogLevel.WARN)) {
      return;
    }
    long duration = expiredAtNanos() - startNanos();
    platformLine(
        LogLevel.WARN,
        switch (cause()) {
          case CLOSE ->
              "RequestId: " + awsRequestId() + " The runtime closed before the invocation finished";
          case EXIT ->
              "RequestId: "
                  + awsRequestId()
                  + " Error: Runtime exited with error: exit status "
                  + environment.exitStatus();
          case DEADLINE ->
              LogLines.timedOut(function.engine.timeSource().instant(), awsRequestId(), duration);
        });
  }

  @Override
  protected void onOverdue() {
    function.engine.background(this::logTimeoutOnce);
  }

  /**
   * At the moment the invocation is stopped, before its thread is interrupted: raises its code's
   * alarm (so every check in the handler's code unwinds it), takes its environment out of service,
   * frees its concurrency place (Lambda frees it with the environment) and counts it against the
   * runtime's bound of handlers running past their deadline, counts it as Lambda does, and closes
   * what a blocked socket call waits on.
   */
  @Override
  protected void onExpiring() {
    Alarm own = environment.alarm();
    if (own != null) {
      own.raiseExpiry();
    }
    environment.requestDiscard(); // no invocation takes it again
    releasePlace();
    function.engine.overdueStarted();
    function.invoked(expiredAtNanos() - startNanos());
    function.errored();
    if (cause() == Cause.DEADLINE) {
      function.counters.timedOut();
    }
    java.io.Closeable resource = blockedOn;
    if (resource != null) {
      function.engine.background(() -> closeQuietly(resource));
    }
  }

  private void closeQuietly(java.io.Closeable resource) {
    try {
      resource.close();
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("Closing what invocation {} was blocked on failed", awsRequestId(), e);
    }
  }

  /** Gives the concurrency place back, once: at expiry or when the handler returns. */
  private void releasePlace() {
    if (PLACE_RELEASED.compareAndSet(this, false, true)) {
      limiter.release();
    }
  }

  /**
   * Asks a handler of deployed code that has run on a virtual thread for a whole slice to yield its
   * carrier at its next check, so that busy handlers cannot starve other virtual threads.
   */
  @Override
  protected long onScan(long systemNanos) {
    Alarm own = environment.alarm();
    Thread thread = runner();
    if (own == null || thread == null || !thread.isVirtual()) {
      return Long.MAX_VALUE;
    }
    if (yieldBaseNanos == 0) {
      yieldBaseNanos = systemNanos;
    } else if (systemNanos - yieldBaseNanos >= YIELD_SLICE_NANOS
        && YIELD_REQUESTED.compareAndSet(this, false, true)) {
      own.requestYield();
      yieldBaseNanos = systemNanos; // if it never checks, ask again a slice later
    }
    return yieldBaseNanos + YIELD_SLICE_NANOS;
  }

  /** Withdraws a pending yield request, once. */
  private boolean takeYieldRequest() {
    if (yieldRequested && YIELD_REQUESTED.compareAndSet(this, true, false)) {
      Alarm own = environment.alarm();
      if (own != null) {
        own.yielded();
      }
      return true;
    }
    return false;
  }

  private FunctionError timeoutError(long duration) {
    return new FunctionError(
        FunctionError.TIMEOUT,
        "RequestId: "
            + awsRequestId()
            + " Error: Task timed out after "
            + LogLines.seconds(duration)
            + " seconds",
        List.of());
  }

  private InvocationReport report(long duration, long billed) {
    return new InvocationReport(
        duration, billed, function.spec.config().memorySize(), initDurationNanos, allocatedBytes);
  }

  private Optional<String> logTail() {
    LogTail logTail = tail;
    return logTail == null ? Optional.empty() : Optional.of(logTail.contents());
  }

  /**
   * Gives the environment back, and the concurrency place if expiry did not already; called by the
   * runner once the handler has returned, in time or not.
   */
  private void cleanUp(long now) {
    function.engine.watchdog().deregister(this);
    boolean stopped = expired();
    takeYieldRequest();
    if (stopped) {
      Alarm own = environment.alarm();
      if (own != null) {
        own.lowerExpiry();
      }
      function.engine.overdueEnded();
    }
    EnvironmentPool home = environment.home();
    if (stopped || discardEnvironment) {
      home.discard(environment);
    }
    if (home.release(environment, now)) {
      function.engine.retireInBackground(
          environment,
          stopped && cause() == Cause.DEADLINE
              ? ShutdownReason.TIMEOUT
              : stopped || discardEnvironment ? ShutdownReason.FAILURE : ShutdownReason.SPINDOWN);
    }
    releasePlace();
    if (stuck) {
      function.counters.stuckEnded();
      long late = now - deadlineNanos();
      function.engine.background(
          () ->
              function
                  .spec
                  .log()
                  .write(
                      LogRecord.Source.PLATFORM,
                      LogLevel.WARN,
                      awsRequestId(),
                      "RequestId: "
                          + awsRequestId()
                          + " The handler returned "
                          + LogLines.seconds(late)
                          + " seconds after its timeout"));
    }
  }

  @Override
  protected void onStuck(long nowNanos) {
    stuck = true;
    function.counters.stuckStarted();
    Thread thread = runner();
    long late = nowNanos - deadlineNanos();
    function.engine.background(
        () -> {
          StringBuilder text =
              new StringBuilder("RequestId: ")
                  .append(awsRequestId())
                  .append(" The handler is still running ")
                  .append(LogLines.seconds(late))
                  .append(" seconds after its timeout; its thread ignores interrupts");
          if (thread != null) {
            text.append(": ").append(thread.getName());
            StackTraceElement[] frames = thread.getStackTrace();
            for (int i = 0; i < Math.min(8, frames.length); i++) {
              text.append("\n\tat ").append(frames[i]);
            }
          }
          function
              .spec
              .log()
              .write(LogRecord.Source.PLATFORM, LogLevel.WARN, awsRequestId(), text.toString());
        });
  }

  // ---- logging ----

  private void platformLine(LogLevel level, String line) {
    LogTail logTail = tail;
    if (logTail != null) {
      logTail.append(line);
    }
    if (level == LogLevel.INFO ? platformLog : function.spec.log().enabled(level)) {
      function.spec.log().write(LogRecord.Source.PLATFORM, level, awsRequestId(), line);
    }
  }

  private void functionLine(LogLevel level, String line) {
    LogTail logTail = tail;
    if (logTail != null) {
      logTail.append(line);
    }
    if (function.spec.log().enabled(level)) {
      function.spec.log().write(LogRecord.Source.FUNCTION, level, awsRequestId(), line);
    }
  }

  /**
   * The slow path of the checks in deployed code, taken while its alarm is raised: once this
   * invocation is stopped, unwinds the handler (again at every later check, so a handler that
   * catches the error cannot go on); when asked, yields a virtual thread's carrier for a moment.
   */
  @Override
  public void checkDeadline() {
    checkExpired();
    if (takeYieldRequest() && Thread.currentThread().isVirtual()) {
      yieldCarrier();
    }
  }

  @Override
  public void checkExpired() {
    if (expired()) {
      throw cause() == Cause.EXIT
          ? new FunctionExitError(environment.exitStatus())
          : new DeadlineExceededError(
              "Task timed out: invocation " + awsRequestId() + " passed its deadline");
    }
  }

  @Override
  public void policyViolation(FunctionError error, Throwable thrown) {
    if (violation == null) {
      violation = new Violation(error, thrown);
    }
  }

  @Override
  public void blockedOn(java.io.@Nullable Closeable resource) {
    blockedOn = resource;
    if (resource != null && expired()) {
      blockedOn = null;
      checkDeadline(); // stopped in between: do not block
    }
  }

  /** Stops the invocation because its environment's code called {@code System.exit}. */
  void exited() {
    expire(function.engine.timeSource().nanoTime(), Cause.EXIT);
  }

  /** Whether this invocation runs in an environment. */
  boolean runsIn(Environment candidate) {
    return environment == candidate;
  }

  /**
   * Unmounts a busy virtual thread for a moment. {@code Thread.yield()} is not enough: when its
   * carrier has no local work, JDK 25 submits the yielded thread to the scheduler's shared queue,
   * from which the same carrier takes it straight back (measured: a new virtual thread never ran
   * behind as many yielding handlers as there are carriers); a timed park is resubmitted by the
   * scheduler's timer, so the carrier picks up other work first.
   *
   * <p>The park uses up a park permit the thread holds. That is harmless here: a permit is given
   * after the condition it signals is set, and the code that goes on from a back-edge or a method
   * entry looks at its condition again before it parks; the deadline-aware {@code park}
   * replacements, which run right before a park, never yield ({@link #checkExpired()}).
   */
  private static void yieldCarrier() {
    LockSupport.parkNanos(YIELD_PARK_NANOS);
  }

  @Override
  public void standardOutput(boolean toError, byte[] bytes, int offset, int length) {
    LineSplitter splitter = toError ? stderr : stdout;
    if (splitter == null) {
      splitter = new LineSplitter(OutputCapture.charset(toError));
      if (toError) {
        stderr = splitter;
      } else {
        stdout = splitter;
      }
    }
    splitter.write(bytes, offset, length, line -> functionLine(LogLevel.UNDEFINED, line));
  }

  private void flushOutput() {
    if (stdout != null) {
      stdout.flush(line -> functionLine(LogLevel.UNDEFINED, line));
    }
    if (stderr != null) {
      stderr.flush(line -> functionLine(LogLevel.UNDEFINED, line));
    }
  }

  @Override
  public void log(String message) {
    functionLine(LogLevel.UNDEFINED, message);
  }

  @Override
  public void log(byte[] message) {
    functionLine(LogLevel.UNDEFINED, new String(message, StandardCharsets.UTF_8));
  }

  @Override
  public void log(String message, LogLevel level) {
    functionLine(level, FunctionLogs.text(message, level));
  }

  // ---- Context ----

  @Override
  public String awsRequestId() {
    String text = requestIdText;
    if (text == null) {
      text = requestId.toString();
      requestIdText = text;
    }
    return text;
  }

  @Override
  public String invokedFunctionArn() {
    return function.invokedArn(request.qualifier());
  }

  @Override
  public int remainingTimeInMillis() {
    long left = deadlineNanos() - function.engine.timeSource().nanoTime();
    return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, left / 1_000_000L);
  }

  @Override
  public String functionName() {
    return environment.functionName();
  }

  @Override
  public String functionVersion() {
    return environment.functionVersion();
  }

  @Override
  public int memoryLimitInMB() {
    return environment.memoryLimitInMB();
  }

  @Override
  public String logGroupName() {
    return environment.logGroupName();
  }

  @Override
  public String logStreamName() {
    return environment.logStreamName();
  }

  @Override
  public Map<String, String> environment() {
    return environment.environment();
  }

  @Override
  public FunctionLogger logger() {
    return this;
  }

  @Override
  public StillRunning stillRunning() {
    return describe(
        runner(),
        Optional.of(function.spec.functionName()),
        Optional.of(function.spec.version()),
        Optional.of(requestId));
  }

  @Override
  public void onAbandoned() {
    Thread thread = runner();
    function
        .spec
        .log()
        .write(
            LogRecord.Source.PLATFORM,
            LogLevel.ERROR,
            awsRequestId(),
            "RequestId: "
                + awsRequestId()
                + " The runtime closed while the handler was still running on thread "
                + (thread == null ? "unknown" : stillRunning().threadName())
                + " and could not stop it: it ignores interrupts or blocks outside deployed code");
  }

  /** Whether this invocation belongs to a function, for the inspector's counts. */
  boolean belongsTo(String functionName) {
    return function.spec.functionName().equals(functionName);
  }

  @Override
  public String toString() {
    return "Invocation[" + awsRequestId() + " " + function.arn + "]";
  }

  /** What the code needed that its policy forbids, and what it was given instead. */
  private record Violation(FunctionError error, Throwable thrown) {}

  /** Collects a stream handler's response up to the response limit, then only counts bytes. */
  private static final class BoundedOutput extends OutputStream {
    private final int limit;
    private byte[] buffer = new byte[256];
    private int length;
    private long total;

    BoundedOutput(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      total++;
      if (total > limit) {
        return;
      }
      ensure(length + 1);
      buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
      Objects.checkFromIndexSize(offset, count, bytes.length);
      total += count;
      if (total > limit) {
        return;
      }
      ensure(length + count);
      System.arraycopy(bytes, offset, buffer, length, count);
      length += count;
    }

    private void ensure(int capacity) {
      if (capacity > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(capacity, Math.min(limit, buffer.length * 2)));
      }
    }

    boolean overflowed() {
      return total > limit;
    }

    long total() {
      return total;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, length);
    }
  }
}
