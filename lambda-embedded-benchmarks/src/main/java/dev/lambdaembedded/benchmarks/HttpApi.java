/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model of an API Gateway HTTP API (payload format 2.0) request and response, as the records a
 * Java handler would declare, and the handler logic both sides of {@link JsonEventBenchmark} share.
 */
public final class HttpApi {
  private HttpApi() {}

  /**
   * An HTTP API request event; properties the model does not declare (cookies, authorizer, ...) are
   * ignored.
   *
   * @param version always {@code 2.0}
   * @param routeKey the matched route, such as {@code POST /orders}
   * @param rawPath the path
   * @param rawQueryString the query string, undecoded
   * @param headers the request headers, lower-cased, repeated values comma-joined
   * @param queryStringParameters the query parameters, repeated values comma-joined
   * @param requestContext the request context
   * @param body the body
   * @param isBase64Encoded whether the body is base64
   */
  public record Request(
      String version,
      String routeKey,
      String rawPath,
      String rawQueryString,
      Map<String, String> headers,
      Map<String, String> queryStringParameters,
      RequestContext requestContext,
      String body,
      boolean isBase64Encoded) {}

  /**
   * The request context.
   *
   * @param accountId the API owner's account
   * @param apiId the API
   * @param domainName the API's domain
   * @param http the HTTP request line and client
   * @param requestId API Gateway's request id
   * @param routeKey the matched route
   * @param stage the stage
   * @param time the request time, as text
   * @param timeEpoch the request time, epoch milliseconds
   */
  public record RequestContext(
      String accountId,
      String apiId,
      String domainName,
      Http http,
      String requestId,
      String routeKey,
      String stage,
      String time,
      long timeEpoch) {}

  /**
   * The HTTP part of the request context.
   *
   * @param method the method
   * @param path the path
   * @param protocol the protocol
   * @param sourceIp the client's address
   * @param userAgent the client's user agent
   */
  public record Http(
      String method, String path, String protocol, String sourceIp, String userAgent) {}

  /**
   * An HTTP API response.
   *
   * @param statusCode the status
   * @param headers the response headers
   * @param body the body
   * @param isBase64Encoded whether the body is base64
   */
  public record Response(
      int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {}

  /**
   * The handler logic: acknowledges the request with a small JSON body.
   *
   * @param request the event
   * @return the response
   */
  public static Response respond(Request request) {
    String body =
        "{\"accepted\":true,\"method\":\""
            + request.requestContext().http().method()
            + "\",\"path\":\""
            + request.rawPath()
            + "\",\"requestId\":\""
            + request.requestContext().requestId()
            + "\",\"bodyLength\":"
            + request.body().length()
            + "}";
    return new Response(
        202,
        Map.of(
            "content-type",
            "application/json",
            "x-request-id",
            request.requestContext().requestId()),
        body,
        false);
  }

  /**
   * Returns the event as API Gateway sends it: compact UTF-8 JSON.
   *
   * @param mapper the mapper that compacts it
   * @return the bytes
   */
  public static byte[] eventBytes(JsonMapper mapper) {
    return mapper.writeValueAsBytes(mapper.readTree(EVENT));
  }

  /**
   * A realistic HTTP API event of about 1 KB: a {@code POST} with 8 headers, 2 query parameters and
   * a JSON body, pretty-printed here and compacted by {@link #eventBytes}.
   */
  static final String EVENT =
      """
      {
        "version": "2.0",
        "routeKey": "POST /orders",
        "rawPath": "/orders",
        "rawQueryString": "dryRun=false&source=mobile",
        "headers": {
          "accept": "application/json",
          "content-length": "171",
          "content-type": "application/json",
          "host": "r3pmxmplak.execute-api.us-east-1.amazonaws.com",
          "user-agent": "okhttp/4.12.0",
          "x-amzn-trace-id": "Root=1-67891233-abcdef012345678912345678",
          "x-forwarded-for": "198.51.100.24",
          "x-forwarded-proto": "https"
        },
        "queryStringParameters": {
          "dryRun": "false",
          "source": "mobile"
        },
        "requestContext": {
          "accountId": "123456789012",
          "apiId": "r3pmxmplak",
          "domainName": "r3pmxmplak.execute-api.us-east-1.amazonaws.com",
          "domainPrefix": "r3pmxmplak",
          "http": {
            "method": "POST",
            "path": "/orders",
            "protocol": "HTTP/1.1",
            "sourceIp": "198.51.100.24",
            "userAgent": "okhttp/4.12.0"
          },
          "requestId": "JKJaXmPLvHcESHA=",
          "routeKey": "POST /orders",
          "stage": "$default",
          "time": "10/Mar/2026:21:16:24 +0000",
          "timeEpoch": 1773177384000
        },
        "body": "{\\"customerId\\":\\"c-1029384756\\",\\"items\\":[{\\"sku\\":\\"BK-0451\\",\\"quantity\\":2,\\"price\\":12.5},{\\"sku\\":\\"PN-7710\\",\\"quantity\\":1,\\"price\\":3.99}],\\"currency\\":\\"EUR\\",\\"note\\":\\"leave at the door\\"}",
        "isBase64Encoded": false
      }
      """;
}
