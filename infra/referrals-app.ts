import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

import { ReferralsStack } from './stack.js';

export const STACK_NAME = 'ReferralsStack';

/**
 * The CDK app: one env-agnostic stack (no account/region lookups, so synthesis needs no
 * credentials) checked by cdk-nag's AwsSolutions pack.
 * `infra/app.ts` runs it for the CLI; tests build the same thing with cdk.json's context.
 */
export function createReferralsApp(props?: AppProps): { app: App; stack: ReferralsStack } {
  const app = new App(props);
  const stack = new ReferralsStack(app, STACK_NAME, {
    description: 'Referral-and-notification platform: table, stream functions, intake API',
  });
  // cdk-nag 3 is a policy-validation plugin (not an aspect): it runs on the finished tree at
  // synth; an unacknowledged error fails synthesis, warnings are printed and reported. Each
  // acknowledgement and its reason is also written into the template (Metadata.cdk_nag).
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return { app, stack };
}
