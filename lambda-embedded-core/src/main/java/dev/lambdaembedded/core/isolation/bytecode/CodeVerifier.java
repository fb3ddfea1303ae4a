/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.bytecode;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.CodePolicy.Check;
import dev.lambdaembedded.api.config.CodePolicy.Finding;
import java.lang.classfile.BootstrapMethodEntry;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.FieldRefEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The load-time verifier of a {@link CodePolicy}: finds every use, in one class file, of a method,
 * field or class that an enforced {@link Check} forbids.
 *
 * <p>A use is a direct call or field access, a {@code MethodHandle} constant loaded with {@code
 * ldc}, an {@code invokedynamic} bootstrap method or static argument (which is how method
 * references and lambdas reach their targets), or any of these inside a dynamic constant's
 * bootstrap arguments. Stateless and thread-safe.
 */
public final class CodeVerifier {
  /*
   * Matching is by owner and name, not descriptor: every overload of a guarded method is guarded,
   * and the guarded owners are final classes, so a call cannot reach them through a subclass.
   * Reflection and JDK code calling on the function's behalf get past this; the policy is a guard
   * rail for buggy code, not a sandbox.
   */
  private static final Map<String, Check> METHODS =
      Map.ofEntries(
          Map.entry("java/lang/Runtime.exec", Check.PROCESS),
          Map.entry("java/lang/ProcessBuilder.start", Check.PROCESS),
          Map.entry("java/lang/ProcessBuilder.startPipeline", Check.PROCESS),
          Map.entry("java/lang/Runtime.addShutdownHook", Check.SHUTDOWN_HOOK),
          Map.entry("java/lang/System.load", Check.NATIVE_CODE),
          Map.entry("java/lang/System.loadLibrary", Check.NATIVE_CODE),
          Map.entry("java/lang/Runtime.load", Check.NATIVE_CODE),
          Map.entry("java/lang/Runtime.loadLibrary", Check.NATIVE_CODE),
          Map.entry("java/lang/System.setOut", Check.STANDARD_STREAMS),
          Map.entry("java/lang/System.setErr", Check.STANDARD_STREAMS),
          Map.entry("java/lang/System.setIn", Check.STANDARD_STREAMS),
          Map.entry("java/lang/System.setSecurityManager", Check.SECURITY_MANAGER),
          Map.entry("java/lang/invoke/MethodHandles.privateLookupIn", Check.PRIVATE_LOOKUP));

  private static final Set<String> UNSAFE_CLASSES =
      Set.of("sun/misc/Unsafe", "jdk/internal/misc/Unsafe");

  /** Dynamic constants may nest; a malformed class could make them cycle. */
  private static final int MAX_CONSTANT_DEPTH = 16;

  private CodeVerifier() {}

  /**
   * Returns every use of something the policy forbids in a class, in the order of the class's
   * methods and their code.
   *
   * @param classBytes a class file
   * @param policy the policy whose enforced checks apply
   * @return the findings, empty when the class is clean
   * @throws IllegalArgumentException if the bytes are not a well-formed class file
   */
  public static List<Finding> verify(byte[] classBytes, CodePolicy policy) {
    requireNonNull(classBytes, "classBytes");
    requireNonNull(policy, "policy");
    if (policy.allowed().size() == Check.values().length) {
      return List.of();
    }
    ClassModel model = ClassFile.of().parse(classBytes);
    String className = binaryName(model.thisClass().asInternalName());
    List<Finding> findings = new ArrayList<>();
    for (MethodModel method : model.methods()) {
      method
          .code()
          .ifPresent(code -> new MethodScan(className, method, policy, findings).scan(code));
    }
    return List.copyOf(findings);
  }

  /** Returns the check that forbids a member, if any. */
  static @Nullable Check checkFor(String ownerInternalName, String memberName) {
    if (UNSAFE_CLASSES.contains(ownerInternalName)) {
      return Check.UNSAFE;
    }
    return METHODS.get(ownerInternalName + "." + memberName);
  }

  /** Returns why a check forbids what it does, as a sentence fragment for a finding. */
  static String reason(Check check) {
    return switch (check) {
      case PROCESS -> "would start an operating-system process outside the function's limits";
      case SHUTDOWN_HOOK -> "would keep the function's class loader until the JVM exits";
      case NATIVE_CODE -> "would load native code into the host JVM";
      case STANDARD_STREAMS -> "would replace the host's standard streams";
      case SECURITY_MANAGER -> "fails on JDK 24 and later and signals an attempt to escape";
      case UNSAFE -> "gives raw access to the host's memory";
      case PRIVATE_LOOKUP -> "would reflect deeply into code the function does not own";
    };
  }

  private static String binaryName(String internalName) {
    return internalName.replace('/', '.');
  }

  /** Formats a type as Java source spells it: {@code java.lang.String[]}, {@code int}. */
  private static String typeName(ClassDesc type) {
    if (type.isArray()) {
      ClassDesc component = type.componentType();
      return typeName(requireNonNull(component, "component")) + "[]";
    }
    if (type.isPrimitive() || type.packageName().isEmpty()) {
      return type.displayName();
    }
    return type.packageName() + "." + type.displayName();
  }

  private static String methodTarget(String owner, String name, MethodTypeDesc type) {
    return binaryName(owner)
        + "."
        + name
        + type.parameterList().stream()
            .map(CodeVerifier::typeName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The walk over one method's code, which tracks the current source line. */
  private static final class MethodScan {
    private final String className;
    private final String method;
    private final CodePolicy policy;
    private final List<Finding> findings;
    private int line = -1;

    MethodScan(String className, MethodModel method, CodePolicy policy, List<Finding> findings) {
      this.className = className;
      this.method = method.methodName().stringValue() + method.methodType().stringValue();
      this.policy = policy;
      this.findings = findings;
    }

    void scan(CodeModel code) {
      for (CodeElement element : code) {
        switch (element) {
          case LineNumber number -> line = number.line();
          case InvokeInstruction invoke ->
              method(
                  invoke.owner().asInternalName(),
                  invoke.name().stringValue(),
                  invoke.typeSymbol());
          case FieldInstruction field ->
              field(field.owner().asInternalName(), field.name().stringValue());
          case InvokeDynamicInstruction indy -> bootstrap(indy.invokedynamic().bootstrap(), 0);
          case ConstantInstruction.LoadConstantInstruction load ->
              constant(load.constantEntry(), 0);
          default -> {}
        }
      }
    }

    private void method(String owner, String name, MethodTypeDesc type) {
      Check check = checkFor(owner, name);
      if (check != null) {
        report(check, methodTarget(owner, name, type));
      }
    }

    private void field(String owner, String name) {
      Check check = checkFor(owner, name);
      if (check != null) {
        report(check, binaryName(owner) + "." + name);
      }
    }

    private void constant(PoolEntry entry, int depth) {
      switch (entry) {
        case MethodHandleEntry handle -> member(handle.reference());
        case ClassEntry type -> {
          if (UNSAFE_CLASSES.contains(type.asInternalName())) {
            report(Check.UNSAFE, binaryName(type.asInternalName()));
          }
        }
        case ConstantDynamicEntry dynamic -> {
          if (depth < MAX_CONSTANT_DEPTH) {
            bootstrap(dynamic.bootstrap(), depth + 1);
          }
        }
        default -> {}
      }
    }

    private void bootstrap(BootstrapMethodEntry bootstrap, int depth) {
      constant(bootstrap.bootstrapMethod(), depth);
      bootstrap.arguments().forEach(argument -> constant(argument, depth));
    }

    private void member(MemberRefEntry reference) {
      String owner = reference.owner().asInternalName();
      String name = reference.name().stringValue();
      if (reference instanceof FieldRefEntry) {
        field(owner, name);
      } else {
        method(owner, name, MethodTypeDesc.ofDescriptor(reference.type().stringValue()));
      }
    }

    private void report(Check check, String target) {
      if (policy.enforces(check)) {
        findings.add(new Finding(className, method, line, target, check, reason(check)));
      }
    }
  }
}
