import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:cluster';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { ErrorCode } from '../common/errors';
import { MetricsAccess } from '../observability/metrics/metrics-access';

const REQUEST = 'portico:metrics-request';
const ANSWER = 'portico:metrics-answer';

type WorkerMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}

interface MetricsAnswer {
  type: typeof ANSWER;
  id: string;
  metrics?: WorkerMetrics;
  error?: string;
}

/** Worker side: answers the primary's requests with this worker's registry (as JSON). */
export function answerMetricsRequests(registry: Registry): void {
  process.on('message', (message: Partial<MetricsRequest>) => {
    if (message?.type !== REQUEST || typeof message.id !== 'string') return;
    const id = message.id;
    registry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: ANSWER, id, metrics } satisfies MetricsAnswer),
      (error: unknown) => process.send?.({ type: ANSWER, id, error: String(error) } satisfies MetricsAnswer),
    );
  });
}

/**
 * Primary side: asks every listening worker for its metrics and merges them the way prom-client's
 * cluster aggregation does (counters and histograms summed; gauges by their declared aggregator).
 * A worker that does not answer within `timeoutMs` is left out, and counted in
 * `portico_cluster_workers_unanswered`, rather than failing the whole scrape.
 */
export async function collectClusterMetrics(workers: readonly Worker[], timeoutMs: number): Promise<string> {
  const answers = await Promise.all(workers.map((worker) => askWorker(worker, timeoutMs)));
  const registry = AggregatorRegistry.aggregate(answers.filter((answer): answer is WorkerMetrics => answer !== undefined));
  const unanswered = answers.filter((answer) => answer === undefined).length;
  const summary =
    '# HELP portico_cluster_workers Workers whose metrics are in this scrape\n# TYPE portico_cluster_workers gauge\n' +
    `portico_cluster_workers ${workers.length - unanswered}\n` +
    '# HELP portico_cluster_workers_unanswered Listening workers that did not answer this scrape in time\n# TYPE portico_cluster_workers_unanswered gauge\n' +
    `portico_cluster_workers_unanswered ${unanswered}\n`;
  return (await registry.metrics()) + summary;
}

function askWorker(worker: Worker, timeoutMs: number): Promise<WorkerMetrics | undefined> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const finish = (metrics: WorkerMetrics | undefined) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(metrics);
    };
    const onMessage = (message: Partial<MetricsAnswer>) => {
      if (message?.type === ANSWER && message.id === id) finish(message.error ? undefined : message.metrics);
    };
    const onExit = () => finish(undefined);
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    try {
      worker.send({ type: REQUEST, id } satisfies MetricsRequest);
    } catch {
      finish(undefined);
    }
  });
}

export interface ClusterMetricsServerOptions {
  readonly host: string;
  readonly port: number;
  /** Same rule as `GET /metrics`: when set, `Authorization: Bearer <token>` is required. */
  readonly token?: string;
  readonly workers: () => readonly Worker[];
  readonly logger: Logger;
  readonly timeoutMs?: number;
}

/** `GET /metrics` on the primary: the whole cluster in one scrape. Nothing else is served there. */
export async function startClusterMetricsServer(options: ClusterMetricsServerOptions): Promise<Server> {
  const access = new MetricsAccess(options.token);
  const server = createServer((request, response) => void serve(request, response));
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') return sendError(response, 404, ErrorCode.NOT_FOUND, 'only GET /metrics is served on the cluster metrics port');
    if (!access.allows(request.headers)) {
      response.setHeader('www-authenticate', 'Bearer realm="portico-metrics"');
      return sendError(response, 401, ErrorCode.UNAUTHENTICATED, 'this endpoint needs the metrics token as a bearer token');
    }
    try {
      const text = await collectClusterMetrics(options.workers(), options.timeoutMs ?? 2_000);
      response.writeHead(200, { 'content-type': AggregatorRegistry.PROMETHEUS_CONTENT_TYPE }).end(text);
    } catch (error) {
      options.logger.error({ err: error }, 'cluster metrics could not be aggregated');
      sendError(response, 500, ErrorCode.INTERNAL, 'the workers\u2019 metrics could not be aggregated');
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  const requestId = randomUUID();
  response
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId })
    .end(JSON.stringify({ error: { code, message, status, requestId } }));
}
