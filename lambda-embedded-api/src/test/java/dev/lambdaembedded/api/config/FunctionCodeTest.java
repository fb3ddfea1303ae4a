/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.api.handler.StreamHandler;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class FunctionCodeTest {

  private static final RequestHandler<String, String> UPPER =
      (in, context) -> in.toUpperCase(Locale.ROOT);
  private static final StreamHandler COPY =
      (in, out, context) -> {
        in.transferTo(out);
      };

  @Test
  void handler_object_isSharedRequestHandlerWithoutInputType() {
    FunctionCode code = FunctionCode.handler(UPPER);

    assertThat(code)
        .isInstanceOfSatisfying(
            FunctionCode.Inline.class,
            inline -> {
              assertThat(inline.kind()).isEqualTo(FunctionCode.Inline.Kind.REQUEST);
              assertThat(inline.factory().get()).isSameAs(UPPER);
              assertThat(inline.factory().get()).isSameAs(UPPER);
              assertThat(inline.inputType()).isEmpty();
            });
  }

  @Test
  void handler_withInputType_carriesTheType() {
    FunctionCode code = FunctionCode.handler(String.class, UPPER);

    assertThat(code)
        .isInstanceOfSatisfying(
            FunctionCode.Inline.class,
            inline -> {
              assertThat(inline.kind()).isEqualTo(FunctionCode.Inline.Kind.REQUEST);
              assertThat(inline.factory().get()).isSameAs(UPPER);
              assertThat(inline.inputType()).hasValue(String.class);
            });
  }

  @Test
  void streamHandler_object_isSharedStreamHandler() {
    FunctionCode code = FunctionCode.streamHandler(COPY);

    assertThat(code)
        .isInstanceOfSatisfying(
            FunctionCode.Inline.class,
            inline -> {
              assertThat(inline.kind()).isEqualTo(FunctionCode.Inline.Kind.STREAM);
              assertThat(inline.factory().get()).isSameAs(COPY);
              assertThat(inline.inputType()).isEmpty();
            });
  }

  @Test
  void handlerFactories_keepTheFactoryForOneHandlerPerEnvironment() {
    Supplier<RequestHandler<String, String>> requests = () -> (in, context) -> in;
    Supplier<StreamHandler> streams = () -> COPY;

    assertThat(FunctionCode.handlerFactory(requests))
        .isEqualTo(
            new FunctionCode.Inline(FunctionCode.Inline.Kind.REQUEST, requests, Optional.empty()));
    assertThat(FunctionCode.handlerFactory(String.class, requests))
        .isEqualTo(
            new FunctionCode.Inline(
                FunctionCode.Inline.Kind.REQUEST, requests, Optional.of(String.class)));
    assertThat(FunctionCode.streamHandlerFactory(streams))
        .isEqualTo(
            new FunctionCode.Inline(FunctionCode.Inline.Kind.STREAM, streams, Optional.empty()));
  }

  @Test
  void classLoader_given_isUsed() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
      assertThat(FunctionCode.classLoader(loader)).isEqualTo(new FunctionCode.Classpath(loader));
    }
  }

  @Test
  void classpath_contextClassLoaderSet_usesIt() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
      thread.setContextClassLoader(loader);

      assertThat(FunctionCode.classpath()).isEqualTo(new FunctionCode.Classpath(loader));
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  @Test
  void classpath_noContextClassLoader_usesTheApisClassLoader() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try {
      thread.setContextClassLoader(null);

      assertThat(FunctionCode.classpath())
          .isEqualTo(new FunctionCode.Classpath(FunctionCode.class.getClassLoader()));
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  @Test
  void publicFactoriesAndConstructors_nullArguments_throwNpe() {
    // ClassLoader is abstract, so the tester needs an instance
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(ClassLoader.class, FunctionCodeTest.class.getClassLoader());

    tester.testAllPublicStaticMethods(FunctionCode.class);
    tester.testAllPublicConstructors(FunctionCode.Inline.class);
    tester.testAllPublicConstructors(FunctionCode.Classpath.class);
  }
}
