import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, PorticoError } from '../../common/errors';

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * `scheme://host[:port]` as the browser addressed Portico. Fastify reads `x-forwarded-proto` and
 * `x-forwarded-host` only when PORTICO_TRUST_PROXY is on; otherwise the connection and Host header.
 */
export function originOf(request: Pick<FastifyRequest, 'protocol' | 'host'>): string {
  if (!HOST.test(request.host ?? '')) {
    throw new PorticoError(ErrorCode.BAD_REQUEST, 'the Host header is missing or malformed', { status: 400 });
  }
  return `${request.protocol}://${request.host}`;
}

export const PublicOrigin = createParamDecorator((_data: unknown, execution: ExecutionContext): string =>
  originOf(execution.switchToHttp().getRequest<FastifyRequest>()),
);
