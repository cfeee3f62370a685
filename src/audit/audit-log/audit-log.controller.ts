import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission, RequireSuperadmin } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import {
  AuditExportQueryDto,
  AuditPageDto,
  AuditPageQueryDto,
  AuditVerifyDto,
  exportQuerySchema,
  InstanceAuditExportQueryDto,
  InstanceAuditPageQueryDto,
  InstanceAuditVerifyQueryDto,
  instanceExportQuerySchema,
  instancePageQuerySchema,
  instanceVerifyQuerySchema,
  pageQuerySchema,
} from './audit-log.dto';
import { AuditLogService } from './audit-log.service';

const EXPORTED = { description: 'One entry per line (JSONL), or CSV with a header row; oldest first', schema: { type: 'string' } } as const;

@ApiTags('audit')
@Controller('admin/workspaces/:workspaceId/audit')
export class WorkspaceAuditController {
  constructor(private readonly service: AuditLogService) {}

  @Get()
  @RequirePermission('audit', 'read')
  @ApiOperation({ summary: "The workspace's audit log, newest first, one page at a time" })
  @ApiOkResponse({ type: AuditPageDto })
  page(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: AuditPageQueryDto): Promise<AuditPageDto> {
    return this.service.page(ctx, workspaceId, parseBody(pageQuerySchema, query));
  }

  @Get('export')
  @RequirePermission('audit', 'read')
  @ApiOperation({ summary: "Download the workspace's audit log (same filters), streamed" })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse(EXPORTED)
  export(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: AuditExportQueryDto): StreamableFile {
    return this.service.export(ctx, workspaceId, parseBody(exportQuerySchema, query));
  }

  @Get('verify')
  @RequirePermission('audit', 'read')
  @ApiOperation({ summary: "Walk the workspace's hash chain and name the first broken link" })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<AuditVerifyDto> {
    return this.service.verify(ctx, workspaceId);
  }
}

@ApiTags('audit')
@Controller('admin/audit')
export class InstanceAuditController {
  constructor(private readonly service: AuditLogService) {}

  @Get()
  @RequireSuperadmin()
  @ApiOperation({ summary: 'The instance audit log (users, workspaces, default prices…), or one workspace’s with `workspaceId`' })
  @ApiOkResponse({ type: AuditPageDto })
  page(@Ctx() ctx: RequestContext, @Query() query: InstanceAuditPageQueryDto): Promise<AuditPageDto> {
    return this.service.instancePage(ctx, parseBody(instancePageQuerySchema, query));
  }

  @Get('export')
  @RequireSuperadmin()
  @ApiOperation({ summary: 'Download the instance audit log, or one workspace’s with `workspaceId`, streamed' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse(EXPORTED)
  export(@Ctx() ctx: RequestContext, @Query() query: InstanceAuditExportQueryDto): StreamableFile {
    return this.service.instanceExport(ctx, parseBody(instanceExportQuerySchema, query));
  }

  @Get('verify')
  @RequireSuperadmin()
  @ApiOperation({ summary: 'Walk the instance hash chain (or one workspace’s) and name the first broken link' })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(@Ctx() ctx: RequestContext, @Query() query: InstanceAuditVerifyQueryDto): Promise<AuditVerifyDto> {
    return this.service.instanceVerify(ctx, parseBody(instanceVerifyQuerySchema, query));
  }
}
