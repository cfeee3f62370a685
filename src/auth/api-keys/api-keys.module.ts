import { Module } from '@nestjs/common';

/** The admin API for API keys: create (shown once), list, update, revoke, rotate with a grace period. */
@Module({})
export class ApiKeysModule {}
