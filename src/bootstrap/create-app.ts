import type { IncomingMessage } from 'node:http';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { ErrorEnvelopeFilter } from '../common/http/error.filter';
import { answerClientError, renderFrameworkError } from '../common/http/framework-errors';
import { depthLimitedJsonParser } from '../common/http/json-body-parser';
import { REQUEST_ID_HEADER, resolveRequestId } from '../common/http/request-id';
import { PinoNestLogger } from '../common/logging/logger';
import type { PorticoRuntime } from './runtime';
import { setupSwagger } from './swagger';

export const PORTICO_VERSION = '0.1.0';

/** Builds the Nest application over Fastify; the caller decides whether to `listen` or `inject`. */
export async function createApp(runtime: PorticoRuntime, extraModules: Type[] = []): Promise<NestFastifyApplication> {
  const { config, logger } = runtime;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (request: IncomingMessage) => resolveRequestId(request.headers[REQUEST_ID_HEADER]),
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    forceCloseConnections: 'idle',
    // While closing, new connections are refused by the closed listener; a request that still
    // arrives on a kept-alive connection is served through the pipeline (and call-logged) rather
    // than answered 503 by Fastify before any hook could record it.
    return503OnClosing: false,
    frameworkErrors: renderFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(runtime, extraModules), adapter, {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser('application/json', { bodyLimit: config.server.bodyLimitBytes }, depthLimitedJsonParser(fastify));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100 },
      'request completed',
    );
    done();
  });
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  setupSwagger(app, PORTICO_VERSION);
  await app.init();
  return app;
}
