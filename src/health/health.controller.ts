import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/http/public.decorator';
import { HealthService, type ReadinessReport } from './health.service';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Public()
  @ApiOperation({ summary: 'Readiness: the database answers and every plugin is initialised' })
  @ApiOkResponse({ schema: { example: { status: 'ready', checks: { database: { ready: true }, plugins: { ready: true } } } } })
  @ApiServiceUnavailableResponse({ description: 'A dependency is not ready; `checks` names it' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    void reply.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
