import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A fake OpenTelemetry collector speaking OTLP/HTTP with the JSON encoding (`POST /v1/traces`,
 * `content-type: application/json`), over a real socket. It keeps every span it received,
 * flattened with decoded attributes. Protobuf bodies are refused with 415: Portico's exporter
 * sends JSON, and a test that sees 415 learns that it stopped doing so.
 */

export type AttributeValue = string | number | boolean | AttributeValue[] | null;

/** One received span, ids in lower-case hex as OTLP/JSON carries them. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  /** Empty when the span is a root. */
  parentSpanId: string;
  name: string;
  /** OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, AttributeValue>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  resource: Record<string, AttributeValue>;
  scope: string;
}

export const OtlpSpanKind = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;
export const OtlpStatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;

export interface ExportRequestSeen {
  path: string;
  contentType: string;
  status: number;
}

export interface FakeOtlpCollector {
  /** Base URL, what `OTEL_EXPORTER_OTLP_ENDPOINT` takes (`http://127.0.0.1:<port>`). */
  url: string;
  spans(): CollectedSpan[];
  requests(): ExportRequestSeen[];
  /** Answer this status (e.g. 503) to every export until set back to 200. */
  failWith(status: number): void;
  /** Resolves with the spans once `predicate` holds on them, or rejects after `timeoutMs`. */
  waitFor(predicate: (spans: CollectedSpan[]) => boolean, timeoutMs?: number): Promise<CollectedSpan[]>;
  close(): Promise<void>;
}

interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
}

interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  status?: { code?: number; message?: string };
}

interface ExportTraceServiceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{ scope?: { name?: string }; spans?: OtlpJsonSpan[] }>;
  }>;
}

export async function startFakeOtlpCollector(): Promise<FakeOtlpCollector> {
  const collected: CollectedSpan[] = [];
  const seen: ExportRequestSeen[] = [];
  let failureStatus = 200;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => respond(response, 500, { message: String(error) }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const contentType = String(request.headers['content-type'] ?? '');
    const path = request.url ?? '';
    const status = request.method !== 'POST' || path !== '/v1/traces' ? 404 : !contentType.startsWith('application/json') ? 415 : failureStatus;
    seen.push({ path, contentType, status });
    if (status !== 200) return respond(response, status, { message: `fake collector answers ${status}` });
    collected.push(...flatten(JSON.parse(body.toString('utf8')) as ExportTraceServiceRequest));
    respond(response, 200, {});
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans: () => [...collected],
    requests: () => [...seen],
    failWith: (status) => {
      failureStatus = status;
    },
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(collected)) {
        if (Date.now() > deadline) throw new Error(`the fake collector did not receive the expected spans within ${timeoutMs} ms (has ${collected.length})`);
        await sleep(20);
      }
      return [...collected];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function flatten(request: ExportTraceServiceRequest): CollectedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = decodeAttributes(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        name: span.name,
        kind: span.kind ?? 0,
        startTimeUnixNano: BigInt(span.startTimeUnixNano),
        endTimeUnixNano: BigInt(span.endTimeUnixNano),
        attributes: decodeAttributes(span.attributes),
        statusCode: span.status?.code ?? 0,
        statusMessage: span.status?.message ?? '',
        resource,
        scope: scopeSpans.scope?.name ?? '',
      })),
    );
  });
}

function decodeAttributes(attributes: OtlpKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

function decodeValue(value: OtlpAnyValue): AttributeValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue);
  return null;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
