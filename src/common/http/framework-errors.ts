import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../errors';
import { type ErrorEnvelope, toErrorEnvelope } from './error-envelope';
import { protocolOf, renderForProtocol } from './protocol-envelopes';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * Refusals that Fastify makes before any route or hook runs: a URL it cannot decode (`%zz`), a
 * path parameter over its length limit, and (below) a request Node's HTTP parser rejects (CR/LF in a
 * header, headers too large). Without these they leave in Fastify's own body, without a request id.
 */
export function renderFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = toErrorEnvelope(error, request.id);
  void reply
    .header(REQUEST_ID_HEADER, request.id)
    .status(body.error.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(renderForProtocol(protocolOf(request.url ?? '/'), body));
}

const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'the request was not received in time' },
  HPE_HEADER_OVERFLOW: { status: 431, message: 'the request headers are too large' },
};

/** The path of the request line in the bytes the parser refused, to answer in that surface's envelope. */
function pathOf(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return '/';
  const line = rawPacket.subarray(0, Math.min(rawPacket.length, 2048)).toString('latin1').split('\r\n', 1)[0] ?? '';
  const path = line.split(' ')[1];
  return path?.startsWith('/') ? path : '/';
}

/** Fastify's `clientErrorHandler`: the same status Node would send, in the surface's envelope, with a request id. */
export function answerClientError(this: { log: { trace(object: unknown, message: string): void } }, error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, message: 'the HTTP request is malformed (e.g. a control character in a header)' };
  const requestId = randomUUID();
  const envelope: ErrorEnvelope = { error: { code: ErrorCode.BAD_REQUEST, message: known.message, status: known.status, requestId } };
  const body = JSON.stringify(renderForProtocol(protocolOf(pathOf(error.rawPacket)), envelope));
  this.log.trace({ err: error }, 'client error');
  if (socket.writable && socket.bytesWritten === 0) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `${REQUEST_ID_HEADER}: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
