import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Every AWS client is created once, here, on first use, and passed into the stores and
 * senders. Region, credentials and endpoints come from the standard SDK environment
 * (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SESV2, AWS_ENDPOINT_URL_SNS), which
 * is how the local runtime points the same handler modules at the emulators.
 */
let dynamo: DynamoDBDocumentClient | undefined;
let ses: SESv2Client | undefined;
let sns: SNSClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

/**
 * The clients that hand messages to SES and SNS make one attempt per call. The SDK's own retries
 * would repeat a SendEmail or Publish after a timeout, a 5xx or a dropped connection, when the
 * provider may already have taken the message: one attempt could then deliver it twice. A clear
 * refusal (throttling) goes through the platform's own backoff instead (shared/delivery/backoff.ts),
 * and an ambiguous failure becomes `unconfirmed` (shared/channels/provider-errors.ts).
 * The timeouts keep a hung call from using up the function's whole time: a connection is made
 * within 3 s or not at all (nothing sent), and an answer comes within 10 s or the outcome is unknown.
 */
const SENDING = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
} as const;

export function sesClient(): SESv2Client {
  ses ??= new SESv2Client(SENDING);
  return ses;
}

export function snsClient(): SNSClient {
  sns ??= new SNSClient(SENDING);
  return sns;
}

// The operator CLI's (dlq list / redrive): read the DLQs, read the stream back, invoke a function.
// No function imports these; the SDK packages are side-effect free, so bundles leave them out.
let sqs: SQSClient | undefined;
let lambda: LambdaClient | undefined;
let streams: DynamoDBStreamsClient | undefined;

export function sqsClient(): SQSClient {
  sqs ??= new SQSClient({});
  return sqs;
}

export function lambdaClient(): LambdaClient {
  lambda ??= new LambdaClient({});
  return lambda;
}

export function dynamoDbStreamsClient(): DynamoDBStreamsClient {
  streams ??= new DynamoDBStreamsClient({});
  return streams;
}
