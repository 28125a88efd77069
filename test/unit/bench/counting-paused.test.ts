import { describe, expect, it } from 'vitest';
import { Counter, countDynamo } from '../../../bench/counting.js';

/** The middleware countDynamo adds, called as the SDK's stack calls it, around a PutItem. */
function counted(counter: Counter) {
  let middleware: any;
  countDynamo({ middlewareStack: { add: (m: unknown) => void (middleware = m) } } as any, counter);
  const item = { pk: 'CASE#c1', sk: 'REFERRAL#r1', note: 'x'.repeat(1500) };
  return () => middleware(async () => ({ output: {} }), { commandName: 'PutItemCommand' })({ input: { Item: item } });
}

describe('the bench\'s count of the handlers\' DynamoDB calls', () => {
  it('counts each call with its estimated units, and nothing while paused (the latency runs, timed like the floor)', async () => {
    const counter = new Counter();
    const put = counted(counter);
    await put();
    expect(counter.dynamo.PutItem).toEqual({ calls: 1, items: 1, units: 2, refused: 0, refusedUnits: 0 });
    counter.paused = true;
    await put();
    expect(counter.dynamo.PutItem).toEqual({ calls: 1, items: 1, units: 2, refused: 0, refusedUnits: 0 });
    counter.paused = false;
    await put();
    expect(counter.dynamo.PutItem?.calls).toBe(2);
  });
});
