import { Module } from '@nestjs/common';
import { ServiceAccountsModule } from '../service-accounts/service-accounts.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

/** The admin API for API keys: create (shown once), list, update, revoke, rotate with a grace period. */
@Module({
  imports: [ServiceAccountsModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService],
})
export class ApiKeysModule {}
