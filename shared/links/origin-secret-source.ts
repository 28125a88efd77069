import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { ORIGIN_SECRET_MAX_AGE_SECONDS, type OriginSecretSource } from './origin-verify.js';

type GetSecret = (id: string) => Promise<unknown>;

/** Powertools Parameters, cached for ORIGIN_SECRET_MAX_AGE_SECONDS. */
const powertools: GetSecret = (id) => getSecret(id, { maxAge: ORIGIN_SECRET_MAX_AGE_SECONDS });

/**
 * The CloudFront origin-verify secret from Secrets Manager (by ARN; respond's role may read only
 * that secret). A binary or empty secret is an error, never "no check".
 */
export function secretsManagerOriginSecret(secretArn: string, get: GetSecret = powertools): OriginSecretSource {
  return {
    async load() {
      const value = await get(secretArn);
      if (typeof value !== 'string' || value === '') {
        const err = new Error('the origin-verify secret must be a non-empty SecretString');
        err.name = 'OriginSecretInvalid';
        throw err;
      }
      return value;
    },
  };
}
