import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { FileSigningKey, SsmSigningKey, type SigningKeySource } from './signing-key.js';

/** The link key from SSM Parameter Store on AWS (cached by Powertools Parameters), a file locally. */
export function signingKeySource(config: { LINK_SIGNING_KEY_PARAMETER?: string | undefined; LINK_SIGNING_KEY_FILE?: string | undefined }): SigningKeySource {
  if (config.LINK_SIGNING_KEY_PARAMETER) {
    return new SsmSigningKey(config.LINK_SIGNING_KEY_PARAMETER, (name) => getParameter(name, { decrypt: true, maxAge: 300 }));
  }
  return new FileSigningKey(config.LINK_SIGNING_KEY_FILE!);
}
