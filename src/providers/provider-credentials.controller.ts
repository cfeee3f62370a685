import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../auth/decorators';
import type { RequestContext } from '../auth/principal';
import { parseBody } from '../common/http/problems';
import { AddProviderCredentialDto, addProviderCredentialSchema, ProviderCredentialDto } from './provider-credential.dto';
import { ProviderCredentialsService } from './provider-credentials.service';

@ApiTags('provider accounts')
@Controller('admin/workspaces/:workspaceId/provider-accounts/:accountId/credentials')
export class ProviderCredentialsController {
  constructor(private readonly service: ProviderCredentialsService) {}

  @Get()
  @RequirePermission('providers', 'read')
  @ApiOperation({ summary: "The account's extra credentials (hints only), in rotation order after the primary one" })
  @ApiOkResponse({ type: [ProviderCredentialDto] })
  @ApiNotFoundResponse({ description: 'No such account in this workspace' })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('accountId') accountId: string): Promise<ProviderCredentialDto[]> {
    return this.service.list(ctx, workspaceId, accountId);
  }

  @Post()
  @RequirePermission('providers', 'write')
  @ApiOperation({ summary: 'Add a credential, tried after the others when a key is refused (401) or throttled (429); stored encrypted, never returned' })
  @ApiCreatedResponse({ type: ProviderCredentialDto })
  @ApiNotFoundResponse({ description: 'No such account in this workspace' })
  add(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('accountId') accountId: string,
    @Body() body: AddProviderCredentialDto,
  ): Promise<ProviderCredentialDto> {
    return this.service.add(ctx, workspaceId, accountId, parseBody(addProviderCredentialSchema, body));
  }

  @Delete(':credentialId')
  @HttpCode(204)
  @RequirePermission('providers', 'write')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such account or credential in this workspace' })
  delete(
    @Ctx() ctx: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @Param('accountId') accountId: string,
    @Param('credentialId') credentialId: string,
  ): Promise<void> {
    return this.service.delete(ctx, workspaceId, accountId, credentialId);
  }
}
