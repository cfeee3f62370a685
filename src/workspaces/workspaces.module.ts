import { Module } from '@nestjs/common';

/** Workspaces (tenants), users, members and custom roles. */
@Module({})
export class WorkspacesModule {}
