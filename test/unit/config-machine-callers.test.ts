import { describe, expect, it } from 'vitest';
import { ApiConfig, loadConfig } from '../../shared/config/config.js';

const ENV = { TABLE_NAME: 't', PERSONAL_DATA_RETENTION_DAYS: '730', TOKEN_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/p', TOKEN_CLIENT_IDS: 'c' };

describe("the api's MACHINE_CALLERS setting, read at cold start", () => {
  it('is an empty list when absent, and the callers when given', () => {
    expect(loadConfig(ApiConfig, ENV).MACHINE_CALLERS).toEqual([]);
  });

  it('fails loudly, naming the setting and what it must be, when it is not JSON', () => {
    expect(() => loadConfig(ApiConfig, { ...ENV, MACHINE_CALLERS: '{' })).toThrow(/MACHINE_CALLERS: a JSON array of machine callers/);
  });
});
