import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequireSuperadmin } from '../../auth/decorators';
import type { RequestContext } from '../../auth/principal';
import { parseBody } from '../../common/http/problems';
import { CreatedUserDto, CreateUserDto, createUserSchema, UpdateUserDto, updateUserSchema, UserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Get()
  @RequireSuperadmin()
  @ApiOkResponse({ type: [UserDto] })
  list(@Ctx() ctx: RequestContext): Promise<UserDto[]> {
    return this.service.list(ctx);
  }

  @Post()
  @RequireSuperadmin()
  @ApiOperation({ summary: 'Create a user (a generated password is returned once)' })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiConflictResponse({ description: 'The e-mail is taken' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateUserDto): Promise<CreatedUserDto> {
    return this.service.create(ctx, parseBody(createUserSchema, body));
  }

  @Patch(':userId')
  @RequireSuperadmin()
  @ApiOperation({ summary: 'Rename, disable (stops their API keys at once) or change the superadmin flag' })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'It would leave no enabled superadmin' })
  update(@Ctx() ctx: RequestContext, @Param('userId') userId: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.service.update(ctx, userId, parseBody(updateUserSchema, body));
  }
}
