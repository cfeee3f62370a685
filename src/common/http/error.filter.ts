import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorEnvelope } from './error-envelope';

/** Every control-plane error leaves in one envelope; a 5xx is logged with its request id, never leaked. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toErrorEnvelope(exception, request.id);
    if (body.error.status >= 500) request.log.error({ err: exception }, 'request failed');
    void reply.status(body.error.status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
