import type { FastifyReply } from 'fastify';

/**
 * Aborts when the client goes away before the answer is complete, or when the request's total
 * deadline passes; upstream work listens to it and stops. `dispose()` clears the deadline: a
 * plain `AbortSignal.timeout()` would keep a timer (and everything its signal reaches) alive for
 * the whole deadline of every request, long after the request ended.
 */
export function requestSignal(reply: FastifyReply, totalMs: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the client closed the connection'));
  };
  const deadline = setTimeout(() => controller.abort(new Error(`the request ran past its ${totalMs} ms deadline`)), totalMs);
  reply.raw.once('close', onClose);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(deadline);
      reply.raw.off('close', onClose);
    },
  };
}
