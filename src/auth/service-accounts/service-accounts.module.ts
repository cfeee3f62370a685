import { Module } from '@nestjs/common';
import { RoleGrants } from './role-grants';
import { ServiceAccountsController } from './service-accounts.controller';
import { ServiceAccountsRepository } from './service-accounts.repository';
import { ServiceAccountsService } from './service-accounts.service';

/** Service accounts for automation, with their own roles and keys. */
@Module({
  controllers: [ServiceAccountsController],
  providers: [ServiceAccountsRepository, ServiceAccountsService, RoleGrants],
  exports: [ServiceAccountsRepository, RoleGrants],
})
export class ServiceAccountsModule {}
