import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ErrorCode, PorticoError } from '../../common/errors';
import { Ctx, RequirePermission } from '../decorators';
import type { RequestContext } from '../principal';
import { zodBody } from '../../common/http/zod-body.pipe';
import {
  type CreateSsoConnection,
  CreateSsoConnectionDto,
  createSsoConnectionSchema,
  SsoConnectionDto,
  type UpdateSsoConnection,
  UpdateSsoConnectionDto,
  updateSsoConnectionSchema,
} from './sso-connections.dto';
import { SsoConnectionsService } from './sso-connections.service';

const connectionId = () => Param('connectionId', new ParseUUIDPipe({ exceptionFactory: () => notFoundError() }));

@ApiTags('sso')
@Controller('admin/workspaces/:workspaceId/sso-connections')
export class SsoConnectionsController {
  constructor(private readonly connections: SsoConnectionsService) {}

  @Get()
  @RequirePermission('sso', 'read')
  @ApiOperation({ summary: 'List the workspace’s OIDC connections (secrets never shown)' })
  @ApiOkResponse({ type: [SsoConnectionDto] })
  list(@Ctx() context: RequestContext, @Param('workspaceId') workspaceId: string): Promise<SsoConnectionDto[]> {
    return this.connections.list(context, workspaceId);
  }

  @Post()
  @RequirePermission('sso', 'write')
  @ApiOperation({ summary: 'Add an OIDC identity provider', description: 'Every mapped role must be one you hold in full.' })
  @ApiCreatedResponse({ type: SsoConnectionDto })
  @ApiConflictResponse({ description: 'PORTICO_ERR_CONFLICT: the name is taken' })
  @ApiUnprocessableEntityResponse({ description: 'PORTICO_ERR_UNKNOWN_ROLE' })
  @ApiBody({ type: CreateSsoConnectionDto })
  create(@Ctx() context: RequestContext, @Param('workspaceId') workspaceId: string, @Body(zodBody(createSsoConnectionSchema)) body: CreateSsoConnection): Promise<SsoConnectionDto> {
    return this.connections.create(context, workspaceId, body);
  }

  @Get(':connectionId')
  @RequirePermission('sso', 'read')
  @ApiOperation({ summary: 'Read one OIDC connection' })
  @ApiOkResponse({ type: SsoConnectionDto })
  @ApiNotFoundResponse({ description: 'PORTICO_ERR_NOT_FOUND (also for another workspace’s connection)' })
  get(@Ctx() context: RequestContext, @Param('workspaceId') workspaceId: string, @connectionId() id: string): Promise<SsoConnectionDto> {
    return this.connections.get(context, workspaceId, id);
  }

  @Patch(':connectionId')
  @RequirePermission('sso', 'write')
  @ApiOperation({ summary: 'Change an OIDC connection', description: '`clientSecret`: a string replaces it, null removes it, absent keeps it.' })
  @ApiOkResponse({ type: SsoConnectionDto })
  @ApiBody({ type: UpdateSsoConnectionDto })
  update(
    @Ctx() context: RequestContext,
    @Param('workspaceId') workspaceId: string,
    @connectionId() id: string,
    @Body(zodBody(updateSsoConnectionSchema)) body: UpdateSsoConnection,
  ): Promise<SsoConnectionDto> {
    return this.connections.update(context, workspaceId, id, body);
  }

  @Delete(':connectionId')
  @RequirePermission('sso', 'write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an OIDC connection (its users keep their accounts, not its sign-in)' })
  @ApiNoContentResponse()
  remove(@Ctx() context: RequestContext, @Param('workspaceId') workspaceId: string, @connectionId() id: string): Promise<void> {
    return this.connections.remove(context, workspaceId, id);
  }
}

function notFoundError(): PorticoError {
  return new PorticoError(ErrorCode.NOT_FOUND, 'SSO connection not found', { status: 404 });
}
