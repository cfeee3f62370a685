import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../decorators';
import type { RequestContext } from '../principal';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, RotateApiKeyDto, RotatedApiKeyDto, UpdateApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('API keys')
@Controller('admin/workspaces/:workspaceId/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequirePermission('api_keys', 'write')
  @ApiOperation({ summary: 'Create a key for a service account or for yourself; the answer shows the key, this once' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(ctx, workspaceId, body);
  }

  @Get()
  @RequirePermission('api_keys', 'read')
  @ApiOperation({ summary: 'List the keys of the workspace (never a secret)' })
  @ApiOkResponse({ type: ApiKeyDto, isArray: true })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<ApiKeyDto[]> {
    return this.keys.list(ctx, workspaceId);
  }

  @Get(':keyId')
  @RequirePermission('api_keys', 'read')
  @ApiOperation({ summary: 'Get one key (never its secret)' })
  @ApiOkResponse({ type: ApiKeyDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('keyId') keyId: string): Promise<ApiKeyDto> {
    return this.keys.get(ctx, workspaceId, keyId);
  }

  @Patch(':keyId')
  @RequirePermission('api_keys', 'write')
  @ApiOperation({ summary: 'Rename, change scopes or expiry' })
  @ApiOkResponse({ type: ApiKeyDto })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('keyId') keyId: string, @Body() body: UpdateApiKeyDto): Promise<ApiKeyDto> {
    return this.keys.update(ctx, workspaceId, keyId, body);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @RequirePermission('api_keys', 'write')
  @ApiOperation({ summary: 'Revoke: the key stops working on every replica within a second' })
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('keyId') keyId: string): Promise<ApiKeyDto> {
    return this.keys.revoke(ctx, workspaceId, keyId);
  }

  @Post(':keyId/rotate')
  @HttpCode(201)
  @RequirePermission('api_keys', 'write')
  @ApiOperation({ summary: 'Issue a replacement (shown once); the old key keeps working for the grace period' })
  @ApiCreatedResponse({ type: RotatedApiKeyDto })
  rotate(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('keyId') keyId: string, @Body() body: RotateApiKeyDto): Promise<RotatedApiKeyDto> {
    return this.keys.rotate(ctx, workspaceId, keyId, body);
  }
}
