/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.invocations;
import static dev.lambdaembedded.core.testing.Results.json;
import static dev.lambdaembedded.core.testing.Results.payload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvalidRequestContentException;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.RequestTooLargeException;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.StreamHandler;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream handlers ({@code RequestStreamHandler} on Lambda): the payload's bytes in, whatever the
 * handler writes out, and Lambda's response size limit ({@code Function.ResponseSizeTooLarge},
 * reference sheet 3.2) for stream and JSON responses alike.
 */
final class StreamHandlerTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static FunctionRuntime withStream(FunctionRuntime runtime, StreamHandler handler) {
    runtime.registry().create(FunctionConfig.of("stream"), FunctionCode.streamHandler(handler));
    return runtime;
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    Arrays.fill(bytes, (byte) 'x');
    return bytes;
  }

  /**
   * The handler reads the payload exactly as sent, not re-serialised, and its bytes are the
   * response: bytes, as they are not JSON.
   */
  @Test
  void invoke_streamHandler_passesBytesThroughUnchanged() {
    AtomicReference<@Nullable String> seen = new AtomicReference<>();
    FunctionRuntime runtime =
        withStream(
            fixture.runtime(),
            (in, out, context) -> {
              seen.set(new String(in.readAllBytes(), UTF_8));
              out.write("not json, just bytes \u00e9".getBytes(UTF_8));
            });

    String payload = "{ \"b\" : [ 1 , 2 ] ,\n \"a\" : \"\\u00e9\" }";
    InvocationResult result = runtime.invoke("stream", Payload.json(payload));

    assertThat(seen.get()).isEqualTo(payload);
    assertThat(payload(result))
        .isEqualTo(Payload.bytes("not json, just bytes \u00e9".getBytes(UTF_8)));
  }

  /**
   * A bytes payload need not be JSON: a stream handler reads any bytes unchanged (Lambda's Invoke
   * body is a blob), and its output that is not JSON comes back as bytes, byte for byte.
   */
  @Test
  void invoke_bytesPayloadNotJson_streamHandlerReadsAndAnswersRawBytes() {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, '\n'};
    AtomicReference<byte @Nullable []> seen = new AtomicReference<>();
    FunctionRuntime runtime =
        withStream(
            fixture.runtime(),
            (in, out, context) -> {
              byte[] read = in.readAllBytes();
              seen.set(read);
              for (int i = read.length - 1; i >= 0; i--) {
                out.write(read[i]);
              }
            });

    InvocationResult result = runtime.invoke("stream", Payload.bytes(binary));

    assertThat(seen.get()).isEqualTo(binary);
    Payload response = payload(result);
    assertThat(response).isInstanceOf(Payload.Bytes.class);
    assertThat(((Payload.Bytes) response).bytes())
        .containsExactly('\n', (byte) 0xff, 0, 'G', 'N', 'P', (byte) 0x89);
  }

  /** Text in, text out: the usual raw-bytes exchange, read back without a cast. */
  @Test
  void invoke_bytesPayloadText_responseReadsAsString() {
    FunctionRuntime runtime =
        withStream(
            fixture.runtime(),
            (in, out, context) ->
                out.write(
                    new String(in.readAllBytes(), UTF_8).toUpperCase(Locale.ROOT).getBytes(UTF_8)));

    InvocationResult result =
        runtime.invoke("stream", Payload.bytes("hello, w\u00f6rld".getBytes(UTF_8)));

    assertThat(payload(result).asString()).isEqualTo("HELLO, W\u00d6RLD");
  }

  /** A stream handler's output that is JSON (or nothing) is a JSON response, whatever came in. */
  @Test
  void invoke_streamOutputIsJson_responseIsJson() {
    FunctionRuntime runtime =
        withStream(
            fixture.runtime(),
            (in, out, context) -> {
              if (in.readAllBytes().length > 0) {
                out.write("{\"ok\": true}".getBytes(UTF_8));
              }
            });

    assertThat(payload(runtime.invoke("stream", Payload.bytes("plain".getBytes(UTF_8)))))
        .isEqualTo(Payload.json("{\"ok\": true}"));
    assertThat(payload(runtime.invoke("stream", Payload.bytes(new byte[0]))))
        .isEqualTo(Payload.empty());
  }

  /**
   * A request handler reads its event as JSON, so a bytes payload that is JSON is its event and one
   * that is not is refused with Lambda's InvalidRequestContentException, the handler unrun.
   */
  @Test
  void invoke_bytesPayloadToRequestHandler_jsonIsTheEventAndNonJsonIsRefused() {
    AtomicBoolean called = new AtomicBoolean();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("typed"),
            FunctionCode.handler(
                Integer.class,
                (Integer n, Context context) -> {
                  called.set(true);
                  return n + 1;
                }));

    assertThat(json(runtime.invoke("typed", Payload.bytes("41".getBytes(UTF_8))))).isEqualTo("42");
    called.set(false);

    assertThatThrownBy(() -> runtime.invoke("typed", Payload.bytes("forty-one".getBytes(UTF_8))))
        .isInstanceOf(InvalidRequestContentException.class)
        .hasMessageStartingWith("Could not parse request body into json: ");
    assertThat(called).isFalse();
    assertThat(invocations(runtime, "typed")).isEqualTo(1);
  }

  /** The synchronous request limit counts a bytes payload's bytes too. */
  @Test
  void invoke_bytesPayloadOverRequestLimit_isRefusedAsTooLarge() {
    FunctionRuntime runtime =
        withStream(fixture.runtime(b -> b.requestPayloadLimit(10)), (in, out, context) -> {});

    assertThat(payload(runtime.invoke("stream", Payload.bytes(bytes(10)))))
        .isEqualTo(Payload.empty());
    assertThatThrownBy(() -> runtime.invoke("stream", Payload.bytes(bytes(11))))
        .isInstanceOf(RequestTooLargeException.class);
  }

  /** An empty payload is zero bytes for a stream handler; writing nothing answers nothing. */
  @Test
  void invoke_emptyPayload_streamHandlerReadsNoBytes() {
    AtomicReference<byte @Nullable []> seen = new AtomicReference<>();
    FunctionRuntime runtime =
        withStream(fixture.runtime(), (in, out, context) -> seen.set(in.readAllBytes()));

    InvocationResult result = runtime.invoke("stream", Payload.empty());

    assertThat(seen.get()).isEmpty();
    assertThat(json(result)).isEmpty();
  }

  /**
   * Lambda's API refuses a JSON payload that is not JSON before any handler runs, stream or not;
   * {@link Payload#bytes} is the payload that makes no such claim.
   */
  @Test
  void invoke_nonJsonPayload_isRefusedBeforeTheHandler() {
    AtomicBoolean called = new AtomicBoolean();
    FunctionRuntime runtime = withStream(fixture.runtime(), (in, out, context) -> called.set(true));

    assertThatThrownBy(() -> runtime.invoke("stream", Payload.json("hello there")))
        .isInstanceOf(InvalidRequestContentException.class)
        .hasMessageStartingWith("Could not parse request body into json: ");

    assertThat(called).isFalse();
    assertThat(fixture.logs().lines("stream")).noneMatch(line -> line.startsWith("START"));
    assertThat(invocations(runtime, "stream")).isZero();
  }

  /** An object payload reaches a stream handler as its JSON. */
  @Test
  void invoke_objectPayload_streamHandlerReadsItsJson() {
    AtomicReference<@Nullable String> seen = new AtomicReference<>();
    FunctionRuntime runtime =
        withStream(
            fixture.runtime(),
            (in, out, context) -> seen.set(new String(in.readAllBytes(), UTF_8)));

    runtime.invoke("stream", Payload.of(Map.of("list", List.of(1, "two"))));
    assertThat(seen.get()).isEqualTo("{\"list\":[1,\"two\"]}");

    runtime.invoke("stream", Payload.of("text"));
    assertThat(seen.get()).isEqualTo("\"text\"");
  }

  /** The response limit counts every byte written; one byte over fails with Lambda's error. */
  @Test
  void invoke_streamResponseOverLimit_failsWithResponseSizeTooLarge() {
    FunctionRuntime runtime =
        withStream(
            fixture.runtime(b -> b.responsePayloadLimit(100)),
            (in, out, context) -> {
              out.write(bytes(60));
              out.write('x');
              out.write(bytes(40));
            });

    FunctionError error = error(runtime.invoke("stream", Payload.json("{}")));

    assertThat(error)
        .isEqualTo(
            new FunctionError(
                "Function.ResponseSizeTooLarge",
                "Response payload size (101 bytes) exceeded maximum allowed payload size (100"
                    + " bytes).",
                List.of()));
  }

  @Test
  void invoke_streamResponseAtLimit_succeeds() {
    FunctionRuntime runtime =
        withStream(
            fixture.runtime(b -> b.responsePayloadLimit(100)),
            (in, out, context) -> out.write(bytes(100)));

    assertThat(payload(runtime.invoke("stream", Payload.json("{}"))).asString()).hasSize(100);
  }

  /** The limit applies to a request handler's JSON response too: 99 characters plus quotes. */
  @Test
  void invoke_jsonResponseOverLimit_failsWithResponseSizeTooLarge() {
    FunctionRuntime runtime = fixture.runtime(b -> b.responsePayloadLimit(100));
    runtime
        .registry()
        .create(
            FunctionConfig.of("big"),
            FunctionCode.handler(
                Integer.class, (Integer length, Context context) -> "x".repeat(length)));

    FunctionError tooLarge = error(runtime.invoke("big", Payload.json("99")));
    String atLimit = json(runtime.invoke("big", Payload.json("98")));

    assertThat(tooLarge)
        .isEqualTo(
            new FunctionError(
                "Function.ResponseSizeTooLarge",
                "Response payload size (101 bytes) exceeded maximum allowed payload size (100"
                    + " bytes).",
                List.of()));
    assertThat(atLimit).hasSize(100);
  }
}
