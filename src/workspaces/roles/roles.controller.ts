import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { CreateRoleDto, createRoleSchema, RoleDto, UpdateRoleDto, updateRoleSchema } from './role.dto';
import { RolesService } from './roles.service';

@ApiTags('roles')
@Controller('admin/workspaces/:workspaceId/roles')
export class RolesController {
  constructor(private readonly service: RolesService) {}

  @Get()
  @RequirePermission('roles', 'read')
  @ApiOperation({ summary: 'Built-in roles (read-only) and the custom roles of this workspace' })
  @ApiOkResponse({ type: [RoleDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<RoleDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Get(':roleId')
  @RequirePermission('roles', 'read')
  @ApiOkResponse({ type: RoleDto })
  get(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('roleId') roleId: string): Promise<RoleDto> {
    return this.service.get(ctx, workspaceId, roleId);
  }

  @Post()
  @RequirePermission('roles', 'write')
  @ApiCreatedResponse({ type: RoleDto })
  @ApiConflictResponse({ description: 'The name is taken' })
  create(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: CreateRoleDto): Promise<RoleDto> {
    return this.service.create(ctx, workspaceId, parseBody(createRoleSchema, body));
  }

  @Patch(':roleId')
  @RequirePermission('roles', 'write')
  @ApiOkResponse({ type: RoleDto })
  update(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('roleId') roleId: string, @Body() body: UpdateRoleDto): Promise<RoleDto> {
    return this.service.update(ctx, workspaceId, roleId, parseBody(updateRoleSchema, body));
  }

  @Delete(':roleId')
  @HttpCode(204)
  @RequirePermission('roles', 'write')
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'Members or service accounts still hold the role' })
  delete(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('roleId') roleId: string): Promise<void> {
    return this.service.delete(ctx, workspaceId, roleId);
  }
}
