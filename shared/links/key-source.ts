import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { CachedLinkKeys, FileSigningKey, KEY_MAX_AGE_SECONDS, SsmSigningKey, type GetParameter, type SigningKeySource } from './signing-key.js';

export interface KeySourceConfig {
  LINK_SIGNING_KEY_PARAMETER?: string | undefined;
  LINK_SIGNING_KEY_FILE?: string | undefined;
  LINK_SIGNING_KEY_PREVIOUS_PARAMETER?: string | undefined;
  LINK_SIGNING_KEY_PREVIOUS_FILE?: string | undefined;
}

/** SSM's "no such parameter", as thrown by the SDK or wrapped by Powertools (GetParameterError, cause). */
export function isParameterNotFound(e: unknown): boolean {
  for (let err = e, depth = 0; typeof err === 'object' && err !== null && depth < 3; err = (err as { cause?: unknown }).cause, depth++) {
    if ((err as { name?: unknown }).name === 'ParameterNotFound') return true;
  }
  return false;
}

/**
 * Through the SDK's SSM client (about 80 KB of each bundle that signs or verifies links: its
 * schemas and error classes), not the AWS Parameters and Secrets Lambda Extension, which would
 * take it out of route-referrals, deliver-notifications and respond: what the extension answers
 * for a parameter that does not exist is not documented (the previous key's "none" rests on it;
 * middy's extension middleware, middyjs/middy#1270, says the same), it cannot be run here to
 * find out (the local runtime reads keys from files), it answers only during an invocation, and
 * it has been seen to fail under a burst of cold starts (elastic/docs-builder#2501).
 *
 * Powertools Parameters, decrypted, cached for the same KEY_MAX_AGE_SECONDS as CachedLinkKeys
 * (whose age starts when a read completes, after Powertools stored the value, so Powertools'
 * copy has always expired when CachedLinkKeys reads again). A parameter that does not exist
 * reads as undefined: fatal for the current key, "none" for the previous one.
 */
const ssm: GetParameter = async (name) => {
  try {
    return await getParameter(name, { decrypt: true, maxAge: KEY_MAX_AGE_SECONDS });
  } catch (e) {
    if (isParameterNotFound(e)) return undefined;
    throw e;
  }
};

/**
 * The link keys: SSM Parameter Store on AWS, files locally. `use: 'sign'` (route-referrals)
 * reads only the current key; `use: 'verify'` (respond) also the previous one when configured.
 * Both are re-read after at most KEY_MAX_AGE_SECONDS, so a rotation needs no redeploy.
 */
export function signingKeySource(config: KeySourceConfig, use: 'sign' | 'verify'): SigningKeySource {
  const previous = use === 'verify';
  if (config.LINK_SIGNING_KEY_PARAMETER) {
    const prev = previous && config.LINK_SIGNING_KEY_PREVIOUS_PARAMETER;
    return new CachedLinkKeys(
      new SsmSigningKey(config.LINK_SIGNING_KEY_PARAMETER, ssm),
      prev ? new SsmSigningKey(prev, ssm, { optional: true }) : undefined,
    );
  }
  const prev = previous && config.LINK_SIGNING_KEY_PREVIOUS_FILE;
  return new CachedLinkKeys(new FileSigningKey(config.LINK_SIGNING_KEY_FILE!), prev ? new FileSigningKey(prev, { create: false }) : undefined);
}
