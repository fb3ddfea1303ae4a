/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.bytecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.core.guard.DeadlineExceededError;
import dev.lambdaembedded.core.observe.InvocationScope;
import dev.lambdaembedded.core.testing.TestJars;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class InstrumenterTest {
  private static final String LOOPS =
      """
      package fn;

      import java.util.function.Supplier;

      public class Loops {
        public static long forLoop() {
          long s = 0;
          for (int i = 0; i < 5000; i++) { s += (long) i * i; }
          return s;
        }

        public static long whileLoop() {
          long s = 0;
          int i = 0;
          while (i < 3000) { s += i ^ 7; i += 3; }
          return s;
        }

        public static long doWhile() {
          long s = 1;
          int i = 0;
          do { s = s * 31 + i; i++; } while (i < 2500);
          return s;
        }

        public static long nested() {
          long s = 0;
          for (int i = 0; i < 100; i++) {
            for (int j = 0; j < i; j++) {
              int k = 0;
              while (k < j) { s += k++; }
            }
          }
          return s;
        }

        public static long labelled() {
          long s = 0;
          outer:
          for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
              if (j > i) { continue outer; }
              if (i * j > 900) { break outer; }
              s += i * j;
            }
          }
          return s;
        }

        public static long tryCatchFinally() {
          long s = 0;
          for (int i = 0; i < 200; i++) {
            try {
              if (i % 7 == 0) { throw new IllegalStateException("x" + i); }
              s += i;
            } catch (IllegalStateException e) {
              s += e.getMessage().length();
              continue;
            } finally {
              s += 2;
            }
          }
          try {
            int i = 0;
            while (true) {
              if (i++ > 100) { throw new ArithmeticException(); }
              s += i;
            }
          } catch (ArithmeticException e) {
            s *= 3;
          } finally {
            for (int i = 0; i < 10; i++) { s -= i; }
          }
          return s;
        }

        public static long switches() {
          long s = 0;
          for (int i = 0; i < 300; i++) {
            switch (i % 5) {
              case 0 -> s += 1;
              case 1 -> { continue; }
              case 2 -> s += i;
              default -> s -= 1;
            }
            switch (i % 1000) {
              case 3: s += 100; break;
              case 700: s += 5; break;
              default: s += 0;
            }
            String name = i % 3 == 0 ? "zero" : i % 3 == 1 ? "one" : "two";
            s += switch (name) { case "zero" -> 0; case "one" -> 10; default -> 20; };
          }
          return s;
        }

        public static long constructors() {
          return new Holder(400).value + new Early(300).value;
        }

        public static long lambdas() {
          Supplier<Long> sum = () -> {
            long t = 0;
            for (int i = 0; i < 2000; i++) { t += i; }
            return t;
          };
          return sum.get() + java.util.stream.IntStream.range(0, 100).mapToLong(i -> {
            long u = 0;
            for (int j = 0; j < i; j++) { u += j; }
            return u;
          }).sum();
        }

        public static long enums() {
          long s = 0;
          for (Color c : Color.values()) { s += c.weight(); }
          return s;
        }

        public static long records() {
          return new Range(3, 900).sum() + new Range(0, 5).sum();
        }

        public static long interfaces() {
          return new Counter().count(1234) + Summer.twice(77);
        }

        static final class Holder {
          final long value;

          Holder(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) { v += i; }
            value = v;
          }
        }

        static class Base {
          final long value;

          Base(long value) { this.value = value; }
        }

        static final class Early extends Base {
          Early(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) { v += i * 2L; }
            super(v);
          }
        }

        enum Color {
          RED, GREEN, BLUE;

          long weight() {
            long w = 0;
            for (Color c : values()) { w += (long) c.ordinal() * (ordinal() + 1); }
            return w;
          }
        }

        record Range(int from, int to) {
          Range {
            for (int i = from; i < to; i++) {
              if (i < 0) { throw new IllegalArgumentException(); }
            }
          }

          long sum() {
            long s = 0;
            for (int i = from; i < to; i++) { s += i; }
            return s;
          }
        }

        interface Summer {
          default long count(int n) {
            long s = 0;
            for (int i = 0; i < n; i++) { s += i % 13; }
            return s;
          }

          static long twice(int n) {
            long s = 0;
            int i = 0;
            while (i < n) { s += 2L * i++; }
            return s;
          }
        }

        static final class Counter implements Summer {}
      }
      """;

  private static final Map<String, byte[]> LOOPS_CLASSES =
      TestJars.builder().source("fn.Loops", LOOPS).classes();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "forLoop",
        "whileLoop",
        "doWhile",
        "nested",
        "labelled",
        "tryCatchFinally",
        "switches",
        "constructors",
        "lambdas",
        "enums",
        "records",
        "interfaces"
      })
  void instrument_loops_keepTheirResults(String method) throws Throwable {
    GuardedTestLoader plain = GuardedTestLoader.plain(LOOPS_CLASSES);
    GuardedTestLoader instrumented =
        GuardedTestLoader.instrumenting(LOOPS_CLASSES, CodePolicy.defaults());
    PollCounter polls = new PollCounter(Integer.MAX_VALUE);

    Object expected = plain.call("fn.Loops", method);
    Object quiet = polls.run(() -> instrumented.call("fn.Loops", method));
    instrumented.alarm().raiseExpiry(); // every check now takes the slow path
    Object alarmed = polls.run(() -> instrumented.call("fn.Loops", method));

    assertThat(quiet).isEqualTo(expected);
    assertThat(alarmed).isEqualTo(expected);
  }

  @Test
  void instrument_everyClassOfTheSource_isRewrittenAndVerifies() throws Exception {
    GuardedTestLoader loader =
        GuardedTestLoader.instrumenting(LOOPS_CLASSES, CodePolicy.defaults());

    for (String entry : LOOPS_CLASSES.keySet()) {
      String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
      assertThat(sameArray(loader.definedBytes(name), LOOPS_CLASSES.get(entry))).as(name).isFalse();
      Class<?> type = Class.forName(name, true, loader);
      assertThat(type.getClassLoader()).isSameAs(loader);
    }
    assertThat(Class.forName("fn.Loops", false, loader).getDeclaredFields())
        .as("the checks read the loader's alarm flag; no field is added")
        .isEmpty();
  }

  @Test
  void instrument_busyLoopIgnoringInterrupts_endsWithDeadlineExceeded() {
    String source =
        """
        package fn;
        public class Busy {
          public static long x;
          public static void spin() {
            while (true) { x++; }
          }
        }
        """;
    GuardedTestLoader loader =
        GuardedTestLoader.instrumenting(compile("fn.Busy", source), CodePolicy.defaults());
    PollCounter deadline = new PollCounter(2);
    loader.alarm().raiseExpiry();

    assertThatThrownBy(() -> deadline.run(() -> loader.call("fn.Busy", "spin")))
        .isInstanceOf(DeadlineExceededError.class);
    assertThat(deadline.calls()).isEqualTo(2);
  }

  @Test
  void instrument_loop_pollsAtEveryBackEdgeOnlyWhileTheAlarmIsRaised() throws Throwable {
    GuardedTestLoader loader =
        GuardedTestLoader.instrumenting(LOOPS_CLASSES, CodePolicy.defaults());
    PollCounter polls = new PollCounter(Integer.MAX_VALUE);

    polls.run(() -> loader.call("fn.Loops", "forLoop"));
    assertThat(polls.calls()).as("alarm down: no poll").isZero();

    loader.alarm().raiseExpiry();
    polls.run(() -> loader.call("fn.Loops", "forLoop"));
    // 5000 iterations: 5000 or 5001 back-edges, depending on how javac shapes the loop
    assertThat(polls.calls()).isBetween(5000, 5001);

    loader.alarm().lowerExpiry();
    int before = polls.calls();
    polls.run(() -> loader.call("fn.Loops", "forLoop"));
    assertThat(polls.calls()).as("alarm lowered again").isEqualTo(before);
  }

  @Test
  void instrument_methodEntries_pollWithoutLoops() throws Throwable {
    String source =
        """
        package fn;
        public class Entries {
          static int n;
          static void touch() { n++; }
          public static void step() { touch(); }
        }
        """;
    GuardedTestLoader loader =
        GuardedTestLoader.instrumenting(compile("fn.Entries", source), CodePolicy.defaults());
    PollCounter polls = new PollCounter(Integer.MAX_VALUE);
    loader.alarm().raiseExpiry();

    polls.run(
        () -> {
          for (int i = 0; i < 2048; i++) {
            loader.call("fn.Entries", "step");
          }
          return null;
        });

    // step() checks at its entry; touch() calls nothing and is left alone
    assertThat(polls.calls()).isEqualTo(2048);
  }

  @Test
  void instrument_veryLongLoop_widensJumps() throws Throwable {
    StringBuilder body = new StringBuilder();
    for (int k = 0; k < 1250; k++) {
      body.append("for (int j = 0; j < 2; j++) { x += j * 3 + r; }\n");
    }
    String source =
        """
        package fn;
        public class Long {
          public static long run(int rounds) {
            long x = 0;
            for (int r = 0; r < rounds; r++) {
              %s
            }
            return x;
          }
        }
        """
            .formatted(body);
    Map<String, byte[]> classes = compile("fn.Long", source);
    GuardedTestLoader plain = GuardedTestLoader.plain(classes);
    GuardedTestLoader instrumented =
        GuardedTestLoader.instrumenting(classes, CodePolicy.defaults());

    assertThat(codeLength(classes.get("fn/Long.class"), "run")).isLessThan(32_768);
    assertThat(codeLength(instrumented.definedBytes("fn.Long"), "run"))
        .isGreaterThan(32_767)
        .isLessThan(65_536);
    assertThat(instrumented.call("fn.Long", "run", 3)).isEqualTo(plain.call("fn.Long", "run", 3));
  }

  @Test
  void instrument_getenv_readsTheLoadersVariables() throws Throwable {
    String source =
        """
        package fn;
        public class Env {
          public static String one() { return System.getenv("GREETING"); }
          public static java.util.Map<String, String> all() { return System.getenv(); }
          public static String path() { return System.getenv("PATH"); }
        }
        """;
    Map<String, byte[]> classes = compile("fn.Env", source);
    GuardedTestLoader loader =
        new GuardedTestLoader(classes, CodePolicy.defaults(), Map.of("GREETING", "hi"));

    assertThat(loader.call("fn.Env", "one")).isEqualTo("hi");
    assertThat(loader.call("fn.Env", "all")).isEqualTo(Map.of("GREETING", "hi"));
    assertThat(loader.call("fn.Env", "path")).isNull();
  }

  @Test
  void instrument_withoutFunctionEnvironment_getenvReadsTheHost() throws Throwable {
    String source =
        """
        package fn;
        public class Env {
          public static String path() { return System.getenv("PATH"); }
        }
        """;
    Map<String, byte[]> classes = compile("fn.Env", source);
    CodePolicy policy =
        CodePolicy.defaults().withFunctionEnvironment(false).withCooperativeTimeouts(false);
    GuardedTestLoader loader = new GuardedTestLoader(classes, policy, Map.of("PATH", "mine"));

    assertThat(loader.call("fn.Env", "path")).isEqualTo(System.getenv("PATH"));
    assertThat(sameArray(loader.definedBytes("fn.Env"), classes.get("fn/Env.class")))
        .as("class left untouched")
        .isTrue();
  }

  @Test
  void instrument_shutdownHooks_areReportedAndRegistered() throws Throwable {
    String source =
        """
        package fn;
        public class Hooks {
          public static Thread add() {
            Thread t = new Thread(() -> {});
            Runtime.getRuntime().addShutdownHook(t);
            return t;
          }
          public static boolean remove(Thread t) {
            return Runtime.getRuntime().removeShutdownHook(t);
          }
        }
        """;
    GuardedTestLoader loader =
        GuardedTestLoader.instrumenting(compile("fn.Hooks", source), CodePolicy.unchecked());

    Thread hook = (Thread) java.util.Objects.requireNonNull(loader.call("fn.Hooks", "add"));
    try {
      assertThat(loader.hooksAdded).containsExactly(hook);
      assertThat(loader.call("fn.Hooks", "remove", hook)).isEqualTo(true);
      assertThat(loader.hooksRemoved).containsExactly(hook);
    } finally {
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  @Test
  void instrument_threadLocals_areReportedAndSet() throws Throwable {
    String source =
        """
        package fn;
        public class Locals {
          public static final ThreadLocal<String> LOCAL = new ThreadLocal<>();
          public static final InheritableThreadLocal<String> INHERITED =
              new InheritableThreadLocal<>();
          public static String set(String v) {
            LOCAL.set(v);
            INHERITED.set(v + "!");
            return LOCAL.get() + INHERITED.get();
          }
          public static void clear() {
            LOCAL.remove();
            INHERITED.remove();
          }
        }
        """;
    GuardedTestLoader loader =
        GuardedTestLoader.instrumenting(compile("fn.Locals", source), CodePolicy.unchecked());
    Class<?> type = loader.loadClass("fn.Locals");
    ThreadLocal<?> local = (ThreadLocal<?>) type.getField("LOCAL").get(null);
    ThreadLocal<?> inherited = (ThreadLocal<?>) type.getField("INHERITED").get(null);

    assertThat(loader.call("fn.Locals", "set", "v")).isEqualTo("vv!");
    loader.call("fn.Locals", "clear");

    assertThat(loader.localsSet).containsExactly(Map.entry(local, "v"), Map.entry(inherited, "v!"));
    assertThat(loader.localsRemoved).containsExactly(local, inherited);
    assertThat(local.get()).isNull();
  }

  @Test
  void instrument_withoutCooperativeTimeouts_addsNoChecks() throws Throwable {
    CodePolicy policy = CodePolicy.defaults().withCooperativeTimeouts(false);
    GuardedTestLoader loader = GuardedTestLoader.instrumenting(LOOPS_CLASSES, policy);
    PollCounter polls = new PollCounter(Integer.MAX_VALUE);
    loader.alarm().raiseExpiry();

    polls.run(() -> loader.call("fn.Loops", "forLoop"));

    assertThat(polls.calls()).isZero();
    assertThat(sameArray(loader.definedBytes("fn.Loops"), LOOPS_CLASSES.get("fn/Loops.class")))
        .as("class left untouched")
        .isTrue();
  }

  private static Map<String, byte[]> compile(String className, String source) {
    return TestJars.builder().source(className, source).classes();
  }

  /** The instrumenter returns its very input when it has nothing to change. */
  @SuppressWarnings("ReferenceEquality")
  private static boolean sameArray(byte[] actual, byte @Nullable [] original) {
    return actual == original;
  }

  private static int codeLength(byte @Nullable [] classBytes, String method) {
    assertThat(classBytes).isNotNull();
    for (MethodModel model : ClassFile.of().parse(classBytes).methods()) {
      if (model.methodName().equalsString(method)) {
        return model.findAttribute(Attributes.code()).orElseThrow().codeLength();
      }
    }
    throw new AssertionError("no method " + method);
  }

  /** What the deadline checks call: counts calls and throws from the given call on. */
  private static final class PollCounter implements InvocationScope {
    private final AtomicInteger calls = new AtomicInteger();
    private final int throwAt;

    PollCounter(int throwAt) {
      this.throwAt = throwAt;
    }

    @Override
    public void standardOutput(boolean error, byte[] bytes, int offset, int length) {}

    @Override
    public void checkDeadline() {
      if (calls.incrementAndGet() >= throwAt) {
        throw new DeadlineExceededError("timed out");
      }
    }

    int calls() {
      return calls.get();
    }

    @Nullable Object run(ScopedValue.CallableOp<? extends @Nullable Object, Throwable> op)
        throws Throwable {
      return ScopedValue.where(InvocationScope.CURRENT, this).call(op);
    }
  }
}
