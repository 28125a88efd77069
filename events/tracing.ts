import type { FunctionDeclaration } from './triggers.js';

/**
 * X-Ray: which functions record traces as deployed (infra's HouseFunction follows this, and so
 * does the bench's cost model, bench/cost.ts).
 *
 * Active: the functions a person waits on, behind the HTTP API (the console's api, the offices'
 * and returnees' pages in respond). A slow page is a person waiting, and its trace is the one
 * place that shows the request's DynamoDB, SSM and Secrets Manager calls side by side.
 *
 * PassThrough for the stream and schedule functions: nobody waits on them, and a DynamoDB stream
 * or a schedule carries no trace header, so their trace would start and end in the function
 * itself, never joined to the request that wrote the record. Their own logs already say what a
 * trace would: every line names its case, referral or intent id and the Lambda request id
 * (Powertools' injectLambdaContext), the REPORT line gives the duration, and the delivery alarms
 * count their failures. An operator follows a referral across functions by its ids in Logs
 * Insights, which a trace could not do across the stream anyway.
 *
 * Lambda samples the first request each second, then 5 % (a rate the Lambda developer guide
 * says cannot be configured for a function, so a sampling rule in CDK is no lever here); at a
 * municipality's pace that is nearly every invocation: a traced function costs one trace each. The HTTP API (API Gateway v2) records no traces of its
 * own, so the api's and respond's traces begin in Lambda.
 */
export type TracingMode = 'Active' | 'PassThrough';

export function tracingOf(decl: Pick<FunctionDeclaration, 'trigger'>): TracingMode {
  return decl.trigger.kind === 'http' ? 'Active' : 'PassThrough';
}
