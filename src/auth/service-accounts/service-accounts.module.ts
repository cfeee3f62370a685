import { Module } from '@nestjs/common';

/** Service accounts for automation, with their own roles and keys. */
@Module({})
export class ServiceAccountsModule {}
