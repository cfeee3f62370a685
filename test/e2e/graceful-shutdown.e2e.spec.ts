import { Controller, Get, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { Public } from '../../src/common/http/public.decorator';
import { closeGracefully } from '../../src/bootstrap/shutdown';
import { findFreePort } from '../support/ports';
import { startTestApp } from '../support/test-app';

const events: string[] = [];

@Controller('test-slow')
class SlowController {
  @Get()
  @Public()
  async slow(): Promise<{ done: true }> {
    await new Promise((resolve) => setTimeout(resolve, 700));
    events.push('slow request finished');
    return { done: true };
  }
}

/** Stands in for a batched writer: it must flush after in-flight requests, before the database closes. */
@Injectable()
class FlushProbe implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    events.push('writers flushed');
  }
}

@Module({ controllers: [SlowController], providers: [FlushProbe] })
class SlowModule {}

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new ones, then flushes and closes the database', async () => {
    const subject = await startTestApp({}, [SlowModule]);
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;

    const inFlight = fetch(`${base}/test-slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = closeGracefully(subject.app, subject.runtime).then(() => events.push('database closed'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await fetch(`${base}/healthz`).then(
      (response) => response.status,
      () => 'connection refused',
    );

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closing;
    expect([503, 'connection refused']).toContain(refused);
    expect(events).toEqual(['slow request finished', 'writers flushed', 'database closed']);
    expect(subject.runtime.dataSource.isInitialized).toBe(false);
    await subject.database.drop();
  });
});
