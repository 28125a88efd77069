import { inject } from 'vitest';

// Every stack this suite starts (through support.ts or startLocalStack directly) uses the run's
// shared DynamoDB Local (global-setup.ts), with a table of its own.
process.env.DYNAMODB_LOCAL_ENDPOINT = inject('dynamodbEndpoint');
