/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;

/**
 * Captures what handler code writes to {@code System.out} and {@code System.err} on the thread
 * running it, as Lambda sends a function's standard streams to its log.
 *
 * <p>While at least one runtime that captures is open, {@code System.out} and {@code System.err}
 * are replaced by streams that hand each write to the {@link InvocationScope} bound on the writing
 * thread, and pass writes from any other thread to the original streams unchanged. The originals
 * are restored when the last runtime closes, unless somebody else replaced the streams meanwhile.
 * Output from threads a handler starts itself is not captured (they do not inherit the scope).
 */
public final class OutputCapture {
  private static final Object LOCK = new Object();
  private static int users;
  private static @Nullable PrintStream originalOut;
  private static @Nullable PrintStream originalErr;
  private static @Nullable PrintStream capturingOut;
  private static @Nullable PrintStream capturingErr;
  private static volatile Charset outCharset = Charset.defaultCharset();
  private static volatile Charset errCharset = Charset.defaultCharset();

  private OutputCapture() {}

  /** Installs the capturing streams, or counts one more user of those installed. */
  public static void acquire() {
    synchronized (LOCK) {
      if (users++ == 0) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        originalOut = out;
        originalErr = err;
        outCharset = out.charset();
        errCharset = err.charset();
        capturingOut = routing(out, false);
        capturingErr = routing(err, true);
        System.setOut(capturingOut);
        System.setErr(capturingErr);
      }
    }
  }

  /** Counts one user less; the last restores the original streams. */
  @SuppressWarnings("ReferenceEquality") // restore only if the very stream installed is in place
  public static void release() {
    synchronized (LOCK) {
      if (users == 0) {
        return;
      }
      if (--users == 0) {
        PrintStream out = originalOut;
        PrintStream err = originalErr;
        if (out != null && System.out == capturingOut) {
          System.setOut(out);
        }
        if (err != null && System.err == capturingErr) {
          System.setErr(err);
        }
        originalOut = null;
        originalErr = null;
        capturingOut = null;
        capturingErr = null;
      }
    }
  }

  /**
   * Writes to the stream that was in place before the capture, or to the current one.
   *
   * @param error {@code true} for {@code System.err}
   * @param bytes the buffer
   * @param offset where the bytes start
   * @param length how many bytes
   */
  static void writeToOriginal(boolean error, byte[] bytes, int offset, int length) {
    PrintStream original;
    synchronized (LOCK) {
      original = error ? originalErr : originalOut;
    }
    (original != null ? original : error ? System.err : System.out).write(bytes, offset, length);
  }

  /**
   * Returns how a captured stream encodes text, which is how its bytes are decoded into lines.
   *
   * @param error {@code true} for {@code System.err}
   * @return the charset of the original stream
   */
  public static Charset charset(boolean error) {
    return error ? errCharset : outCharset;
  }

  /**
   * Returns whether the capturing streams are installed.
   *
   * @return {@code true} while a capturing runtime is open
   */
  public static boolean installed() {
    synchronized (LOCK) {
      return users > 0;
    }
  }

  private static PrintStream routing(PrintStream original, boolean error) {
    Charset charset = original.charset();
    return new PrintStream(new Router(original, error), true, charset);
  }

  /** Sends each write to the bound invocation, or to the original stream. */
  private static final class Router extends OutputStream {
    private final PrintStream original;
    private final boolean error;

    Router(PrintStream original, boolean error) {
      this.original = original;
      this.error = error;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (InvocationScope.CURRENT.isBound()) {
        InvocationScope.CURRENT.get().standardOutput(error, bytes, offset, length);
      } else {
        original.write(bytes, offset, length);
      }
    }

    @Override
    public void flush() throws IOException {
      if (!InvocationScope.CURRENT.isBound()) {
        original.flush();
      }
    }
  }
}
