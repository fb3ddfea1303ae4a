/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class InvocationRequestTest {

  @Test
  void of_qualifierAndPayload_asksForJsonWithoutLogTail() {
    Payload payload = Payload.json("{}");

    InvocationRequest request = InvocationRequest.of("fn:live", payload);

    assertThat(request.qualifier()).isEqualTo("fn:live");
    assertThat(request.payload()).isSameAs(payload);
    // Lambda Invoke: LogType defaults to None
    assertThat(request.logType()).isEqualTo(LogType.NONE);
    assertThat(request.responseType()).isEmpty();
  }

  @Test
  void of_withResponseType_asksForThatType() {
    InvocationRequest request = InvocationRequest.of("fn", Payload.of("x"), String.class);

    assertThat(request.logType()).isEqualTo(LogType.NONE);
    assertThat(request.responseType()).hasValue(String.class);
  }

  @Test
  void builder_nothingSet_hasEmptyPayloadNoLogTailAndJsonResponse() {
    InvocationRequest request = InvocationRequest.builder("fn").build();

    assertThat(request.qualifier()).isEqualTo("fn");
    assertThat(request.payload()).isEqualTo(Payload.empty());
    assertThat(request.logType()).isEqualTo(LogType.NONE);
    assertThat(request.responseType()).isEmpty();
  }

  @Test
  void builder_everythingSet_buildsIt() {
    InvocationRequest request =
        InvocationRequest.builder("fn")
            .payloadJson("{\"a\":1}")
            .logType(LogType.TAIL)
            .responseType(Map.class)
            .build();

    assertThat(request)
        .isEqualTo(
            new InvocationRequest(
                "fn", Payload.json("{\"a\":1}"), LogType.TAIL, Optional.<Type>of(Map.class)));
  }

  @Test
  void builder_payloadAfterPayloadJson_lastOneWins() {
    Payload value = Payload.of(42);

    InvocationRequest request =
        InvocationRequest.builder("fn").payloadJson("{}").payload(value).build();

    assertThat(request.payload()).isSameAs(value);
  }

  @Test
  void builder_reusedAfterBuild_earlierRequestUnchanged() {
    InvocationRequest.Builder builder = InvocationRequest.builder("fn").payloadJson("1");
    InvocationRequest first = builder.build();

    InvocationRequest second = builder.logType(LogType.TAIL).payloadJson("2").build();

    assertThat(first.logType()).isEqualTo(LogType.NONE);
    assertThat(first.payload()).isEqualTo(Payload.json("1"));
    assertThat(second.logType()).isEqualTo(LogType.TAIL);
    assertThat(second.payload()).isEqualTo(Payload.json("2"));
  }

  @Test
  void publicFactoriesConstructorAndBuilder_nullArguments_throwNpe() {
    // Payload is sealed, so the tester cannot make a proxy of it
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(Payload.class, Payload.empty())
            .setDefault(Type.class, String.class);

    tester.testAllPublicStaticMethods(InvocationRequest.class);
    tester.testAllPublicConstructors(InvocationRequest.class);
    tester.testAllPublicInstanceMethods(InvocationRequest.builder("fn"));
  }
}
