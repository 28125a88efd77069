import { afterAll, expect, inject } from 'vitest';
import { refusals } from '../../local/table-access.js';

// Every stack this suite starts (through support.ts or startLocalStack directly) uses the run's
// shared DynamoDB Local (global-setup.ts), with a table of its own.
process.env.DYNAMODB_LOCAL_ENDPOINT = inject('dynamodbEndpoint');

// No function touched a table item outside its declaration (local/table-access.ts): a refusal a
// handler caught and survived would otherwise pass unseen, and fail on AWS.
afterAll(() => {
  expect(refusals).toEqual([]);
});
