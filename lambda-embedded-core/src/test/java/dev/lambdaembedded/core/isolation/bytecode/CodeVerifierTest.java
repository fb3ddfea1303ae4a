/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.bytecode;

import static java.lang.constant.ConstantDescs.CD_CallSite;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodePolicy.Check;
import dev.lambdaembedded.api.config.CodePolicy.Finding;
import dev.lambdaembedded.core.testing.TestJars;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CodeVerifierTest {
  private static final String CALLS =
      """
      package fn;

      import java.lang.invoke.MethodHandles;

      @SuppressWarnings("removal")
      public class Calls {
        void exit() { System.exit(1); }
        void runtimeExit() { Runtime.getRuntime().exit(1); }
        void halt() { Runtime.getRuntime().halt(1); }
        void exec() throws Exception { Runtime.getRuntime().exec(new String[] {"true"}); }
        void start() throws Exception { new ProcessBuilder("true").start(); }
        void pipeline() throws Exception { ProcessBuilder.startPipeline(java.util.List.of()); }
        void hook(Thread t) { Runtime.getRuntime().addShutdownHook(t); }
        void load() { System.load("/x.so"); }
        void loadLibrary() { System.loadLibrary("x"); }
        void runtimeLoad() { Runtime.getRuntime().loadLibrary("x"); }
        void setOut() { System.setOut(null); }
        void setErr() { System.setErr(null); }
        void setIn() { System.setIn(null); }
        void securityManager() { System.setSecurityManager(null); }
        void unsafe(sun.misc.Unsafe u) throws Exception { u.allocateInstance(Object.class); }
        Object unsafeClass() { return sun.misc.Unsafe.class; }
        void lookup() throws Exception { MethodHandles.privateLookupIn(String.class, null); }
      }
      """;

  /** Compiled once: javac is the slow part of these tests. */
  private static final byte[] CALLS_CLASS = compile("fn.Calls", CALLS);

  private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
  private static final DirectMethodHandleDesc LOAD_LIBRARY =
      MethodHandleDesc.ofMethod(
          DirectMethodHandleDesc.Kind.STATIC,
          SYSTEM,
          "loadLibrary",
          MethodTypeDesc.of(CD_void, ConstantDescs.CD_String));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          exec()V                                  | java.lang.Runtime.exec(java.lang.String[])   | PROCESS
          start()V                                 | java.lang.ProcessBuilder.start()             | PROCESS
          pipeline()V                              | java.lang.ProcessBuilder.startPipeline(java.util.List) | PROCESS
          hook(Ljava/lang/Thread;)V                | java.lang.Runtime.addShutdownHook(java.lang.Thread) | SHUTDOWN_HOOK
          load()V                                  | java.lang.System.load(java.lang.String)      | NATIVE_CODE
          loadLibrary()V                           | java.lang.System.loadLibrary(java.lang.String) | NATIVE_CODE
          runtimeLoad()V                           | java.lang.Runtime.loadLibrary(java.lang.String) | NATIVE_CODE
          setOut()V                                | java.lang.System.setOut(java.io.PrintStream) | STANDARD_STREAMS
          setErr()V                                | java.lang.System.setErr(java.io.PrintStream) | STANDARD_STREAMS
          setIn()V                                 | java.lang.System.setIn(java.io.InputStream)  | STANDARD_STREAMS
          securityManager()V                       | java.lang.System.setSecurityManager(java.lang.SecurityManager) | SECURITY_MANAGER
          unsafe(Lsun/misc/Unsafe;)V               | sun.misc.Unsafe.allocateInstance(java.lang.Class) | UNSAFE
          unsafeClass()Ljava/lang/Object;          | sun.misc.Unsafe                              | UNSAFE
          lookup()V                                | java.lang.invoke.MethodHandles.privateLookupIn(java.lang.Class, java.lang.invoke.MethodHandles$Lookup) | PRIVATE_LOOKUP
          """)
  void verify_directUse_findsItWithItsLine(String method, String target, Check check) {
    byte[] calls = CALLS_CLASS;

    List<Finding> findings = CodeVerifier.verify(calls, CodePolicy.defaults());

    String name = method.substring(0, method.indexOf('('));
    Finding expected =
        new Finding(
            "fn.Calls",
            method,
            lineOf(CALLS, " " + name + "("),
            target,
            check,
            CodeVerifier.reason(check));
    assertThat(findings).contains(expected);
    assertThat(findings).filteredOn(f -> f.method().equals(method)).containsExactly(expected);
  }

  @Test
  void verify_everyDirectUse_listedInClassOrder() {
    List<Finding> findings = CodeVerifier.verify(CALLS_CLASS, CodePolicy.defaults());

    assertThat(findings)
        .extracting(Finding::check)
        .containsExactly(
            Check.PROCESS,
            Check.PROCESS,
            Check.PROCESS,
            Check.SHUTDOWN_HOOK,
            Check.NATIVE_CODE,
            Check.NATIVE_CODE,
            Check.NATIVE_CODE,
            Check.STANDARD_STREAMS,
            Check.STANDARD_STREAMS,
            Check.STANDARD_STREAMS,
            Check.SECURITY_MANAGER,
            Check.UNSAFE,
            Check.UNSAFE,
            Check.PRIVATE_LOOKUP);
  }

  @Test
  void verify_allowedChecks_areNotReported() {
    CodePolicy policy =
        CodePolicy.defaults().allow(Check.PROCESS, Check.NATIVE_CODE, Check.STANDARD_STREAMS);

    List<Finding> findings = CodeVerifier.verify(CALLS_CLASS, policy);

    assertThat(findings)
        .extracting(Finding::check)
        .containsExactly(
            Check.SHUTDOWN_HOOK,
            Check.SECURITY_MANAGER,
            Check.UNSAFE,
            Check.UNSAFE,
            Check.PRIVATE_LOOKUP);
    assertThat(CodeVerifier.verify(CALLS_CLASS, CodePolicy.unchecked())).isEmpty();
  }

  /**
   * Exit calls are rewritten to end the function's environment (Runtime.ExitError), not refused.
   */
  @Test
  void verify_exitCalls_areNotFindings() {
    assertThat(CodeVerifier.verify(CALLS_CLASS, CodePolicy.defaults()))
        .extracting(Finding::method)
        .doesNotContain("exit()V", "runtimeExit()V", "halt()V");
  }

  @Test
  void verify_cleanClass_findsNothing() {
    String source =
        """
        package fn;
        public class Clean {
          public static long sum(int n) {
            long s = 0;
            for (int i = 0; i < n; i++) { s += i; }
            Runnable r = () -> System.getenv("X");
            r.run();
            return s + Runtime.getRuntime().availableProcessors();
          }
        }
        """;

    assertThat(CodeVerifier.verify(compile("fn.Clean", source), CodePolicy.defaults())).isEmpty();
  }

  @Test
  void verify_methodReference_findsTheTargetInTheReferencingMethod() {
    String source =
        """
        package fn;
        import java.util.function.Consumer;
        public class Ref {
          public static Consumer<String> load() {
            Consumer<String> c = System::loadLibrary;
            return c;
          }
        }
        """;

    List<Finding> findings = CodeVerifier.verify(compile("fn.Ref", source), CodePolicy.defaults());

    assertThat(findings)
        .containsExactly(
            new Finding(
                "fn.Ref",
                "load()Ljava/util/function/Consumer;",
                lineOf(source, "System::loadLibrary"),
                "java.lang.System.loadLibrary(java.lang.String)",
                Check.NATIVE_CODE,
                CodeVerifier.reason(Check.NATIVE_CODE)));
  }

  @Test
  void verify_lambdaBody_findsTheCallInTheSyntheticMethod() {
    String source =
        """
        package fn;
        public class Lambda {
          public static Runnable load() {
            return () ->
                System.loadLibrary("two");
          }
        }
        """;

    List<Finding> findings =
        CodeVerifier.verify(compile("fn.Lambda", source), CodePolicy.defaults());

    assertThat(findings).hasSize(1);
    Finding finding = findings.getFirst();
    assertThat(finding.method()).startsWith("lambda$load$").endsWith("()V");
    assertThat(finding.line()).isEqualTo(lineOf(source, "System.loadLibrary(\"two\")"));
    assertThat(finding.target()).isEqualTo("java.lang.System.loadLibrary(java.lang.String)");
    assertThat(finding.check()).isEqualTo(Check.NATIVE_CODE);
  }

  @Test
  void verify_ldcOfMethodHandleConstant_isFound() {
    byte[] bytes = generate("gen.Ldc", code -> code.ldc(LOAD_LIBRARY).areturn());

    assertThat(CodeVerifier.verify(bytes, CodePolicy.defaults()))
        .containsExactly(loadLibraryFinding("gen.Ldc"));
  }

  @Test
  void verify_invokedynamicBootstrapArgument_isFound() {
    DirectMethodHandleDesc bootstrap =
        ConstantDescs.ofCallsiteBootstrap(ClassDesc.of("gen.Bsm"), "bsm", CD_CallSite, CD_Object);
    DynamicCallSiteDesc site =
        DynamicCallSiteDesc.of(bootstrap, "run", MethodTypeDesc.of(CD_Object), LOAD_LIBRARY);
    byte[] bytes = generate("gen.Indy", code -> code.invokedynamic(site).areturn());

    assertThat(CodeVerifier.verify(bytes, CodePolicy.defaults()))
        .containsExactly(loadLibraryFinding("gen.Indy"));
  }

  @Test
  void verify_invokedynamicBootstrapMethodItself_isFound() {
    DirectMethodHandleDesc bootstrap =
        MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC,
            ClassDesc.of("java.lang.invoke.MethodHandles"),
            "privateLookupIn",
            MethodTypeDesc.ofDescriptor(
                "(Ljava/lang/Class;Ljava/lang/invoke/MethodHandles$Lookup;)"
                    + "Ljava/lang/invoke/MethodHandles$Lookup;"));
    DynamicCallSiteDesc site =
        DynamicCallSiteDesc.of(bootstrap, "run", MethodTypeDesc.of(CD_Object));
    byte[] bytes = generate("gen.Boot", code -> code.invokedynamic(site).areturn());

    assertThat(CodeVerifier.verify(bytes, CodePolicy.defaults()))
        .extracting(Finding::check, Finding::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Check.PRIVATE_LOOKUP,
                "java.lang.invoke.MethodHandles.privateLookupIn(java.lang.Class,"
                    + " java.lang.invoke.MethodHandles$Lookup)"));
  }

  @Test
  void verify_dynamicConstantBootstrapArgument_isFound() {
    DynamicConstantDesc<Object> constant =
        DynamicConstantDesc.of(ConstantDescs.BSM_INVOKE, LOAD_LIBRARY, "x");
    byte[] bytes = generate("gen.Condy", code -> code.ldc(constant).areturn());

    assertThat(CodeVerifier.verify(bytes, CodePolicy.defaults()))
        .containsExactly(loadLibraryFinding("gen.Condy"));
  }

  @Test
  void verify_unsafeField_isFound() {
    ClassDesc unsafe = ClassDesc.of("sun.misc.Unsafe");
    byte[] bytes =
        generate("gen.Field", code -> code.getstatic(unsafe, "theUnsafe", unsafe).areturn());

    assertThat(CodeVerifier.verify(bytes, CodePolicy.defaults()))
        .extracting(Finding::target, Finding::check, Finding::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sun.misc.Unsafe.theUnsafe", Check.UNSAFE, -1));
  }

  private static Finding loadLibraryFinding(String className) {
    return new Finding(
        className,
        "run()Ljava/lang/Object;",
        -1,
        "java.lang.System.loadLibrary(java.lang.String)",
        Check.NATIVE_CODE,
        CodeVerifier.reason(Check.NATIVE_CODE));
  }

  /** Generates a class with one static method {@code run()Ljava/lang/Object;}, no line numbers. */
  private static byte[] generate(String name, Consumer<CodeBuilder> body) {
    return ClassFile.of()
        .build(
            ClassDesc.of(name),
            clb ->
                clb.withMethodBody(
                    "run",
                    MethodTypeDesc.of(CD_Object),
                    ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    body));
  }

  static byte[] compile(String className, String source) {
    Map<String, byte[]> classes = TestJars.builder().source(className, source).classes();
    return java.util.Objects.requireNonNull(classes.get(className.replace('.', '/') + ".class"));
  }

  /** Returns the 1-based line of the only line containing a marker. */
  static int lineOf(String source, String marker) {
    List<String> lines = source.lines().toList();
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        assertThat(found).as("marker %s is unique", marker).isEqualTo(-1);
        found = i + 1;
      }
    }
    assertThat(found).as("marker %s", marker).isPositive();
    return found;
  }
}
