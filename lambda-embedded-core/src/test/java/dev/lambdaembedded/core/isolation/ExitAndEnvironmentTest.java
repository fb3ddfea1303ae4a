/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static dev.lambdaembedded.core.testing.RuntimeFixture.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} in function code get Lambda's
 * semantics: the execution environment ends (the runtime process exiting on Lambda), the invocation
 * fails with {@code Runtime.ExitError} ("Runtime exited with error: exit status N"), the next
 * invocation cold-starts, and the host lives on. And {@code System::getenv} as a method reference
 * or a {@code MethodHandle} constant reads the function's variables, as direct calls do (the AWS
 * SDK v2 reads {@code AWS_REGION} through a method reference).
 */
final class ExitAndEnvironmentTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final String EXITS =
      """
      package fn;
      import java.util.function.IntConsumer;
      public class Exits {
        public String direct(String in) {
          if (in.equals("exit")) {
            System.exit(3);
          }
          return "alive";
        }

        public String runtimeExit(String in) {
          Runtime.getRuntime().exit(4);
          return "unreachable";
        }

        public String halt(String in) {
          Runtime.getRuntime().halt(5);
          return "unreachable";
        }

        public String methodReference(String in) {
          IntConsumer exit = System::exit;
          exit.accept(6);
          return "unreachable";
        }

        public String boundReference(String in) {
          IntConsumer halt = Runtime.getRuntime()::halt;
          halt.accept(7);
          return "unreachable";
        }

        public String catchesAndGoesOn(String in) {
          for (int i = 0; i < 3; i++) {
            try {
              System.exit(8);
            } catch (Throwable e) {
              // carries on as if nothing happened
            }
          }
          return "pretends all is well";
        }

        public String fromAnotherThread(String in) throws Exception {
          Thread exiter = new Thread(() -> System.exit(9));
          exiter.start();
          exiter.join();
          while (true) {
            Thread.sleep(60_000); // the invocation waits; the environment ended under it
          }
        }
      }
      """;

  private static final String INIT_EXIT =
      """
      package fn;
      public class InitExit implements dev.lambdaembedded.api.handler.RequestHandler<Object, String> {
        static {
          if (Boolean.getBoolean("never")) {
            throw new IllegalStateException();
          }
          System.exit(11);
        }

        public String handleRequest(Object in, dev.lambdaembedded.api.handler.Context c) {
          return "unreachable";
        }
      }
      """;

  private static final String ENV =
      """
      package fn;
      import java.util.Map;
      import java.util.function.Function;
      import java.util.function.Supplier;
      public class Env {
        public String reference(String name) {
          Function<String, String> getenv = System::getenv;
          Supplier<Map<String, String>> all = System::getenv;
          return getenv.apply(name) + "|" + all.get().get(name);
        }
      }
      """;

  private static final byte[] JAR =
      TestJars.builder()
          .source("fn.Exits", EXITS)
          .source("fn.InitExit", INIT_EXIT)
          .source("fn.Env", ENV)
          .toBytes();

  private FunctionRuntime runtimeWith(String name, String handler, ExecutionMode mode) {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder(name).handler(handler).executionMode(mode).build(),
            FunctionCode.deployed(JAR));
    return runtime;
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void systemExit_endsTheEnvironment_withRuntimeExitError_andTheNextInvocationColdStarts(
      ExecutionMode mode) {
    FunctionRuntime runtime = runtimeWith("exits", "fn.Exits::direct", mode);

    assertThat(json(runtime.invoke("exits", Payload.json("\"hello\"")))).isEqualTo("\"alive\"");
    InvocationResult exited = runtime.invoke("exits", Payload.json("\"exit\""));
    FunctionError error = error(exited);
    assertThat(error.errorType()).isEqualTo("Runtime.ExitError");
    assertThat(error.errorMessage())
        .isEqualTo(
            "RequestId: " + requestId(2) + " Error: Runtime exited with error: exit status 3");
    assertThat(fixture.logs().linesOf(requestId(2)))
        .anyMatch(line -> line.endsWith("Error: Runtime exited with error: exit status 3"))
        .anyMatch(line -> line.contains("Status: error") && line.contains("Runtime.ExitError"));

    InvocationResult next = runtime.invoke("exits", Payload.json("\"again\""));
    assertThat(json(next)).isEqualTo("\"alive\"");
    assertThat(next.report().coldStart()).as("a new environment").isTrue();
    assertThat(runtime.inspect().metrics("exits").orElseThrow().coldStarts()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "runtimeExit:4",
        "halt:5",
        "methodReference:6",
        "boundReference:7",
        "catchesAndGoesOn:8",
        "fromAnotherThread:9"
      })
  void everyWayToExit_failsTheInvocationWithItsStatus(String handlerAndStatus) {
    String handler = handlerAndStatus.substring(0, handlerAndStatus.indexOf(':'));
    String status = handlerAndStatus.substring(handlerAndStatus.indexOf(':') + 1);
    FunctionRuntime runtime =
        runtimeWith("exits", "fn.Exits::" + handler, ExecutionMode.CALLER_THREAD);

    FunctionError error = error(runtime.invoke("exits", Payload.json("\"x\"")));

    assertThat(error.errorType()).isEqualTo(FunctionError.EXIT_ERROR);
    assertThat(error.errorMessage()).endsWith("Runtime exited with error: exit status " + status);
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void exitInAStaticInitialiser_failsTheInitPhase_everyTime(ExecutionMode mode) {
    FunctionRuntime runtime = runtimeWith("init", "fn.InitExit::handleRequest", mode);

    for (int i = 1; i <= 2; i++) {
      FunctionError error = error(runtime.invoke("init", Payload.json("{}")));
      assertThat(error.errorType()).isEqualTo(FunctionError.EXIT_ERROR);
      assertThat(error.errorMessage())
          .isEqualTo(
              "RequestId: " + requestId(i) + " Error: Runtime exited with error: exit status 11");
    }
    assertThat(fixture.logs().lines("init"))
        .anyMatch(line -> line.startsWith("INIT_REPORT") && line.contains("Status: error"));
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void getenvMethodReference_readsTheFunctionsVariables(ExecutionMode mode) {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("env")
                .handler("fn.Env::reference")
                .environmentVariable("GREETING", "ahoy")
                .executionMode(mode)
                .build(),
            FunctionCode.deployed(JAR));

    assertThat(json(runtime.invoke("env", Payload.json("\"GREETING\""))))
        .isEqualTo("\"ahoy|ahoy\"");
    assertThat(json(runtime.invoke("env", Payload.json("\"AWS_REGION\""))))
        .isEqualTo("\"us-east-1|us-east-1\"");
  }

  /** A MethodHandle constant (ldc) naming System.getenv, as no javac emits but bytecode can. */
  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void getenvMethodHandleConstant_readsTheFunctionsVariables(ExecutionMode mode) {
    ClassDesc self = ClassDesc.of("gen.Handle");
    MethodTypeDesc getenvType = MethodTypeDesc.of(ConstantDescs.CD_String, ConstantDescs.CD_String);
    DirectMethodHandleDesc getenv =
        MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC,
            ClassDesc.of("java.lang.System"),
            "getenv",
            getenvType);
    byte[] generated =
        ClassFile.of()
            .build(
                self,
                clb ->
                    clb.withFlags(AccessFlag.PUBLIC)
                        .withMethodBody(
                            ConstantDescs.INIT_NAME,
                            ConstantDescs.MTD_void,
                            ClassFile.ACC_PUBLIC,
                            code ->
                                code.aload(0)
                                    .invokespecial(
                                        ConstantDescs.CD_Object,
                                        ConstantDescs.INIT_NAME,
                                        ConstantDescs.MTD_void)
                                    .return_())
                        .withMethodBody(
                            "read",
                            getenvType,
                            ClassFile.ACC_PUBLIC,
                            code ->
                                code.ldc(getenv)
                                    .aload(1)
                                    .invokevirtual(
                                        ConstantDescs.CD_MethodHandle, "invokeExact", getenvType)
                                    .areturn()));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("gen/Handle.class", generated);
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("handle")
                .handler("gen.Handle::read")
                .environmentVariable("GREETING", "ahoy")
                .executionMode(mode)
                .build(),
            FunctionCode.deployed(TestJars.zip(entries)));

    assertThat(json(runtime.invoke("handle", Payload.json("\"GREETING\"")))).isEqualTo("\"ahoy\"");
  }
}
