import type { FastifyInstance, FastifyReply } from 'fastify';
import { ErrorCode, isPorticoError, PorticoError } from '../../common/errors';
import type { WireError } from '../../gateway/errors/openai-errors';
import type { CallTrace } from '../../gateway/pipeline/call-trace';
import type { PromptResolver } from './prompt-resolver';

declare module 'fastify' {
  interface FastifyInstance {
    /** The prompt registry's resolver, installed by the prompts module (null until then). */
    porticoPrompts: PromptResolver | null;
  }
}

/**
 * Hands the resolver to the data plane through the Fastify instance the `/v1` routes live on: the
 * gateway module does not depend on the prompts module (which depends on the gateway for "try").
 */
export function installPromptResolver(fastify: FastifyInstance, resolver: PromptResolver): void {
  if (fastify.hasDecorator('porticoPrompts')) fastify.porticoPrompts = resolver;
  else fastify.decorate('porticoPrompts', resolver);
}

export function promptResolverOf(fastify: FastifyInstance): PromptResolver {
  const resolver = fastify.hasDecorator('porticoPrompts') ? fastify.porticoPrompts : null;
  if (!resolver) throw new PorticoError(ErrorCode.NOT_READY, 'the prompt registry is not available in this process', { status: 503 });
  return resolver;
}

const PROMPT_CODES = new Set<string>([ErrorCode.PROMPT_NOT_FOUND, ErrorCode.PROMPT_VARIABLES_INVALID]);

/** A refusal of the prompt registry on the data plane (unknown prompt, label or version; bad variables). */
export function isPromptRefusal(error: unknown): error is PorticoError {
  return isPorticoError(error) && PROMPT_CODES.has(error.code);
}

/**
 * Sends a prompt refusal in OpenAI's envelope with its truthful status: 404 `prompt_not_found`, or
 * 422 `prompt_variables_invalid` whose message lists every problem and whose `issues` carry them one by one.
 */
export function sendPromptRefusal(reply: FastifyReply, error: PorticoError, trace: CallTrace): FastifyReply {
  const notFound = error.code === ErrorCode.PROMPT_NOT_FOUND;
  const wire: WireError = {
    status: notFound ? 404 : 422,
    headers: {},
    type: 'invalid_request_error',
    code: notFound ? 'prompt_not_found' : 'prompt_variables_invalid',
    message: error.message,
    param: notFound ? 'prompt' : 'variables',
  };
  trace.failedWith(wire, 'gateway');
  const issues = Array.isArray(error.details.issues) ? { issues: error.details.issues } : {};
  return reply
    .code(wire.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ error: { message: wire.message, type: wire.type, code: wire.code, param: wire.param, ...issues } });
}
