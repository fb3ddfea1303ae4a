/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import static java.util.Objects.requireNonNull;

import com.google.common.reflect.TypeToken;
import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.Lifecycle;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.StreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a function's handler for one execution environment, with the rules of Lambda's Java
 * runtime.
 *
 * <p>A handler string is {@code package.Class::method} or {@code package.Class}. It is split at the
 * last {@code ::}; the class is loaded and initialised in the function's class loader. Without a
 * method, the class must implement {@link StreamHandler} or {@link RequestHandler} (with a concrete
 * event type). With one, the public methods of that name are sorted non-bridge first, then longest
 * parameter list first (a trailing {@link Context} counting one extra), and the first whose
 * parameters fit one of these shapes wins: {@code (InputStream, OutputStream, Context)}, {@code
 * (InputStream, OutputStream)}, {@code (OutputStream, Context)}, {@code (InputStream, Context)},
 * {@code (InputStream)}, {@code (OutputStream)}, {@code (Context)}, {@code (T, Context)}, {@code
 * (T)}, {@code ()}. An instance method gets one instance per environment from the public
 * no-argument constructor.
 *
 * <p>As on Lambda, a missing class, a bad handler string or no fitting method is a fault that fails
 * every invocation with the same error (no stack trace), while a class whose initialisation or
 * constructor throws fails the init phase, which the next invocation retries: a static initialiser
 * with {@code Error loading class X} ({@code ExceptionInInitializerError}, its cause the
 * initialiser's exception), a constructor with its own exception.
 */
public final class HandlerResolver {
  private static final byte[] NULL_RESPONSE = {'n', 'u', 'l', 'l'};
  private static final TypeVariable<?> REQUEST_INPUT = RequestHandler.class.getTypeParameters()[0];

  private HandlerResolver() {}

  /**
   * Resolves the handler of a function version for a new execution environment.
   *
   * @param code the function's code
   * @param handlerString the configuration's handler string
   * @param loader the environment's class loader, for deployed code
   * @return the handler, possibly a {@link Handler.Fault}
   * @throws InitFailure if building the handler threw
   */
  public static Handler resolve(
      FunctionCode code, Optional<String> handlerString, @Nullable ClassLoader loader)
      throws InitFailure {
    return switch (code) {
      case FunctionCode.Inline inline -> inline(inline);
      case FunctionCode.Classpath classpath ->
          byName(
              handlerString.orElseThrow(() -> new IllegalStateException("no handler string")),
              classpath.classLoader());
      case FunctionCode.Isolated isolated ->
          byName(
              handlerString.orElseThrow(() -> new IllegalStateException("no handler string")),
              requireNonNull(loader, "deployed code needs its environment's class loader"));
    };
  }

  private static Handler inline(FunctionCode.Inline inline) throws InitFailure {
    Object built;
    try {
      built = HandlerCall.build(inline.factory());
    } catch (Throwable e) {
      throw initError("Error building the handler", e);
    }
    return switch (inline.kind()) {
      case STREAM -> {
        if (!(built instanceof StreamHandler stream)) {
          throw notAHandler(built, StreamHandler.class);
        }
        yield new Handler.Stream(stream, lifecycleOf(stream));
      }
      case REQUEST -> {
        if (!(built instanceof RequestHandler<?, ?> request)) {
          throw notAHandler(built, RequestHandler.class);
        }
        Type inputType = inline.inputType().orElseGet(() -> requestInputType(request.getClass()));
        yield new Handler.Request(
            erase(request),
            inputType instanceof TypeVariable<?> ? Object.class : inputType,
            lifecycleOf(request));
      }
    };
  }

  private static InitFailure notAHandler(@Nullable Object built, Class<?> expected) {
    String message =
        "The handler factory returned "
            + (built == null ? "null" : built.getClass().getName())
            + ", not a "
            + expected.getName();
    return new InitFailure(new FunctionError(FunctionError.BAD_FUNCTION_CODE, message, List.of()));
  }

  private static Handler byName(String handlerString, ClassLoader loader) throws InitFailure {
    int split = handlerString.lastIndexOf("::");
    String className = split < 0 ? handlerString : handlerString.substring(0, split);
    String methodName = split < 0 ? null : handlerString.substring(split + 2);
    if (className.isEmpty() || (methodName != null && methodName.isEmpty())) {
      return fault(FunctionError.BAD_FUNCTION_CODE, "Invalid handler: `" + handlerString + "'");
    }
    Class<?> type;
    try {
      type = HandlerCall.load(className, loader);
    } catch (ClassNotFoundException e) {
      return fault(e.getClass().getName(), "Class not found: " + className);
    } catch (NoClassDefFoundError e) {
      // A class whose static initialiser failed stays broken in its loader; the JVM then throws
      // NoClassDefFoundError caused by the first failure. Report that first failure every time,
      // as Lambda does (its runtime exits, and the initialiser runs again in a new JVM).
      Throwable first =
          e.getCause() instanceof ExceptionInInitializerError initError ? initError : e;
      throw initError("Error loading class " + className, first);
    } catch (Throwable e) {
      throw initError("Error loading class " + className, e);
    }
    return methodName == null ? byClass(type) : byMethod(type, methodName);
  }

  private static Handler byClass(Class<?> type) throws InitFailure {
    if (StreamHandler.class.isAssignableFrom(type)) {
      StreamHandler handler = (StreamHandler) instantiate(type);
      return new Handler.Stream(handler, lifecycleOf(handler));
    }
    if (RequestHandler.class.isAssignableFrom(type)) {
      Type inputType = requestInputType(type);
      if (inputType instanceof TypeVariable<?>) {
        return fault(
            FunctionError.BAD_FUNCTION_CODE,
            "Class "
                + type.getName()
                + " does not implement RequestHandler with concrete type parameters");
      }
      RequestHandler<?, ?> handler = (RequestHandler<?, ?>) instantiate(type);
      return new Handler.Request(erase(handler), inputType, lifecycleOf(handler));
    }
    return fault(
        FunctionError.BAD_FUNCTION_CODE,
        "Class "
            + type.getName()
            + " does not implement an appropriate handler interface: "
            + RequestHandler.class.getName()
            + " or "
            + StreamHandler.class.getName());
  }

  private static Handler byMethod(Class<?> type, String methodName) throws InitFailure {
    List<Method> candidates =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(methodName))
            .sorted(
                Comparator.comparing(Method::isBridge)
                    .thenComparing(Comparator.comparingInt(HandlerResolver::weight).reversed()))
            .toList();
    for (Method method : candidates) {
      Shape shape = Shape.of(method.getParameterTypes());
      if (shape == null) {
        continue;
      }
      Object target = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
      MethodHandle handle = spread(method, target);
      Lifecycle lifecycle = lifecycleOf(target);
      if (shape.stream) {
        return new Handler.Stream(
            (in, out, ctx) -> {
              HandlerCall.method(handle, shape.streamArguments(in, out, ctx));
              if (!shape.writesOutput()) {
                out.write(NULL_RESPONSE); // Lambda writes null for a method without an output
              }
            },
            lifecycle);
      }
      Type inputType =
          shape == Shape.POJO_CONTEXT || shape == Shape.POJO
              ? method.getGenericParameterTypes()[0]
              : Object.class;
      return new Handler.Request(
          (input, ctx) -> HandlerCall.method(handle, shape.pojoArguments(input, ctx)),
          inputType,
          lifecycle);
    }
    return fault(
        FunctionError.BAD_FUNCTION_CODE,
        "No public method named "
            + methodName
            + " with appropriate method signature found on class "
            + type.getName());
  }

  /** Parameter count, a trailing Context counting one more, as Lambda's runtime sorts. */
  private static int weight(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    int weight = parameters.length;
    if (parameters.length > 0 && parameters[parameters.length - 1] == Context.class) {
      weight++;
    }
    return weight;
  }

  private static Object instantiate(Class<?> type) throws InitFailure {
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw initError(
          "Class "
              + type.getName()
              + " cannot be instantiated because it is a non-static inner class",
          new InstantiationException(type.getName()));
    }
    try {
      return HandlerCall.construct(type);
    } catch (NoSuchMethodException e) {
      throw initError("Class " + type.getName() + " has no public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      // as Lambda's EventHandlerLoader.newInstance: makeUserFault(cause), the constructor's own
      // exception under its own message, a fatal (init) fault
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InitFailure(StackTraces.toFunctionError(cause), cause);
    } catch (Throwable e) {
      throw initError("Error loading class " + type.getName(), e);
    }
  }

  /** A handle taking the arguments as an array and returning an object (null for void). */
  private static MethodHandle spread(Method method, @Nullable Object target) throws InitFailure {
    MethodHandle handle;
    try {
      method.trySetAccessible();
      handle = MethodHandles.lookup().unreflect(method);
    } catch (IllegalAccessException | SecurityException e) {
      throw initError("Handler method " + method + " is not accessible", e);
    }
    if (target != null) {
      handle = handle.bindTo(target);
    }
    int arity = method.getParameterCount();
    return handle
        .asSpreader(Object[].class, arity)
        .asType(MethodType.methodType(Object.class, Object[].class));
  }

  /**
   * The event type of a RequestHandler implementation, or a type variable if not concrete; cached
   * per class (weakly, so a function's classes can still be unloaded), since every cold start of
   * the same handler class asks again.
   */
  static Type requestInputType(Class<?> type) {
    return INPUT_TYPES.get(type);
  }

  private static final ClassValue<Type> INPUT_TYPES =
      new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Type computeValue(Class<?> type) {
          TypeToken token = TypeToken.of(type);
          Type supertype = token.getSupertype(RequestHandler.class).getType();
          if (supertype instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
          }
          return REQUEST_INPUT;
        }
      };

  @SuppressWarnings("unchecked")
  private static RequestHandler<@Nullable Object, @Nullable Object> erase(
      RequestHandler<?, ?> handler) {
    return (RequestHandler<@Nullable Object, @Nullable Object>) handler;
  }

  private static @Nullable Lifecycle lifecycleOf(@Nullable Object handler) {
    return handler instanceof Lifecycle lifecycle ? lifecycle : null;
  }

  private static Handler fault(String errorType, String message) {
    return new Handler.Fault(new FunctionError(errorType, message, List.of()));
  }

  /**
   * An init fault under a message of the runtime's, as Lambda's {@code
   * UserFault.makeInitErrorUserFault}: {@code "<what>: <getMessage()>"} (just {@code what} without
   * a message), the thrown type, and the thrown cause chain kept.
   */
  private static InitFailure initError(String what, Throwable thrown) {
    String detail = thrown.getMessage();
    String message = detail == null ? what : what + ": " + detail;
    return new InitFailure(StackTraces.toFunctionError(thrown, message), thrown);
  }

  /** The parameter shapes Lambda accepts, in the order it tries them. */
  private enum Shape {
    IN_OUT_CONTEXT(true),
    IN_OUT(true),
    OUT_CONTEXT(true),
    IN_CONTEXT(true),
    IN(true),
    OUT(true),
    CONTEXT(false),
    POJO_CONTEXT(false),
    POJO(false),
    NONE(false);

    final boolean stream;

    Shape(boolean stream) {
      this.stream = stream;
    }

    static @Nullable Shape of(Class<?>[] p) {
      return switch (p.length) {
        case 0 -> NONE;
        case 1 -> {
          if (p[0] == InputStream.class) {
            yield IN;
          }
          if (p[0] == OutputStream.class) {
            yield OUT;
          }
          if (p[0] == Context.class) {
            yield CONTEXT;
          }
          yield POJO;
        }
        case 2 -> {
          if (p[0] == InputStream.class && p[1] == OutputStream.class) {
            yield IN_OUT;
          }
          if (p[0] == OutputStream.class && p[1] == Context.class) {
            yield OUT_CONTEXT;
          }
          if (p[0] == InputStream.class && p[1] == Context.class) {
            yield IN_CONTEXT;
          }
          if (p[1] == Context.class && almostAnything(p[0])) {
            yield POJO_CONTEXT;
          }
          yield null;
        }
        case 3 ->
            p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class
                ? IN_OUT_CONTEXT
                : null;
        default -> null;
      };
    }

    private static boolean almostAnything(Class<?> type) {
      return type != InputStream.class && type != OutputStream.class && type != Context.class;
    }

    boolean writesOutput() {
      return this == IN_OUT_CONTEXT || this == IN_OUT || this == OUT_CONTEXT || this == OUT;
    }

    @Nullable Object[] streamArguments(InputStream in, OutputStream out, Context context) {
      return switch (this) {
        case IN_OUT_CONTEXT -> new Object[] {in, out, context};
        case IN_OUT -> new Object[] {in, out};
        case OUT_CONTEXT -> new Object[] {out, context};
        case IN_CONTEXT -> new Object[] {in, context};
        case IN -> new Object[] {in};
        case OUT -> new Object[] {out};
        default -> throw new AssertionError(this);
      };
    }

    @Nullable Object[] pojoArguments(@Nullable Object input, Context context) {
      return switch (this) {
        case CONTEXT -> new Object[] {context};
        case POJO_CONTEXT -> new @Nullable Object[] {input, context};
        case POJO -> new @Nullable Object[] {input};
        case NONE -> new Object[0];
        default -> throw new AssertionError(this);
      };
    }
  }
}
