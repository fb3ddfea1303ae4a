/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The runtime's loggers: SLF4J's when the host has an SLF4J provider, and otherwise SLF4J loggers
 * that write to the JDK's {@link System.Logger}, so that function output, {@code START}/{@code
 * END}/{@code REPORT} lines and the runtime's own messages are never silently lost.
 *
 * <p>Without a provider SLF4J 2 falls back to a no-operation logger and drops everything. The
 * runtime then writes through {@code System.getLogger(name)} instead (by default {@code
 * java.util.logging}, which prints INFO and above to standard error) and logs one warning, once per
 * JVM, that says how to get the lines into the host's logging. A host that binds {@code slf4j-nop}
 * on purpose has a provider, and stays silent. Thread-safe.
 */
public final class Loggers {

  /** The logger of the runtime's own messages. */
  public static final String RUNTIME = "dev.lambdaembedded.runtime";

  /** The warning logged once when no SLF4J provider is bound. */
  static final String NO_PROVIDER_WARNING =
      "No SLF4J provider is bound, so lambda-embedded writes function logs, START/END/REPORT"
          + " lines and its own messages to java.lang.System.Logger (by default java.util.logging,"
          + " which prints INFO and above to standard error; loggers dev.lambdaembedded.function.<name>"
          + " and dev.lambdaembedded.runtime). To send them to your logging, put an SLF4J 2"
          + " provider on the class path (for example ch.qos.logback:logback-classic or"
          + " org.slf4j:slf4j-simple), or give the runtime a sink of its own with"
          + " LambdaRuntime.builder().logSink(...).";

  private Loggers() {}

  /**
   * Returns the logger of a name: SLF4J's, or one writing to {@link System.Logger} when SLF4J has
   * no provider.
   *
   * @param name the logger's name
   * @return the logger
   */
  public static Logger get(String name) {
    return Binding.SLF4J ? LoggerFactory.getLogger(name) : new SystemLogger(name);
  }

  /**
   * Returns the logger named after a class; see {@link #get(String)}.
   *
   * @param type the class
   * @return the logger
   */
  public static Logger get(Class<?> type) {
    return get(type.getName());
  }

  /**
   * Returns whether an SLF4J provider is bound, decided once.
   *
   * @return {@code true} if the runtime logs through SLF4J
   */
  public static boolean slf4jBound() {
    return Binding.SLF4J;
  }

  /** Whether SLF4J has a provider, decided when first asked; the warning goes with it, once. */
  private static final class Binding {
    static final boolean SLF4J = hasProvider();

    static {
      if (!SLF4J) {
        System.getLogger(RUNTIME).log(System.Logger.Level.WARNING, NO_PROVIDER_WARNING);
      }
    }

    private Binding() {}

    private static boolean hasProvider() {
      ILoggerFactory factory = LoggerFactory.getILoggerFactory();
      if (!(factory instanceof NOPLoggerFactory)) {
        return true;
      }
      // SLF4J's fallback for a missing provider and slf4j-nop look alike: tell them apart by
      // whether a provider is named or present at all, as SLF4J's own lookup does
      if (System.getProperty(LoggerFactory.PROVIDER_PROPERTY_KEY) != null) {
        return true;
      }
      try {
        return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
            .stream()
            .findAny()
            .isPresent();
      } catch (ServiceConfigurationError e) {
        return true; // a broken provider is SLF4J's to report
      }
    }
  }

  /** An SLF4J logger writing to the JDK's {@link System.Logger} of the same name. */
  private static final class SystemLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient System.Logger delegate;

    SystemLogger(String name) {
      this.name = name;
      this.delegate = System.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
      return delegate.isLoggable(System.Logger.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return delegate.isLoggable(System.Logger.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return delegate.isLoggable(System.Logger.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return delegate.isLoggable(System.Logger.Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
      return delegate.isLoggable(System.Logger.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return SystemLogger.class.getName();
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        @Nullable Marker marker,
        String messagePattern,
        @Nullable Object @Nullable [] arguments,
        @Nullable Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
      delegate.log(level(level), message, throwable);
    }

    private static System.Logger.Level level(Level level) {
      return switch (level) {
        case TRACE -> System.Logger.Level.TRACE;
        case DEBUG -> System.Logger.Level.DEBUG;
        case INFO -> System.Logger.Level.INFO;
        case WARN -> System.Logger.Level.WARNING;
        case ERROR -> System.Logger.Level.ERROR;
      };
    }
  }
}
