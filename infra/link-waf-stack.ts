import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** A web ACL for CloudFront (scope CLOUDFRONT) can only be created in us-east-1. */
export const LINK_WAF_REGION = 'us-east-1';
/** The output the main stack reads (Fn::GetStackOutput) to attach the web ACL to its distribution. */
export const LINK_WEB_ACL_ARN_OUTPUT = 'LinkWebAclArn';
/** Name of the per-source-IP rate-based rule (also its CloudWatch metric name). */
export const LINK_RATE_RULE_NAME = 'LinkRequestsPerSourceIp';
/** AWS WAF's managed baseline rule set (the OWASP-style common rules). */
export const COMMON_RULE_SET = 'AWSManagedRulesCommonRuleSet';

export interface LinkWafStackProps extends StackProps {
  /** The deployment's linkRateLimitPer5Minutes: the default of LinkRateLimitPer5Minutes. */
  readonly rateLimitPer5Minutes: number;
}

/**
 * The web ACL in front of the offices' link routes (/r/{token}), attached to the main stack's
 * CloudFront distribution. WAF cannot be attached to an HTTP API, and a web ACL for CloudFront
 * lives in us-east-1 whatever region the platform runs in, hence this small stack of its own
 * (deployed first: the main stack depends on it and reads its ARN from LinkWebAclArn).
 *
 * Rules, in order: at most LinkRateLimitPer5Minutes requests from one source IP in 5 minutes
 * (blocked beyond, for as long as the IP stays over), then AWS's common rule set (bad bots
 * without a User-Agent, oversized bodies, path traversal, XSS and the like). Everything else is
 * allowed: the signed, expiring token is the credential, checked by the respond function.
 */
export class LinkWafStack extends Stack {
  readonly webAcl: CfnWebACL;
  readonly rateLimit: CfnParameter;

  constructor(scope: Construct, id: string, props: LinkWafStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: LINK_WAF_REGION } });

    this.rateLimit = new CfnParameter(this, 'LinkRateLimitPer5Minutes', {
      type: 'Number',
      default: props.rateLimitPer5Minutes,
      minValue: 10,
      maxValue: 2_000_000_000,
      description:
        'Requests one source IP may send to the link routes (/r/{token}) in 5 minutes; beyond it WAF answers 403 until the rate drops. ' +
        'An office answers a handful of links a day; a shared office NAT stays far below the default of 300.',
    });

    // Sampled requests are off: WAF would keep each sampled request's URI, and a link's URI is
    // its credential (the signed token). The CloudWatch metrics count blocks per rule.
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });
    this.webAcl = new CfnWebACL(this, 'LinkWebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Offices signed links under /r/ behind CloudFront: a rate limit per source IP and the AWS common rule set',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ReferralsLinkWebAcl'),
      rules: [
        {
          name: LINK_RATE_RULE_NAME,
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: this.rateLimit.valueAsNumber,
            },
          },
          visibilityConfig: visibility(LINK_RATE_RULE_NAME),
        },
        {
          name: COMMON_RULE_SET,
          priority: 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: COMMON_RULE_SET } },
          visibilityConfig: visibility(COMMON_RULE_SET),
        },
      ],
    });

    new CfnOutput(this, LINK_WEB_ACL_ARN_OUTPUT, {
      value: this.webAcl.attrArn,
      description: 'The web ACL of the link routes; the main stack attaches it to its CloudFront distribution',
    });
  }
}
