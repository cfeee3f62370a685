import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPorticoError } from '../errors';
import { toErrorEnvelope } from './error-envelope';
import { protocolOf, renderForProtocol } from './protocol-envelopes';

/**
 * Every control-plane error leaves in one envelope; a 5xx is logged with its request id, never leaked.
 * Under `/v1` the body takes the protocol's own format (OpenAI's, or Anthropic's on `/v1/messages`).
 * An error that says how long to wait (`details.retryAfterSeconds`) also sets `retry-after`.
 */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toErrorEnvelope(exception, request.id);
    if (body.error.status >= 500) request.log.error({ err: exception }, 'request failed');
    const retryAfter = isPorticoError(exception) ? exception.details.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    void reply
      .status(body.error.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(renderForProtocol(protocolOf(request.url), body));
  }
}
