/**
 * Powertools Logger, Metrics and Tracer, one of each per container. Configured by the environment
 * the stack sets (POWERTOOLS_SERVICE_NAME=sia, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL).
 * Tracing switches itself off outside Lambda; the local stack turns metrics output off.
 *
 * Data protection: log ids, keys, statuses and durations only — never survey content.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sia' });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Sicherheitsanalyse',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sia',
});
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sia' });

export { MetricUnit };

/** Runs `work` in its own X-Ray subsegment (a no-op without tracing) and flushes the metrics afterwards. */
export async function instrumented<T>(name: string, work: () => Promise<T>): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const segment = parent?.addNewSubsegment(`## ${name}`);
  if (segment) tracer.setSegment(segment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await work();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    segment?.close();
    if (parent) tracer.setSegment(parent);
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}
