import type { FastifyReply } from 'fastify';
import { sendDataPlaneError } from '../data-plane-auth.hook';
import { isDataPlaneError } from '../data-plane-error';
import { fromGatewayError, openAiErrorBody, type WireError } from '../errors/openai-errors';

/** Any refusal on an OpenAI endpoint, in OpenAI's envelope with its truthful status. */
export function sendOpenAiError(reply: FastifyReply, error: unknown): FastifyReply {
  if (isDataPlaneError(error)) return sendDataPlaneError(reply, error, 'openai');
  return sendWireError(reply, fromGatewayError(error), {});
}

export function sendWireError(reply: FastifyReply, wire: WireError, headers: Record<string, string>): FastifyReply {
  return reply
    .code(wire.status)
    .headers({ ...headers, ...wire.headers })
    .header('content-type', 'application/json; charset=utf-8')
    .send(openAiErrorBody(wire));
}
