import { Module } from '@nestjs/common';

/** Provider accounts: which provider plugins a workspace uses, where, and with which (encrypted) credential. */
@Module({})
export class ProvidersModule {}
