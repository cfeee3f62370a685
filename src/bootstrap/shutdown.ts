import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { stopRuntime, type PorticoRuntime } from './runtime';

/**
 * The shutdown order: stop accepting and let in-flight requests finish (Fastify's close),
 * then the modules' destroy hooks (writers flush), then plugins and the database.
 * Nest's own `close()` would run the destroy hooks before the server stops accepting.
 */
export async function closeGracefully(app: NestFastifyApplication, runtime: PorticoRuntime): Promise<void> {
  await closeHttpServer(app);
  await app.close();
  await stopRuntime(runtime);
}

/**
 * Node closes only the keep-alive connections that are idle when `close()` is called; one whose
 * request finishes later would hold the server open until its keep-alive timeout. Sweep them.
 */
async function closeHttpServer(app: NestFastifyApplication): Promise<void> {
  const server = app.getHttpServer() as Server;
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  try {
    await app.getHttpAdapter().getInstance().close();
  } finally {
    clearInterval(sweeper);
  }
}
