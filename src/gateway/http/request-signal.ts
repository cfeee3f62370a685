import type { FastifyReply } from 'fastify';

/**
 * Aborts when the client goes away before the answer is complete, or when the request's total
 * deadline passes; upstream work listens to it and stops.
 */
export function requestSignal(reply: FastifyReply, totalMs: number): { signal: AbortSignal; dispose(): void } {
  const clientGone = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) clientGone.abort(new Error('the client closed the connection'));
  };
  reply.raw.once('close', onClose);
  return {
    signal: AbortSignal.any([clientGone.signal, AbortSignal.timeout(totalMs)]),
    dispose: () => reply.raw.off('close', onClose),
  };
}
