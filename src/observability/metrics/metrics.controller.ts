import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Registry } from 'prom-client';
import { ErrorCode, PorticoError } from '../../common/errors';
import { Public } from '../../common/http/public.decorator';
import { METRICS_REGISTRY } from '../metrics-registry';
import { MetricsAccess } from './metrics-access';

/** Prometheus scrape endpoint. Public unless `PORTICO_METRICS_TOKEN` is set; never uses admin credentials. */
@ApiTags('observability')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly access: MetricsAccess,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format)',
    description:
      'Open to anyone unless PORTICO_METRICS_TOKEN is set; then send `Authorization: Bearer <PORTICO_METRICS_TOKEN>` ' +
      '(admin tokens and API keys are not accepted here).',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Every `portico_*` metric', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ description: 'A metrics token is configured and the request did not present it' })
  async scrape(@Headers() headers: IncomingHttpHeaders, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!this.access.allows(headers)) {
      void reply.header('www-authenticate', 'Bearer realm="portico-metrics"');
      throw new PorticoError(ErrorCode.UNAUTHENTICATED, 'this endpoint needs the metrics token as a bearer token', { status: 401 });
    }
    void reply.header('content-type', this.registry.contentType);
    return this.registry.metrics();
  }
}
