import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import {
  CreateProviderAccountDto,
  createProviderAccountSchema,
  ProviderAccountDto,
  ProviderPluginDto,
  UpdateProviderAccountDto,
  updateProviderAccountSchema,
} from './provider-account.dto';
import { ProviderAccountsService } from './provider-accounts.service';

@ApiTags('provider accounts')
@Controller('admin/workspaces/:workspaceId')
export class ProviderAccountsController {
  constructor(private readonly service: ProviderAccountsService) {}

  @Get('provider-plugins')
  @RequirePermission('providers', 'read')
  @ApiOperation({ summary: 'The provider plugins this deployment has loaded' })
  @ApiOkResponse({ type: [ProviderPluginDto] })
  plugins(@Ctx() ctx: RequestContext): ProviderPluginDto[] {
    return this.service.listPlugins(ctx);
  }

  @Get('provider-accounts')
  @RequirePermission('providers', 'read')
  @ApiOkResponse({ type: [ProviderAccountDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<ProviderAccountDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post('provider-accounts')
  @RequirePermission('providers', 'write')
  @ApiOperation({ summary: 'Register an account with a provider plugin (the credential is stored encrypted, never returned)' })
  @ApiCreatedResponse({ type: ProviderAccountDto })
  @ApiConflictResponse({ description: 'The name is taken' })
  @ApiUnprocessableEntityResponse({ description: 'PORTICO_ERR_UNKNOWN_PROVIDER_PLUGIN: the plugin is not loaded' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateProviderAccountDto): Promise<ProviderAccountDto> {
    return this.service.create(ctx, workspaceId, parseBody(createProviderAccountSchema, body));
  }

  @Get('provider-accounts/:accountId')
  @RequirePermission('providers', 'read')
  @ApiOkResponse({ type: ProviderAccountDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string): Promise<ProviderAccountDto> {
    return this.service.get(ctx, workspaceId, accountId);
  }

  @Patch('provider-accounts/:accountId')
  @RequirePermission('providers', 'write')
  @ApiOperation({ summary: 'Update an account; a new credential replaces the old one (which is never readable)' })
  @ApiOkResponse({ type: ProviderAccountDto })
  update(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('accountId') accountId: string,
    @Body() body: UpdateProviderAccountDto,
  ): Promise<ProviderAccountDto> {
    return this.service.update(ctx, workspaceId, accountId, parseBody(updateProviderAccountSchema, body));
  }

  @Delete('provider-accounts/:accountId')
  @HttpCode(204)
  @RequirePermission('providers', 'write')
  @ApiNoContentResponse()
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, accountId);
  }
}
