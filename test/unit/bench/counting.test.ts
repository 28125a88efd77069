import { describe, expect, it } from 'vitest';
import { estimateUnits, type ItemSizes } from '../../../bench/counting.js';

const item = (sk: string, bytes: number) => ({ pk: 'CASE#1', sk, type: 'Intent', pad: 'x'.repeat(bytes) });

describe('estimateUnits: an update is charged on the item it changes', () => {
  it('costs an update of an item over 1 KB 2 WRU (4 in a transaction), on the size last put or read', () => {
    const sizes: ItemSizes = new Map();
    estimateUnits('PutItem', { Item: item('NOTE#big', 1400) }, {}, sizes);
    estimateUnits('GetItem', {}, { Item: item('NOTE#read', 2200) }, sizes);
    const update = (sk: string) => ({ Key: { pk: 'CASE#1', sk }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' } });
    expect(estimateUnits('UpdateItem', update('NOTE#big'), {}, sizes).units).toBe(2);
    expect(estimateUnits('UpdateItem', update('NOTE#read'), {}, sizes).units).toBe(3);
    expect(estimateUnits('TransactWriteItems', { TransactItems: [{ Update: update('NOTE#big') }] }, {}, sizes).units).toBe(4);
    // Never seen: 1 KB, as before.
    expect(estimateUnits('UpdateItem', update('NOTE#unseen'), {}, sizes).units).toBe(1);
  });

  it('remembers the items of a query and a transaction\'s puts, and adds the index write an update names', () => {
    const sizes: ItemSizes = new Map();
    estimateUnits('Query', {}, { Items: [{ ...item('TIMER#a', 1100), dueBucket: '2026-12-01T08' }], ScannedCount: 1 }, sizes);
    estimateUnits('TransactWriteItems', { TransactItems: [{ Put: { Item: item('REF#b', 1500) } }] }, {}, sizes);
    const remove = (sk: string) => ({ Key: { pk: 'CASE#1', sk }, UpdateExpression: 'SET #s = :c REMOVE dueBucket', ExpressionAttributeNames: { '#s': 'status' } });
    expect(estimateUnits('UpdateItem', remove('TIMER#a'), {}, sizes).units).toBe(2 + 1);
    expect(estimateUnits('TransactWriteItems', { TransactItems: [{ Update: { Key: { pk: 'CASE#1', sk: 'REF#b' }, UpdateExpression: 'SET a = :a' } }] }, {}, sizes).units).toBe(4);
  });

  it('counts no index write for removing an index key the item no longer holds, and one for an item that holds it', () => {
    const sizes: ItemSizes = new Map();
    estimateUnits('GetItem', {}, { Item: { pk: 'CASE#1', sk: 'REF#accepted', status: 'accepted' } }, sizes);
    estimateUnits('GetItem', {}, { Item: { pk: 'CASE#1', sk: 'REF#sent', status: 'sent', listKey: 'AWAITING#obiliq', listSort: '2026-12-01#x' } }, sizes);
    const unlist = (sk: string) => ({ Key: { pk: 'CASE#1', sk }, UpdateExpression: 'SET #status = :to REMOVE listKey, listSort', ExpressionAttributeNames: { '#status': 'status' } });
    expect(estimateUnits('TransactWriteItems', { TransactItems: [{ Update: unlist('REF#accepted') }] }, {}, sizes).units).toBe(2);
    expect(estimateUnits('TransactWriteItems', { TransactItems: [{ Update: unlist('REF#sent') }] }, {}, sizes).units).toBe(2 + 1);
    // Setting it is a write to the index whatever the item held.
    const list = { Key: { pk: 'CASE#1', sk: 'REF#accepted' }, UpdateExpression: 'SET listKey = :k, listSort = :s' };
    expect(estimateUnits('UpdateItem', list, {}, sizes).units).toBe(1 + 1);
  });
});
