import type { FastifyReply } from 'fastify';
import { sendDataPlaneError } from '../data-plane-auth.hook';
import { isDataPlaneError } from '../data-plane-error';
import { fromGatewayError, openAiErrorBody, type WireError } from '../errors/openai-errors';
import { isGuardRefusal } from '../pipeline/call-guards';
import type { CallTrace } from '../pipeline/call-trace';

/** Any refusal on an OpenAI endpoint, in OpenAI's envelope with its truthful status, noted on the call's trace. */
export function sendOpenAiError(reply: FastifyReply, error: unknown, trace?: CallTrace): FastifyReply {
  if (isDataPlaneError(error)) {
    trace?.failed(error.kind === 'authentication' ? 'authentication' : 'permission', error.code);
    return sendDataPlaneError(reply, error, 'openai');
  }
  if (isGuardRefusal(error)) {
    trace?.failed('guard_blocked', error.block.code);
    return sendWireError(reply, error.toWire());
  }
  const wire = fromGatewayError(error);
  trace?.failedWith(wire, 'gateway');
  return sendWireError(reply, wire);
}

/** The error in OpenAI's envelope; headers already set on `reply` (rate limits, attempts) stay, the error's own are added. */
export function sendWireError(reply: FastifyReply, wire: WireError): FastifyReply {
  return reply
    .code(wire.status)
    .headers(wire.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .send(openAiErrorBody(wire));
}
