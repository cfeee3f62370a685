import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../decorators';
import type { RequestContext } from '../principal';
import { CreateServiceAccountDto, ServiceAccountDto, UpdateServiceAccountDto } from './service-account.dto';
import { ServiceAccountsService } from './service-accounts.service';

@ApiTags('service accounts')
@Controller('admin/workspaces/:workspaceId/service-accounts')
export class ServiceAccountsController {
  constructor(private readonly accounts: ServiceAccountsService) {}

  @Post()
  @RequirePermission('service_accounts', 'write')
  @ApiOperation({ summary: 'Create a service account with a role (you must hold every permission of that role)' })
  @ApiCreatedResponse({ type: ServiceAccountDto })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateServiceAccountDto): Promise<ServiceAccountDto> {
    return this.accounts.create(ctx, workspaceId, body);
  }

  @Get()
  @RequirePermission('service_accounts', 'read')
  @ApiOperation({ summary: 'List the service accounts of the workspace' })
  @ApiOkResponse({ type: ServiceAccountDto, isArray: true })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<ServiceAccountDto[]> {
    return this.accounts.list(ctx, workspaceId);
  }

  @Get(':accountId')
  @RequirePermission('service_accounts', 'read')
  @ApiOperation({ summary: 'Get one service account' })
  @ApiOkResponse({ type: ServiceAccountDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string): Promise<ServiceAccountDto> {
    return this.accounts.get(ctx, workspaceId, accountId);
  }

  @Patch(':accountId')
  @RequirePermission('service_accounts', 'write')
  @ApiOperation({ summary: 'Change the description or the role' })
  @ApiOkResponse({ type: ServiceAccountDto })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string, @Body() body: UpdateServiceAccountDto): Promise<ServiceAccountDto> {
    return this.accounts.update(ctx, workspaceId, accountId, body);
  }

  @Post(':accountId/disable')
  @HttpCode(200)
  @RequirePermission('service_accounts', 'write')
  @ApiOperation({ summary: 'Disable: every key of the account stops working at once, on every replica' })
  @ApiOkResponse({ type: ServiceAccountDto })
  disable(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string): Promise<ServiceAccountDto> {
    return this.accounts.setDisabled(ctx, workspaceId, accountId, true);
  }

  @Post(':accountId/enable')
  @HttpCode(200)
  @RequirePermission('service_accounts', 'write')
  @ApiOperation({ summary: 'Enable again: its unrevoked, unexpired keys work again' })
  @ApiOkResponse({ type: ServiceAccountDto })
  enable(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string): Promise<ServiceAccountDto> {
    return this.accounts.setDisabled(ctx, workspaceId, accountId, false);
  }

  @Delete(':accountId')
  @HttpCode(204)
  @RequirePermission('service_accounts', 'write')
  @ApiOperation({ summary: 'Delete the account, its keys and its role' })
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string): Promise<void> {
    return this.accounts.delete(ctx, workspaceId, accountId);
  }
}
