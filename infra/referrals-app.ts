import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

import { type DeploymentFile, loadDeploymentFile } from './deployment.js';
import { ReferralsStack } from './stack.js';

export const STACK_NAME = 'ReferralsStack';
/** `cdk deploy -c deployment=infra/deployments/<name>.json`: the deployment file's context key. */
export const DEPLOYMENT_CONTEXT_KEY = 'deployment';

/**
 * The CDK app: one env-agnostic stack (no account/region lookups, so synthesis needs no
 * credentials) checked by cdk-nag's AwsSolutions and Serverless packs.
 * `infra/app.ts` runs it for the CLI; tests build the same thing with cdk.json's context.
 * With `-c deployment=<path>` the file (validated, infra/deployment.ts) gives the stack's
 * parameters their defaults; without it the template is the same as ever.
 */
export function createReferralsApp(props?: AppProps): { app: App; stack: ReferralsStack; deployment?: DeploymentFile } {
  const app = new App(props);
  const path: unknown = app.node.tryGetContext(DEPLOYMENT_CONTEXT_KEY);
  if (path !== undefined && (typeof path !== 'string' || path === '')) {
    throw new Error(`context "${DEPLOYMENT_CONTEXT_KEY}" must be the path of a deployment file, e.g. -c ${DEPLOYMENT_CONTEXT_KEY}=infra/deployments/example.json`);
  }
  const deployment = path === undefined ? undefined : loadDeploymentFile(path);
  const stack = new ReferralsStack(app, STACK_NAME, {
    description: 'Referral-and-notification platform: table, stream functions, intake API',
    deployment,
  });
  // cdk-nag 3 is a policy-validation plugin (not an aspect): it runs on the finished tree at
  // synth; an unacknowledged error fails synthesis, warnings are printed and reported. Each
  // acknowledgement and its reason is also written into the template (Metadata.cdk_nag).
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    new ServerlessChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return { app, stack, deployment };
}
