import { Module } from '@nestjs/common';

/** Local accounts and sessions: login, refresh rotation, logout, password change, login throttling. */
@Module({})
export class SessionsModule {}
