import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

/**
 * What the bundled functions get in place of `@aws-sdk/credential-provider-node` (an esbuild alias,
 * HOUSE_ESBUILD in infra/bundling.ts). Every SDK client's runtime config imports that package's
 * `defaultProvider`, the whole default chain: SSO, INI profiles, login, process, web identity and
 * the container and instance metadata providers, with the STS, SSO and sign-in clients they call
 * (about 100 KB minified in every bundle). Lambda hands a function its role's credentials in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the first link of
 * that chain, so the rest is never reached there. Only the bundles use this: the local runtime,
 * the tests and the CLI run the modules unbundled, with the SDK's full chain.
 */
export const defaultProvider = (init?: FromEnvInit) => fromEnv(init);
