import cluster from 'node:cluster';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export const WORKER_ID_HEADER = 'x-portico-worker';

/**
 * Cluster mode with `PORTICO_EXPOSE_WORKER_ID=true`: every response names the worker that
 * answered it, so an operator (or a test) can see that requests are spread over the workers.
 */
@Module({})
export class WorkerIdentityModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const workerId = String(cluster.worker?.id ?? 0);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (_request, reply, done) => {
      void reply.header(WORKER_ID_HEADER, workerId);
      done();
    });
  }
}
