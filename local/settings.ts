import { DECLARED_SETTINGS, environmentOf, type SettingValues } from '../events/settings.js';
import { WIRING } from '../events/functions.js';
import { FUNCTIONS, type FunctionKey } from '../events/triggers.js';

/** Where the local runtime's functions find the emulators, and the choices of the run. */
export interface LocalSettingsInput {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  endpoints: { dynamodb: string; ses: string; sms: string };
  tableName: string;
  /** The Cognito emulator's pool and app client, whose access tokens the api accepts. */
  tokens: { issuer: string; clientId: string };
  apiPort: number;
  signingKeyFile: string;
  deliveryMode: 'live' | 'test';
  simulatedPhoneNumbers: readonly string[];
  logLevel: string;
  emitMetrics: boolean;
}

/** Each setting's local value: every function gets those its config reads (events/settings.ts). */
export function localSettings(input: LocalSettingsInput): SettingValues {
  return {
    TABLE_NAME: input.tableName,
    PERSONAL_DATA_RETENTION_DAYS: '730',
    // No machine API locally: the config's default, none.
    MACHINE_CALLERS: undefined,
    // The api's second check of the JWT authorizer's: this pool's issuer, its app client.
    TOKEN_ISSUER: input.tokens.issuer,
    TOKEN_CLIENT_IDS: input.tokens.clientId,
    PUBLIC_BASE_URL: `http://localhost:${input.apiPort}`,
    // The key is a file here; the config wants exactly one key source.
    LINK_SIGNING_KEY_PARAMETER: undefined,
    LINK_SIGNING_KEY_FILE: input.signingKeyFile,
    LINK_SIGNING_KEY_PREVIOUS_PARAMETER: undefined,
    LINK_SIGNING_KEY_PREVIOUS_FILE: undefined,
    // No CloudFront in front of the links locally: respond checks no origin secret.
    LINK_ORIGIN_SECRET_ARN: undefined,
    SES_FROM_ADDRESS: 'Referrals <referrals@platform.example.org>',
    SES_CONFIGURATION_SET: 'local',
    ...DECLARED_SETTINGS,
    DELIVERY_MODE: input.deliveryMode,
    SIMULATED_PHONE_NUMBERS: input.simulatedPhoneNumbers.join(','),
  };
}

/**
 * The one environment every handler module runs in (they share this process): the SDK pointed at
 * the emulators, and the settings of every declared function (events/triggers.ts).
 */
export function localEnvironment(input: LocalSettingsInput): Record<string, string> {
  const settings = localSettings(input);
  const env: Record<string, string> = {
    AWS_REGION: input.region,
    AWS_ACCESS_KEY_ID: input.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: input.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: input.endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: input.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: input.endpoints.ses,
    AWS_ENDPOINT_URL_SNS: input.endpoints.sms,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: input.logLevel,
    POWERTOOLS_METRICS_DISABLED: input.emitMetrics ? 'false' : 'true',
  };
  for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) Object.assign(env, environmentOf(FUNCTIONS[key].name, WIRING[key], settings, 'local (local/settings.ts)').environment);
  return env;
}
