import { App, type AppProps, Fn, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

import { accessSettingsOf, type DeploymentFile, loadDeploymentFile } from './deployment.js';
import { LINK_WEB_ACL_ARN_OUTPUT, LinkWafStack } from './link-waf-stack.js';
import { ReferralsStack } from './stack.js';

export const STACK_NAME = 'ReferralsStack';
/** The us-east-1 stack with the link routes' web ACL (absent when the deployment says linkWaf: false). */
export const LINK_WAF_STACK_NAME = 'ReferralsLinkWaf';
/** `cdk deploy -c deployment=infra/deployments/<name>.json`: the deployment file's context key. */
export const DEPLOYMENT_CONTEXT_KEY = 'deployment';

/**
 * The CDK app: one env-agnostic stack (no account/region lookups, so synthesis needs no
 * credentials) checked by cdk-nag's AwsSolutions and Serverless packs, plus, unless the
 * deployment says `linkWaf: false`, the small link WAF stack in us-east-1 (infra/link-waf-stack.ts).
 * `infra/app.ts` runs it for the CLI; tests build the same thing with cdk.json's context.
 * With `-c deployment=<path>` the file (validated, infra/deployment.ts) gives the stack's
 * parameters their defaults and its sign-in and link settings; without it they are the defaults.
 */
export function createReferralsApp(props?: AppProps): { app: App; stack: ReferralsStack; linkWaf?: LinkWafStack; deployment?: DeploymentFile } {
  const app = new App(props);
  const path: unknown = app.node.tryGetContext(DEPLOYMENT_CONTEXT_KEY);
  if (path !== undefined && (typeof path !== 'string' || path === '')) {
    throw new Error(`context "${DEPLOYMENT_CONTEXT_KEY}" must be the path of a deployment file, e.g. -c ${DEPLOYMENT_CONTEXT_KEY}=infra/deployments/example.json`);
  }
  const deployment = path === undefined ? undefined : loadDeploymentFile(path);
  const access = accessSettingsOf(deployment);
  // The web ACL's ARN crosses regions (us-east-1 → the platform's region). CDK wires a cross-region
  // reference by itself only between stacks with explicit regions (CrossRegionReferencesRequireExplicitRegion),
  // which would tie the main template to one region at synth; `crossRegionReferences: true` would
  // add custom resources (an SSM writer and reader, each a Lambda) to both stacks. So the main stack
  // stays env-agnostic and reads the output with Fn::GetStackOutput (what CDK itself emits for a
  // "weak" reference, this app's default in cdk.json), after the WAF stack is deployed.
  const linkWaf = access.linkWaf
    ? new LinkWafStack(app, LINK_WAF_STACK_NAME, {
        description: "Referral platform: the AWS WAF web ACL (CloudFront scope, us-east-1) in front of offices' signed links",
        rateLimitPer5Minutes: access.linkRateLimitPer5Minutes,
      })
    : undefined;
  const stack = new ReferralsStack(app, STACK_NAME, {
    description: 'Referral-and-notification platform: table, stream functions, intake API',
    deployment,
    linkWebAclArn: linkWaf && Fn.getStackOutput(linkWaf.stackName, LINK_WEB_ACL_ARN_OUTPUT, linkWaf.region),
  });
  if (linkWaf) stack.addStackDependency(linkWaf, 'the link routes\' CloudFront distribution attaches the web ACL of ReferralsLinkWaf');
  // cdk-nag 3 is a policy-validation plugin (not an aspect): it runs on the finished tree at
  // synth; an unacknowledged error fails synthesis, warnings are printed and reported. Each
  // acknowledgement and its reason is also written into the template (Metadata.cdk_nag).
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    new ServerlessChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return { app, stack, ...(linkWaf ? { linkWaf } : {}), deployment };
}
