import { Module } from '@nestjs/common';
import { MembersController } from './members/members.controller';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { GrantCheck } from './roles/grant-check';
import { RolesController } from './roles/roles.controller';
import { RolesRepository } from './roles/roles.repository';
import { RolesService } from './roles/roles.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { WorkspacesRepository } from './workspaces/workspaces.repository';
import { WorkspacesService } from './workspaces/workspaces.service';

/** Workspaces (tenants), users, members and custom roles. */
@Module({
  controllers: [WorkspacesController, UsersController, MembersController, RolesController],
  providers: [
    GrantCheck,
    WorkspacesRepository,
    WorkspacesService,
    UsersRepository,
    UsersService,
    MembersRepository,
    MembersService,
    RolesRepository,
    RolesService,
  ],
})
export class WorkspacesModule {}
