/**
 * The floor: the same path with no platform code. A bare HTTP POST to a minimal node:http server
 * that does a bare PutItem of a small item and answers 201 (the platform's write goes through the
 * API's HTTP hop too, so the ratio compares like with like), a minimal stream reader
 * (DescribeStream / GetShardIterator / GetRecords loop, idle 50 ms between empty passes unless a
 * write woke it, like local/stream-poller.ts) and a bare SES v2 SendEmail to the emulator per record,
 * in batches of route-referrals' batch size whose emails go at once, as that function sends a batch's.
 * Same DynamoDB Local and SES emulator as the platform run, its own table.
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FUNCTIONS } from '../events/triggers.js';
import { percentile } from './counting.js';
import type { LatencyResult } from './platform.js';

const REGION = 'eu-central-1';
/** route-referrals' declared batch size: the floor's records go in batches as its mapping hands them over. */
const BATCH = FUNCTIONS.routeReferrals.trigger.batchSize;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function floorRun(dynamoEndpoint: string, sesEndpoint: string, n: number, concurrency: number, oneAtATime: boolean): Promise<LatencyResult> {
  const db = new DynamoDBClient({ endpoint: dynamoEndpoint, region: REGION, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: dynamoEndpoint, region: REGION, credentials });
  const ses = new SESv2Client({ endpoint: sesEndpoint, region: REGION, credentials });
  const table = `floor-${Date.now()}`;
  const created = await db.send(
    new CreateTableCommand({
      TableName: table, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  const streamArn = created.TableDescription!.LatestStreamArn!;
  const started = new Map<string, number>();
  const latencies: number[] = [];
  const waiters = new Map<string, () => void>();
  let lastAt = 0;
  let running = true;
  // As the local stack's pollers, the reader reads at once after a write it hears of.
  let wake = () => {};

  const reader = (async () => {
    const iterators = new Map<string, string | undefined>();
    let lastDescribe = 0;
    while (running) {
      if (Date.now() - lastDescribe > 2000) {
        lastDescribe = Date.now();
        const d = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        for (const s of d.StreamDescription?.Shards ?? []) {
          if (iterators.has(s.ShardId!)) continue;
          const it = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: s.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
          iterators.set(s.ShardId!, it.ShardIterator);
        }
      }
      let busy = false;
      for (const [shard, it] of iterators) {
        if (!it) continue;
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
        iterators.set(shard, out.NextShardIterator);
        const records = out.Records ?? [];
        busy ||= records.length > 0;
        // Batches of route-referrals' size, one in flight, a batch's emails sent at once as it
        // routes a batch's referrals; each timed at its own answer, a failed one not received.
        for (let i = 0; i < records.length; i += BATCH) {
          await Promise.allSettled(
            records.slice(i, i + BATCH).map(async (r) => {
              const id = r.dynamodb?.NewImage?.pk?.S ?? '';
              await ses.send(
                new SendEmailCommand({
                  FromEmailAddress: 'floor@platform.example.org',
                  Destination: { ToAddresses: ['office@example.org'] },
                  Content: { Simple: { Subject: { Data: `floor ${id}` }, Body: { Text: { Data: `floor ${id}` } } } },
                }),
              );
              const at = performance.now();
              const t0 = started.get(id);
              if (t0 !== undefined) {
                latencies.push(at - t0);
                lastAt = Math.max(lastAt, at);
                waiters.get(id)?.();
              }
            }),
          );
        }
      }
      if (!busy) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, 50);
          wake = () => (clearTimeout(t), r());
        });
        wake = () => {};
      }
    }
  })();

  // The HTTP hop: no routing, no auth, no validation beyond reading the id.
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }).id;
      db.send(new PutItemCommand({ TableName: table, Item: { pk: { S: id }, type: { S: 'Referral' }, status: { S: 'created' } } })).then(
        () => {
          res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
          wake();
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/items`;

  // Let the reader find the shard first (the platform's pollers were already running too).
  await new Promise((r) => setTimeout(r, 300));
  const t0All = performance.now();
  let next = 0;
  const all: Promise<void>[] = [];
  await Promise.all(
    Array.from({ length: oneAtATime ? 1 : concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const id = `F${i}`;
        const got = new Promise<void>((resolve) => waiters.set(id, resolve));
        all.push(got);
        started.set(id, performance.now());
        const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
        await res.text();
        if (res.status !== 201) throw new Error(`floor write: ${res.status}`);
        if (oneAtATime) await got;
      }
    }),
  );
  await Promise.race([Promise.all(all), new Promise((r) => setTimeout(r, 60_000))]);
  running = false;
  await reader.catch(() => undefined);
  await new Promise((r) => server.close(r));
  db.destroy(); streams.destroy(); ses.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const wallMs = lastAt - t0All;
  return {
    n, mode: oneAtATime ? 'one at a time' : `burst, ${concurrency} writers`, concurrency: oneAtATime ? 1 : concurrency, received: sorted.length,
    p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN, wallMs, throughputPerS: (sorted.length / wallMs) * 1000,
  };
}
