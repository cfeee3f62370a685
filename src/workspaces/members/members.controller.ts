import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequirePermission } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { AddMemberDto, addMemberSchema, ChangeRoleDto, changeRoleSchema, MemberDto } from './member.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('admin/workspaces/:workspaceId/members')
export class MembersController {
  constructor(private readonly service: MembersService) {}

  @Get()
  @RequirePermission('members', 'read')
  @ApiOkResponse({ type: [MemberDto] })
  list(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string): Promise<MemberDto[]> {
    return this.service.list(ctx, workspaceId);
  }

  @Post()
  @RequirePermission('members', 'write')
  @ApiOperation({ summary: 'Add an existing user with a role' })
  @ApiCreatedResponse({ type: MemberDto })
  @ApiConflictResponse({ description: 'Already a member' })
  add(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Body() body: AddMemberDto): Promise<MemberDto> {
    return this.service.add(ctx, workspaceId, parseBody(addMemberSchema, body));
  }

  @Patch(':userId')
  @RequirePermission('members', 'write')
  @ApiOperation({ summary: "Change a member's role (only an owner grants or revokes owner)" })
  @ApiOkResponse({ type: MemberDto })
  @ApiConflictResponse({ description: 'PORTICO_ERR_LAST_OWNER: the workspace would have no owner' })
  changeRole(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('userId') userId: string, @Body() body: ChangeRoleDto): Promise<MemberDto> {
    return this.service.changeRole(ctx, workspaceId, userId, parseBody(changeRoleSchema, body));
  }

  @Delete(':userId')
  @HttpCode(204)
  @RequirePermission('members', 'write')
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'PORTICO_ERR_LAST_OWNER: the workspace would have no owner' })
  remove(@Ctx() ctx: RequestContext, @Param('workspaceId') workspaceId: string, @Param('userId') userId: string): Promise<void> {
    return this.service.remove(ctx, workspaceId, userId);
  }
}
