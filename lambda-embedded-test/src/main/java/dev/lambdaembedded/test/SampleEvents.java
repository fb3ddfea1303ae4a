/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

/**
 * The class-path paths of sample events shipped with the test kit, each in the shape Lambda
 * delivers that event to a handler.
 *
 * <p>The samples live in the folder {@value #FOLDER} of this module's jar and are read like any
 * other event file, by {@link Event}, {@link Events} or {@link EventLoader}:
 *
 * {@snippet :
 * @ParameterizedTest
 * @Event(SampleEvents.SQS_BATCH)
 * void handlesABatch(SqsEvent event) {
 *   // ...
 * }
 * }
 *
 * <p>Property names are case-sensitive and follow the AWS Lambda Developer Guide's examples: for
 * instance {@code Records} and {@code eventSourceARN} in SQS, {@code EventSource} and {@code Sns}
 * in SNS. Identifiers, ARNs and times are made up but well-formed.
 */
public final class SampleEvents {

  /** The folder holding every sample event, {@code lambda-events}. */
  public static final String FOLDER = "lambda-events";

  /**
   * An API Gateway HTTP API request, payload format version 2.0 ({@code APIGatewayV2HTTPEvent}):
   * {@code POST /orders/42} with a JSON body, cookies, comma-joined multi-value query parameters,
   * path parameters, stage variables and a JWT authorizer.
   */
  public static final String APIGATEWAY_HTTP_V2 = FOLDER + "/apigateway-http-v2.json";

  /**
   * An Amazon S3 {@code ObjectCreated:Put} notification ({@code S3Event}): one record under {@code
   * Records}, its object key URL-encoded as S3 sends it.
   */
  public static final String S3_OBJECT_CREATED = FOLDER + "/s3-object-created.json";

  /**
   * An Amazon SQS batch of two standard-queue messages ({@code SQSEvent}): {@code Records}, each
   * with {@code messageId}, {@code receiptHandle}, {@code body}, {@code attributes}, {@code
   * messageAttributes} and {@code eventSourceARN}.
   */
  public static final String SQS_BATCH = FOLDER + "/sqs-batch.json";

  /**
   * An Amazon SNS notification ({@code SNSEvent}): one record, with upper-camel-case names ({@code
   * EventSource}, {@code Sns.Message}, {@code Sns.MessageAttributes}).
   */
  public static final String SNS = FOLDER + "/sns.json";

  /**
   * An Amazon EventBridge scheduled event ({@code ScheduledEvent}): {@code detail-type} {@code
   * Scheduled Event}, source {@code aws.events}, the rule's ARN in {@code resources}, an empty
   * {@code detail}.
   */
  public static final String EVENTBRIDGE_SCHEDULED = FOLDER + "/eventbridge-scheduled.json";

  /**
   * An Amazon Kinesis Data Streams batch of one record ({@code KinesisEvent}): the payload in
   * {@code kinesis.data}, base64-encoded; the arrival time in epoch seconds with fractions.
   */
  public static final String KINESIS = FOLDER + "/kinesis.json";

  /**
   * An Amazon DynamoDB Streams batch of one {@code INSERT} record ({@code DynamodbEvent}): {@code
   * Keys} and {@code NewImage} in DynamoDB's typed attribute-value form ({@code {"N": "42"}}).
   */
  public static final String DYNAMODB_STREAMS = FOLDER + "/dynamodb-streams.json";

  private SampleEvents() {}
}
