/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

final class SampleEventsTest {

  @Test
  void apiGatewayHttpV2_hasThePayloadV2Fields() {
    Map<String, Object> event = map(EventLoader.load(SampleEvents.APIGATEWAY_HTTP_V2, Map.class));

    assertThat(event)
        .containsEntry("version", "2.0")
        .containsEntry("rawPath", "/orders/42")
        .containsEntry("isBase64Encoded", false)
        .containsKeys(
            "routeKey",
            "rawQueryString",
            "cookies",
            "headers",
            "queryStringParameters",
            "pathParameters",
            "stageVariables",
            "requestContext",
            "body");
    Map<String, Object> context = map(event.get("requestContext"));
    assertThat(context)
        .containsKeys(
            "accountId", "apiId", "domainName", "requestId", "stage", "time", "timeEpoch");
    assertThat(map(context.get("http")))
        .containsEntry("method", "POST")
        .containsKeys("path", "protocol", "sourceIp", "userAgent");
  }

  @Test
  void s3ObjectCreated_hasOneRecordWithBucketAndObject() {
    Map<String, Object> record =
        onlyRecord(map(EventLoader.load(SampleEvents.S3_OBJECT_CREATED, Map.class)));

    assertThat(record)
        .containsEntry("eventSource", "aws:s3")
        .containsEntry("eventName", "ObjectCreated:Put")
        .containsKeys("eventVersion", "awsRegion", "eventTime", "userIdentity", "s3");
    Map<String, Object> s3 = map(record.get("s3"));
    assertThat(map(s3.get("bucket"))).containsKeys("name", "arn", "ownerIdentity");
    assertThat(map(s3.get("object"))).containsKeys("key", "size", "eTag", "sequencer");
  }

  @Test
  void sqsBatch_hasTwoRecordsWithTheCaseSensitiveNames() {
    List<?> records = records(map(EventLoader.load(SampleEvents.SQS_BATCH, Map.class)));

    assertThat(records).hasSizeGreaterThanOrEqualTo(2);
    for (Object record : records) {
      assertThat(map(record))
          .containsEntry("eventSource", "aws:sqs")
          .containsKeys(
              "messageId",
              "receiptHandle",
              "body",
              "attributes",
              "messageAttributes",
              "md5OfBody",
              "eventSourceARN",
              "awsRegion");
    }
  }

  @Test
  void sns_hasUpperCamelCaseNames() {
    Map<String, Object> record = onlyRecord(map(EventLoader.load(SampleEvents.SNS, Map.class)));

    assertThat(record)
        .containsEntry("EventSource", "aws:sns")
        .containsKeys("EventVersion", "EventSubscriptionArn", "Sns");
    assertThat(map(record.get("Sns")))
        .containsEntry("Type", "Notification")
        .containsKeys(
            "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "MessageAttributes");
  }

  @Test
  void eventBridgeScheduled_isAScheduledEvent() {
    Map<String, Object> event =
        map(EventLoader.load(SampleEvents.EVENTBRIDGE_SCHEDULED, Map.class));

    assertThat(event)
        .containsEntry("detail-type", "Scheduled Event")
        .containsEntry("source", "aws.events")
        .containsEntry("detail", Map.of())
        .containsKeys("version", "id", "account", "time", "region", "resources");
  }

  @Test
  void kinesis_carriesBase64Data() {
    Map<String, Object> record = onlyRecord(map(EventLoader.load(SampleEvents.KINESIS, Map.class)));

    assertThat(record)
        .containsEntry("eventSource", "aws:kinesis")
        .containsEntry("eventName", "aws:kinesis:record")
        .containsKeys("eventID", "eventSourceARN", "invokeIdentityArn", "awsRegion");
    Map<String, Object> kinesis = map(record.get("kinesis"));
    assertThat(kinesis)
        .containsKeys("partitionKey", "sequenceNumber", "approximateArrivalTimestamp");
    byte[] data = Base64.getDecoder().decode((String) kinesis.get("data"));
    assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("Order 42 shipped.");
  }

  @Test
  void dynamodbStreams_hasTypedAttributeValues() {
    Map<String, Object> record =
        onlyRecord(map(EventLoader.load(SampleEvents.DYNAMODB_STREAMS, Map.class)));

    assertThat(record)
        .containsEntry("eventSource", "aws:dynamodb")
        .containsEntry("eventName", "INSERT")
        .containsKeys("eventID", "eventSourceARN", "awsRegion");
    Map<String, Object> dynamodb = map(record.get("dynamodb"));
    assertThat(dynamodb)
        .containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES")
        .containsKeys("Keys", "NewImage", "SequenceNumber", "SizeBytes");
    assertThat(map(map(dynamodb.get("Keys")).get("OrderId"))).containsEntry("N", "42");
  }

  @ParameterizedTest
  @Events(folder = SampleEvents.FOLDER)
  void folder_holdsEverySample(Map<String, Object> event) {
    assertThat(event.keySet()).containsAnyOf("Records", "version");
  }

  @ParameterizedTest
  @Event(SampleEvents.SQS_BATCH)
  void sqsBatch_readsIntoRecords(SqsEvent event) {
    assertThat(event.Records()).hasSize(2);
    SqsMessage first = event.Records().getFirst();
    assertThat(first.eventSourceArn()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:orders");
    assertThat(first.body()).isEqualTo("{\"orderId\":42,\"action\":\"ship\"}");
    assertThat(first.attributes()).containsEntry("ApproximateReceiveCount", "1");
    assertThat(event.Records().get(1).messageAttributes()).isEmpty();
  }

  @ParameterizedTest
  @Event(SampleEvents.SQS_BATCH)
  void sqsBatch_namesAreCaseSensitive(LowerCaseSqsEvent event) {
    assertThat(event.records()).isNull();
  }

  @ParameterizedTest
  @Event(SampleEvents.SNS)
  void sns_readsIntoRecords(SnsEvent event) {
    SnsRecord record = event.records().getFirst();
    assertThat(record.eventSource()).isEqualTo("aws:sns");
    assertThat(record.sns().message()).isEqualTo("{\"orderId\":42,\"status\":\"SHIPPED\"}");
    assertThat(record.sns().messageAttributes().get("channel"))
        .isEqualTo(new SnsAttribute("String", "web"));
  }

  @ParameterizedTest
  @Event(SampleEvents.EVENTBRIDGE_SCHEDULED)
  void eventBridgeScheduled_readsIntoARecord(ScheduledEvent event) {
    assertThat(event.detailType()).isEqualTo("Scheduled Event");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-01-14T10:00:00Z"));
    assertThat(event.resources())
        .containsExactly("arn:aws:events:eu-west-1:123456789012:rule/nightly-report");
  }

  @ParameterizedTest
  @Event(SampleEvents.APIGATEWAY_HTTP_V2)
  void apiGatewayHttpV2_readsIntoARecord(HttpApiRequest request) {
    assertThat(request.requestContext().http().method()).isEqualTo("POST");
    assertThat(request.pathParameters()).containsEntry("orderId", "42");
    assertThat(request.queryStringParameters()).containsEntry("expand", "items,customer");
    assertThat(request.isBase64Encoded()).isFalse();
    assertThat(request.requestContext().timeEpoch()).isEqualTo(1768383012345L);
  }

  @ParameterizedTest
  @Event(SampleEvents.KINESIS)
  void kinesis_readsIntoRecords(KinesisEvent event) {
    KinesisRecord record = event.Records().getFirst();
    assertThat(Base64.getDecoder().decode(record.kinesis().data()))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("Order 42 shipped.");
    assertThat(record.eventSourceArn()).endsWith(":stream/order-stream");
  }

  private static List<?> records(Map<String, Object> event) {
    assertThat(event).containsKey("Records");
    return (List<?>) requireNonNull(event.get("Records"));
  }

  private static Map<String, Object> onlyRecord(Map<String, Object> event) {
    List<?> records = records(event);
    assertThat(records).hasSize(1);
    return map(records.getFirst());
  }

  @SuppressWarnings("unchecked") // JSON objects read as maps have string keys
  private static Map<String, Object> map(@Nullable Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) requireNonNull(value);
  }

  record SqsEvent(List<SqsMessage> Records) {}

  record SqsMessage(
      String messageId,
      String body,
      Map<String, String> attributes,
      Map<String, Object> messageAttributes,
      @JsonProperty("eventSourceARN") String eventSourceArn) {}

  record LowerCaseSqsEvent(@Nullable List<SqsMessage> records) {}

  record SnsEvent(@JsonProperty("Records") List<SnsRecord> records) {}

  record SnsRecord(
      @JsonProperty("EventSource") String eventSource, @JsonProperty("Sns") SnsMessage sns) {}

  record SnsMessage(
      @JsonProperty("Message") String message,
      @JsonProperty("MessageAttributes") Map<String, SnsAttribute> messageAttributes) {}

  record SnsAttribute(@JsonProperty("Type") String type, @JsonProperty("Value") String value) {}

  record ScheduledEvent(
      @JsonProperty("detail-type") String detailType, Instant time, List<String> resources) {}

  record HttpApiRequest(
      String rawPath,
      Map<String, String> pathParameters,
      Map<String, String> queryStringParameters,
      RequestContext requestContext,
      boolean isBase64Encoded) {}

  record RequestContext(Http http, long timeEpoch) {}

  record Http(String method, String path) {}

  record KinesisEvent(List<KinesisRecord> Records) {}

  record KinesisRecord(
      KinesisData kinesis, @JsonProperty("eventSourceARN") String eventSourceArn) {}

  record KinesisData(String data, String partitionKey) {}
}
