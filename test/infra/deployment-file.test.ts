import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../../infra/constructs/house-function.js';
import { ACCESS_DEFAULTS, parseDeploymentFile } from '../../infra/deployment.js';
import { createReferralsApp } from '../../infra/referrals-app.js';
import { LINK_SIGNING_KEY_PARAMETER_DEFAULT } from '../../infra/stack.js';
import {
  synthMain,
} from './synth.js';

let template: Template;

beforeAll(() => {
  ({ template } = synthMain());
});

// ------------------------------------------------------------------------------------ deployment file (-c deployment=…)

describe('deployment file', () => {
  const example = join(REPO_ROOT, 'infra', 'deployments', 'example.json');
  const valid = () => JSON.parse(readFileSync(example, 'utf8'));
  const smr = { name: 'smr', principal: 'arn:aws:iam::123456789012:role/smr-integration', municipality: 'obiliq', role: 'coordinator' };

  it('the example is valid', () => {
    expect(parseDeploymentFile(readFileSync(example, 'utf8'), 'example.json')).toMatchObject({ deliveryMode: 'test', smsMonthlySpendLimitUsd: 1 });
  });

  it('the sign-in and link settings have their defaults when a file leaves them out', () => {
    const { mfa, threatProtection, machineCallers, linkWaf, linkRateLimitPer5Minutes, ...rest } = valid();
    void [mfa, threatProtection, machineCallers, linkWaf, linkRateLimitPer5Minutes];
    expect(parseDeploymentFile(JSON.stringify(rest), 'x.json')).toMatchObject({
      mfa: 'optional',
      threatProtection: 'off',
      machineCallers: [],
      linkWaf: true,
      linkRateLimitPer5Minutes: 300,
      consoleOrigins: [],
    });
    expect(ACCESS_DEFAULTS).toEqual({ mfa: 'optional', threatProtection: 'off', linkWaf: true, linkRateLimitPer5Minutes: 300, consoleOrigins: [] });
    expect(parseDeploymentFile(JSON.stringify({ ...valid(), machineCallers: [smr, { ...smr, name: 'national', principal: 'arn:aws:iam::123456789012:user/ops', municipality: '*', role: 'operator' }] }), 'x.json').machineCallers).toHaveLength(2);
  });

  it.each([
    ['mfa', { mfa: 'always' }],
    ['threatProtection', { threatProtection: 'on' }],
    ['linkWaf', { linkWaf: 'no' }],
    ['linkRateLimitPer5Minutes', { linkRateLimitPer5Minutes: 5 }],
    ['machineCallers.0.principal', { machineCallers: [{ ...smr, principal: 'smr-integration' }] }],
    ['machineCallers.0.role', { machineCallers: [{ ...smr, role: 'admin' }] }],
    ['machineCallers.0.municipality', { machineCallers: [{ ...smr, municipality: 'prishtina' }] }],
    ['machineCallers.1.name', { machineCallers: [smr, { ...smr, principal: 'arn:aws:iam::123456789012:role/other' }] }],
    ['machineCallers.1.principal', { machineCallers: [smr, { ...smr, name: 'smr-2' }] }],
    ['consoleOrigins.0', { consoleOrigins: ['*'] }],
    ['consoleOrigins.0', { consoleOrigins: ['https://console.example.org/'] }],
    ['consoleOrigins.1', { consoleOrigins: ['https://console.example.org', 'http://console.example.org'] }],
  ])('a bad %s is refused, naming the field', (field, change) => {
    expect(() => parseDeploymentFile(JSON.stringify({ ...valid(), ...change }), 'infra/deployments/bad.json')).toThrow(
      new RegExp(`^deployment file infra/deployments/bad\\.json: .*\\b${field.replaceAll('.', '\\.')}: `),
    );
  });

  it.each([
    ['deliveryMode', { deliveryMode: 'production' }],
    ['smsMonthlySpendLimitUsd', { smsMonthlySpendLimitUsd: 0 }],
    ['simulatedPhoneNumbers.0', { simulatedPhoneNumbers: ['049 555 123'] }],
    ['sesSenderIdentity', { sesSenderIdentity: 'Not A Domain' }],
    ['senderAddress', { senderAddress: 'Referrals <noreply@elsewhere.org>' }],
    ['opsAlarmEmail', { opsAlarmEmail: 'ops' }],
    ['sesConfigurationSetName', { sesConfigurationSetName: undefined }],
  ])('a bad %s is refused, naming the file and the field', (field, change) => {
    const text = JSON.stringify({ ...valid(), ...change });
    expect(() => parseDeploymentFile(text, 'infra/deployments/bad.json')).toThrow(new RegExp(`^deployment file infra/deployments/bad\\.json: .*\\b${field.replace('.', '\\.')}: `));
  });

  it.each(['coordinator', 'head'])('a machine caller with municipality * and role %s (household data everywhere) is refused, naming the field', (role) => {
    expect(() => parseDeploymentFile(JSON.stringify({ ...valid(), machineCallers: [{ ...smr, role, municipality: '*' }] }), 'x.json')).toThrow(
      new RegExp(`machineCallers\\.0\\.municipality: "\\*" with role ${role}: \\* \\(every municipality\\) is for viewer and operator only`),
    );
  });

  it('an unknown key (a typo) is refused, naming it', () => {
    expect(() => parseDeploymentFile(JSON.stringify({ ...valid(), deliverMode: 'live' }), 'x.json')).toThrow(/deliverMode/);
  });

  it('the app refuses a bad file given as -c deployment=… before building anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'referrals-deploy-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...valid(), deliveryMode: 'maybe' }));
      expect(() => createReferralsApp({ context: { deployment: bad } })).toThrow(/deployment file .*bad\.json: deliveryMode: /);
      expect(() => createReferralsApp({ context: { deployment: join(dir, 'missing.json') } })).toThrow(/missing\.json: cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a valid file becomes the parameters\' defaults; without it they are as before', () => {
    const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8'));
    // No bundling: only the parameters are looked at.
    const built = createReferralsApp({ context: { ...cdkJson.context, deployment: example, 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'referrals-cdk-deploy-')) });
    const params = Template.fromStack(built.stack).toJSON().Parameters;
    const file = valid();
    // The link WAF stack's one parameter, from linkRateLimitPer5Minutes.
    expect(Template.fromStack(built.linkWaf!).toJSON().Parameters.LinkRateLimitPer5Minutes.Default).toBe(file.linkRateLimitPer5Minutes);
    expect(params.SesSenderIdentity.Default).toBe(file.sesSenderIdentity);
    expect(params.SenderAddress.Default).toBe(file.senderAddress);
    expect(params.SesConfigurationSetName.Default).toBe(file.sesConfigurationSetName);
    expect(params.DeliveryMode.Default).toBe(file.deliveryMode);
    expect(params.SimulatedPhoneNumbers.Default).toBe(file.simulatedPhoneNumbers.join(','));
    expect(params.SmsMonthlySpendLimitUsd.Default).toBe(file.smsMonthlySpendLimitUsd);
    expect(params.OpsAlarmEmail.Default).toBe(file.opsAlarmEmail);
    expect(params.PersonalDataRetentionDays.Default).toBe(730);
    expect(params.LinkSigningKeyParameterName.Default).toBe(LINK_SIGNING_KEY_PARAMETER_DEFAULT);
    // Each default passes its own parameter's constraint.
    expect(new RegExp(params.SimulatedPhoneNumbers.AllowedPattern).test(params.SimulatedPhoneNumbers.Default)).toBe(true);
    expect(new RegExp(params.SesSenderIdentity.AllowedPattern).test(params.SesSenderIdentity.Default)).toBe(true);
    expect(new RegExp(params.OpsAlarmEmail.AllowedPattern).test(params.OpsAlarmEmail.Default)).toBe(true);
    // The suite's own app (no context file) has none of these defaults.
    const plain = template.toJSON().Parameters;
    for (const name of ['SesSenderIdentity', 'SenderAddress', 'SesConfigurationSetName', 'DeliveryMode', 'SmsMonthlySpendLimitUsd']) {
      expect(plain[name].Default, name).toBeUndefined();
    }
  });
});
