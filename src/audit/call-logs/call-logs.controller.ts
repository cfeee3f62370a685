import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { CALL_ERROR_CLASSES, CallLogDetailDto, CallLogPageDto, searchCallLogsSchema } from './call-logs.dto';
import { CallLogsService } from './call-logs.service';

@ApiTags('call-logs')
@Controller('admin/workspaces/:workspaceId/call-logs')
export class CallLogsController {
  constructor(private readonly service: CallLogsService) {}

  @Get()
  @RequirePermission('call_logs', 'read')
  @ApiOperation({ summary: 'Search call logs, newest first, within a time range (default: the last 24 h; at most 31 days)' })
  @ApiQuery({ name: 'requestId', required: false, description: 'The `x-request-id` of the call' })
  @ApiQuery({ name: 'apiKeyId', required: false, description: 'The API key that made the calls' })
  @ApiQuery({ name: 'model', required: false, description: 'Upstream model name, e.g. `gpt-4o-mini`' })
  @ApiQuery({ name: 'status', required: false, type: Number, description: 'HTTP status the caller received' })
  @ApiQuery({ name: 'errorClass', required: false, enum: CALL_ERROR_CLASSES })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601, inclusive; default `to` minus 24 h' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601, exclusive; default now' })
  @ApiQuery({ name: 'cursor', required: false, description: '`nextCursor` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1–500, default 50' })
  @ApiOkResponse({ type: CallLogPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter, cursor, or a range that is empty or longer than 31 days' })
  search(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Query() query: unknown): Promise<CallLogPageDto> {
    return this.service.search(ctx, workspaceId, parseBody(searchCallLogsSchema, query));
  }

  @Get(':callId')
  @RequirePermission('call_logs', 'read')
  @ApiOperation({ summary: 'One call, with its request and response bodies when the workspace stored them' })
  @ApiOkResponse({ type: CallLogDetailDto })
  @ApiNotFoundResponse({ description: 'No such call in this workspace' })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('callId') callId: string): Promise<CallLogDetailDto> {
    return this.service.get(ctx, workspaceId, callId);
  }
}
