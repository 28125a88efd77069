import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import type { ReferralsStack } from '../../infra/stack.js';
import { bundledDirectory } from '../../shared/directory/directory.js';
import { poolGroups } from '../../shared/identity/groups.js';
import { ROLES } from '../../shared/domain/actor.js';
import { ALL_MUNICIPALITIES, groupName } from '../../shared/identity/roles.js';
import {
  type Json,
  synthMain,
  type Variant,
  variant,
  violationsOf,
  logicalId,
  resource,
  ofType,
} from './synth.js';

let stack: ReferralsStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthMain());
});

// ------------------------------------------------------------------------------------ sign-in (issue #13)

describe('sign-in: the Cognito user pool', () => {
  const pool = () => resource(stack.userPool);
  const client = () => resource(stack.userPoolClient);

  it('admins create every user (no self sign-up); email sign-in; a strong password policy; recovery by email only; retained and protected', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    const p = pool();
    expect(p.DeletionPolicy).toBe('Retain');
    expect(p.UpdateReplacePolicy).toBe('Retain');
    expect(p.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
    // The invitation names the sign-in and the temporary password (Cognito fills both in).
    expect(p.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage).toMatch(/\{username\}.*\{####\}/);
  });

  it('MFA: TOTP only (no SMS), optional by default; no threat protection by default (Essentials plan)', () => {
    expect(pool().Properties).toMatchObject({ MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'], UserPoolTier: 'ESSENTIALS' });
    expect(pool().Properties.UserPoolAddOns).toBeUndefined();
    expect(pool().Properties.SmsConfiguration).toBeUndefined();
  });

  it('the console/CLI client: no secret, USER_PASSWORD_AUTH and refresh only (no SRP, no OAuth), 1-hour tokens, a 12-hour refresh, no user-existence errors, revocable', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const c = client().Properties;
    expect(c).toMatchObject({
      UserPoolId: { Ref: logicalId(stack.userPool) },
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect([...c.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    expect(c.AllowedOAuthFlows).toBeUndefined();
    expect(c.CallbackURLs).toBeUndefined();
  });

  it('one group per role, per municipality of the directory and for national staff (*), per coordinator of the directory; no other', () => {
    const directory = bundledDirectory();
    const expected = [
      ...ROLES.map((r) => groupName.role(r)),
      ...directory.municipalities().map((m) => groupName.municipality(m.id)),
      groupName.municipality(ALL_MUNICIPALITIES),
      ...directory.municipalities().flatMap((m) => m.coordinators.map((c) => groupName.directory(c.id))),
    ];
    expect(expected).toEqual(expect.arrayContaining(['role:coordinator', 'role:operator', 'municipality:obiliq', 'municipality:*', 'directory:obiliq-zkkk-01']));
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...expected].sort());
    // the one list the local emulator's pool is also created with: same names, same descriptions
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(groups.map((g) => ({ name: g.GroupName, description: g.Description })).sort(byName)).toEqual(poolGroups(directory).sort(byName));
    for (const g of groups) {
      expect(g.UserPoolId).toEqual({ Ref: logicalId(stack.userPool) });
      expect(g.Description, g.GroupName).toEqual(expect.any(String));
      // Groups only carry identity: no IAM role is attached to any.
      expect(g.RoleArn).toBeUndefined();
    }
  });

  it('outputs the pool and client ids (for users add and the console)', () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs.UserPoolId.Value).toEqual({ Ref: logicalId(stack.userPool) });
    expect(outputs.UserPoolClientId.Value).toEqual({ Ref: logicalId(stack.userPoolClient) });
  });

  describe('a deployment that requires MFA and enforces threat protection', () => {
    let v: Variant;
    beforeAll(() => {
      v = variant({ mfa: 'required', threatProtection: 'enforced' });
    });

    it('requires TOTP MFA of every user, on the Plus plan with threat protection enforced; cdk-nag clean with no MFA or plan acknowledgement', () => {
      const p = v.resources[v.stack.getLogicalId(v.stack.userPool.node.defaultChild as CfnElement)];
      expect(p.Properties).toMatchObject({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
      expect(p.Metadata?.cdk_nag).toBeUndefined();
      expect(violationsOf(v.assembly.directory)).toEqual([]);
    });

    it('"audit" puts the pool on the Plus plan in audit mode (still acknowledging that MFA stays optional)', () => {
      const audit = variant({ mfa: 'optional', threatProtection: 'audit' });
      const p = audit.resources[audit.stack.getLogicalId(audit.stack.userPool.node.defaultChild as CfnElement)];
      expect(p.Properties).toMatchObject({ MfaConfiguration: 'OPTIONAL', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
      expect(p.Metadata.cdk_nag.rules_to_suppress.map((r: Json) => r.id)).toEqual(['AwsSolutions-COG2']);
      expect(violationsOf(audit.assembly.directory)).toEqual([]);
    });
  });
});
