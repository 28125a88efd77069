import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import { declared, type Grant, type TableAccess, WIRING } from '../../events/functions.js';
import { tableStatements } from '../../events/table-access.js';
import type { FunctionKey } from '../../events/triggers.js';
import { LINK_SIGNING_KEY_PARAMETER_DEFAULT, type ReferralsStack } from '../../infra/stack.js';
import { tableDefinition, timeToLive } from '../../local/table.js';
import { ADDRESS_PK_PREFIX } from '../../shared/store/address.js';
import {
  type Json,
  ALL_FUNCTIONS,
  STREAM_FUNCTIONS,
  LINK_KEY_READERS,
  grantedTo,
  synthMain,
  logicalId,
  resource,
  ofType,
  asArray,
  statementsOf,
  allowedActions,
  getAtt,
  indexArn,
} from './synth.js';

let stack: ReferralsStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthMain());
});

// ------------------------------------------------------------------------------------ table

describe('table', () => {
  it('has the keys, indexes, stream and TTL of the local runtime\'s table; on demand, with PITR', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const table = resource(stack.table).Properties;
    const local = tableDefinition('referrals');
    const bySortedJson = <T,>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(table.KeySchema).toEqual(local.KeySchema);
    expect(bySortedJson(table.AttributeDefinitions)).toEqual(bySortedJson(local.AttributeDefinitions!));
    expect(bySortedJson(table.GlobalSecondaryIndexes)).toEqual(bySortedJson(local.GlobalSecondaryIndexes!));
    expect(table.StreamSpecification).toEqual({ StreamViewType: local.StreamSpecification!.StreamViewType });
    expect(table.TimeToLiveSpecification).toEqual(timeToLive('referrals').TimeToLiveSpecification);
    expect(table.BillingMode).toBe(local.BillingMode);
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('is encrypted with the customer-managed, rotating key and is retained', () => {
    const table = resource(stack.table);
    expect(table.Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: getAtt(stack.dataKey, 'Arn'),
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(resource(stack.dataKey).Properties.EnableKeyRotation).toBe(true);
    expect(resource(stack.dataKey).DeletionPolicy).toBe('Retain');
  });
});

// ------------------------------------------------------------------------------------ IAM

describe('least privilege', () => {
  const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

  it('no role is attached to a managed policy', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('nobody may Scan or use dynamodb:*; indexes only where the declaration names them, never index/*', () => {
    for (const key of ALL_FUNCTIONS) {
      const actions = allowedActions(key);
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((a) => a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
      const access: TableAccess = WIRING[key].table;
      const allowedIndexes = Object.keys(access.indexes ?? {}).map((name) => JSON.stringify(indexArn(name)));
      for (const s of statementsOf(key)) {
        for (const r of s.Resource) {
          const json = JSON.stringify(r);
          if (json.includes('/index/')) expect(allowedIndexes, `${key}: ${json}`).toContain(json);
        }
      }
    }
  });

  it.each(ALL_FUNCTIONS)('%s: exactly its declared statements on the table and its indexes, each bound to its partition keys', (key) => {
    const dynamoStatements = statementsOf(key).filter((s) =>
      s.Action.some((a) => a.startsWith('dynamodb:') && !STREAM_READ.includes(a)),
    );
    // Every table grant names the partitions it may touch: none is unconditional.
    expect(dynamoStatements.filter((s) => !(s as { Condition?: unknown }).Condition), key).toEqual([]);
    // IAM merges statements with the same actions and condition, so compare (action, resource, condition) triples.
    const triples = (list: { Action: readonly string[]; Resource: readonly unknown[]; Condition?: unknown }[]) =>
      list.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${JSON.stringify(r)} ${JSON.stringify(s.Condition)}`))).sort();
    const declaredStatements = tableStatements(key).map((st) => ({
      Action: st.actions.map((a) => `dynamodb:${a}`),
      Resource: [st.index ? indexArn(st.index) : getAtt(stack.table, 'Arn')],
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...st.leadingKeys] } },
    }));
    expect(triples(dynamoStatements as never)).toEqual(triples(declaredStatements));
    const access: TableAccess = WIRING[key].table;
    expect(declaredStatements[0]!.Action.sort()).toEqual(access.table.map((a) => `dynamodb:${a}`).sort());
  });

  it('the internet-facing respond touches case partitions, and of a municipality\'s only UpdateItem (its counters); no function may touch every partition', () => {
    const leading = (s: { Condition?: Json }) => (s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []) as string[];
    const respond = statementsOf('respond').filter((s) => s.Action.some((a) => a.startsWith('dynamodb:') && !STREAM_READ.includes(a)));
    const byKeys = Object.fromEntries(respond.map((s) => [leading(s as never).join(' '), [...s.Action].sort()]));
    expect(byKeys).toEqual({ 'CASE#*': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], 'MUNI#*': ['dynamodb:UpdateItem'] });
    for (const key of ALL_FUNCTIONS) expect(statementsOf(key).flatMap((s) => leading(s as never)).filter((p) => /^[*?]*$/.test(p)), key).toEqual([]);
  });

  it('DeleteItem only on address items (an operator lifting a suppression), only where declared; nobody else deletes', () => {
    const deletes = (key: (typeof ALL_FUNCTIONS)[number]) => statementsOf(key).filter((s) => s.Action.includes('dynamodb:DeleteItem'));
    const deleters = ALL_FUNCTIONS.filter((k) => (WIRING[k].grants as readonly Grant[]).includes('delete-address-items'));
    expect(deleters.length).toBeGreaterThan(0);
    for (const key of deleters) {
      const [del, ...others] = deletes(key);
      expect(others).toEqual([]);
      expect(del!.Action).toEqual(['dynamodb:DeleteItem']);
      // The address items' partition keys, and no other item's.
      expect((del as { Condition?: unknown }).Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${ADDRESS_PK_PREFIX}*`] } });
    }
    for (const key of ALL_FUNCTIONS.filter((k) => !deleters.includes(k))) expect(deletes(key), key).toEqual([]);
  });

  it('KMS: only the data key (bar the link key\'s SSM-bound Decrypt); only stream functions read the stream', () => {
    for (const key of ALL_FUNCTIONS) {
      const kms = statementsOf(key).filter((st) => st.Action.some((a) => a.startsWith('kms:')));
      for (const s of kms.filter((st) => st.Sid !== LINK_KEY_DECRYPT_SID)) {
        expect(s.Resource).toEqual([getAtt(stack.dataKey, 'Arn')]);
      }
    }
    for (const key of ALL_FUNCTIONS.filter((k) => !(STREAM_FUNCTIONS as FunctionKey[]).includes(k))) {
      expect(allowedActions(key).filter((a) => STREAM_READ.includes(a)), key).toEqual([]);
    }
  });

  it.each(grantedTo('send-email'))('%s: ses:SendEmail only on the identity and the configuration set', (key) => {
    const ses = statementsOf(key).filter((s) => s.Action.some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toEqual(['ses:SendEmail']);
    const arns = ses[0]!.Resource.map((r) => JSON.stringify(r)).sort();
    expect(arns).toHaveLength(2);
    expect(arns[0]).toContain(':configuration-set/"');
    expect(arns[0]).toContain('{"Ref":"SesConfigurationSetName"}');
    expect(arns[1]).toContain(':identity/"');
    expect(arns[1]).toContain('{"Ref":"SesSenderIdentity"}');
  });

  it.each(grantedTo('send-sms'))('%s: sns:Publish to "*" only alongside a Deny on every SNS ARN', (key) => {
    const sns = statementsOf(key).filter((s) => s.Action.includes('sns:Publish'));
    const allow = sns.filter((s) => s.Effect === 'Allow');
    const deny = sns.filter((s) => s.Effect === 'Deny');
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({ Action: ['sns:Publish'], Resource: ['*'] });
    expect(deny).toHaveLength(1);
    expect(deny[0]!.Action).toEqual(['sns:Publish']);
    expect(JSON.stringify(deny[0]!.Resource)).toMatch(/:sns:\*:\*:\*"/);
  });

  it('Resource "*" is allowed only for what the IAM5 acknowledgements name', () => {
    // The acknowledgements sit on whole roles, so pin what may hide behind them.
    const starActions = (key: FunctionKey) =>
      statementsOf(key)
        .filter((s) => s.Effect === 'Allow' && s.Resource.includes('*'))
        .flatMap((s) => s.Action)
        .sort();
    // Tracing, for every function; ListStreams, for reading a stream; and what a grant can only allow on "*".
    const xray = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    const byGrant: Partial<Record<Grant, string[]>> = {
      'read-link-signing-key': ['kms:Decrypt'],
      'send-sms': ['sns:CheckIfPhoneNumberIsOptedOut', 'sns:Publish'],
    };
    for (const key of ALL_FUNCTIONS) {
      const { trigger, grants } = declared(key);
      const expected = [...xray, ...(trigger.kind === 'dynamodb-stream' ? ['dynamodb:ListStreams'] : []), ...grants.flatMap((g) => byGrant[g] ?? [])];
      expect(starActions(key), key).toEqual(expected.sort());
    }
  });

});

// ------------------------------------------------------------------------------------ link-signing key

const LINK_KEY_DECRYPT_SID = 'DecryptTheLinkSigningKeyThroughSsm';

describe('link-signing key (SSM SecureString)', () => {
  // arn:<partition>:ssm:<region>:<account>:parameter + the fully qualified name (its own leading "/").
  const parameterArn = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':ssm:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':parameter',
        { Ref: 'LinkSigningKeyParameterName' },
      ],
    ],
  };
  /** The key before the last rotation: the same ARN shape under its own parameter name. */
  const previousParameterArn = JSON.parse(JSON.stringify(parameterArn).replace('"LinkSigningKeyParameterName"', '"LinkSigningKeyPreviousParameterName"'));

  it('the parameter name must be fully qualified, so the ARN never gets "parameter//" or "parameterfoo"', () => {
    const pattern = new RegExp(template.toJSON().Parameters.LinkSigningKeyParameterName.AllowedPattern);
    expect(pattern.test(LINK_SIGNING_KEY_PARAMETER_DEFAULT)).toBe(true);
    expect(LINK_SIGNING_KEY_PARAMETER_DEFAULT.startsWith('/')).toBe(true);
    expect(pattern.test('referrals/link-signing-key')).toBe(false);
    expect(pattern.test('/referrals/link signing key')).toBe(false);
    expect(stack.resolve(stack.linkSigningKeyParameterArn)).toEqual(parameterArn);
  });

  it.each(ALL_FUNCTIONS)('%s: ssm:GetParameter on that one parameter only if it signs or verifies links', (key) => {
    const ssm = statementsOf(key).filter((s) => s.Action.some((a) => a.startsWith('ssm:')));
    if (!LINK_KEY_READERS.includes(key)) {
      expect(ssm).toEqual([]);
      expect(statementsOf(key).filter((s) => s.Sid === LINK_KEY_DECRYPT_SID)).toEqual([]);
      return;
    }
    expect(ssm.map((s) => ({ Effect: s.Effect, Action: s.Action, Resource: s.Resource }))).toEqual([
      { Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [parameterArn, previousParameterArn] },
    ]);
  });

  it.each(LINK_KEY_READERS)('%s: kms:Decrypt only through SSM and only for that parameter\'s value (and the previous key\'s)', (key) => {
    const decrypt = statementsOf(key).filter((s) => s.Sid === LINK_KEY_DECRYPT_SID);
    expect(decrypt).toHaveLength(1);
    expect(decrypt[0]).toMatchObject({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['*'] });
    expect((decrypt[0] as Json).Condition).toEqual({
      StringEquals: {
        'kms:ViaService': { 'Fn::Join': ['', ['ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        'kms:EncryptionContext:PARAMETER_ARN': [parameterArn, previousParameterArn],
      },
    });
  });

  it('no other policy in the stack can read it: one policy, on exactly the route and respond roles', () => {
    const mentions = ofType('AWS::IAM::Policy').filter(
      ([, p]) =>
        JSON.stringify(p.Properties.PolicyDocument).includes('LinkSigningKeyParameterName') ||
        (p.Properties.PolicyDocument.Statement as Json[]).some((s) => asArray(s.Action).some((a: string) => a.startsWith('ssm:'))),
    );
    expect(mentions.map(([id]) => id)).toEqual([logicalId(stack.linkSigningKeyReadPolicy)]);
    const roles = mentions[0]![1].Properties.Roles.map((r: Json) => r.Ref).sort();
    expect(roles).toEqual(LINK_KEY_READERS.map((k) => logicalId(stack.functions[k].executionRole)).sort());
    // Nothing in the stack may use ssm:* or GetParameters/GetParametersByPath (whole paths).
    for (const [, p] of ofType('AWS::IAM::Policy')) {
      for (const s of p.Properties.PolicyDocument.Statement as Json[]) {
        for (const a of asArray(s.Action) as string[]) if (a.startsWith('ssm:')) expect(a).toBe('ssm:GetParameter');
      }
    }
  });

  it.each(LINK_KEY_READERS)('%s is created only after it may read the key', (key) => {
    expect(resource(stack.functions[key]).DependsOn).toContain(logicalId(stack.linkSigningKeyReadPolicy));
  });
});
