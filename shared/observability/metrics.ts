import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createLogger } from './logger.js';
import { METRICS_NAMESPACE, type MetricName } from './metric-names.js';

export { MetricUnit };

export { METRIC, METRICS_NAMESPACE, type MetricName } from './metric-names.js';

/** What use cases need of metrics: count something. Powertools' `Metrics` is one. */
export interface MetricsRecorder {
  addMetric(name: MetricName, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void;
}

export const count = (metrics: MetricsRecorder, name: MetricName, value = 1): void => metrics.addMetric(name, MetricUnit.Count, value);

const NOTHING_TO_PUBLISH = 'No application metrics to publish';

/**
 * One Metrics per function, flushed as EMF by the `logMetrics` middleware at the end of each
 * invocation. Its own warnings go through the function's structured logger; the one about an
 * invocation that counted nothing (a GET, a record filtered out) is normal here and goes to
 * debug, so it does not drown real warnings.
 * Switched off by POWERTOOLS_METRICS_DISABLED (the local stack, unless asked for).
 */
export function createMetrics(serviceName: string, logger: Logger): Metrics {
  return new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName,
    logger: {
      debug: (...a: unknown[]) => logger.debug(String(a[0])),
      info: (...a: unknown[]) => logger.info(String(a[0])),
      warn: (...a: unknown[]) => (String(a[0]).startsWith(NOTHING_TO_PUBLISH) ? logger.debug(String(a[0])) : logger.warn(String(a[0]))),
      error: (...a: unknown[]) => logger.error(String(a[0])),
    },
  });
}

/** A function's logger and metrics, named alike. */
export function createObservability(serviceName: string): { logger: Logger; metrics: Metrics } {
  const logger = createLogger(serviceName);
  return { logger, metrics: createMetrics(serviceName, logger) };
}
