import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../../auth/decorators';
import type { RequestContext } from '../../../auth/principal';
import { parseBody } from '../../../common/http/problems';
import { CallLogSettingsDto, UpdateCallLogSettingsDto, updateCallLogSettingsSchema } from './call-log-settings.dto';
import { CallLogSettingsService } from './call-log-settings.service';

@ApiTags('call-logs')
@Controller('admin/workspaces/:workspaceId/call-log-settings')
export class CallLogSettingsController {
  constructor(private readonly service: CallLogSettingsService) {}

  @Get()
  @RequirePermission('call_logs', 'read')
  @ApiOperation({ summary: "The workspace's call-log settings (bodies are not stored unless turned on)" })
  @ApiOkResponse({ type: CallLogSettingsDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<CallLogSettingsDto> {
    return this.service.get(ctx, workspaceId);
  }

  @Put()
  @RequirePermission('call_logs', 'write')
  @ApiOperation({ summary: 'Turn storing request/response bodies in call logs on or off; applies to calls that start after the change reaches every replica' })
  @ApiOkResponse({ type: CallLogSettingsDto })
  @ApiBadRequestResponse({ description: 'The body is not `{"storeBodies": boolean}`' })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: UpdateCallLogSettingsDto): Promise<CallLogSettingsDto> {
    return this.service.update(ctx, workspaceId, parseBody(updateCallLogSettingsSchema, body));
  }
}
