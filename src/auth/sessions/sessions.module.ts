import { Module } from '@nestjs/common';
import { AuthThrottleRepository } from './auth-throttle.repository';
import { DefaultLoginThrottleStrategy } from './default-login-throttle-strategy';
import { LOGIN_THROTTLE_STRATEGY } from './login-throttle-strategy';
import { LoginThrottleService } from './login-throttle.service';
import { MeService } from './me.service';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionTokensService } from './session-tokens.service';
import { SessionUsersRepository } from './session-users.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Local accounts and sessions: login, refresh rotation, logout, password change, login throttling. */
@Module({
  controllers: [SessionsController],
  providers: [
    { provide: LOGIN_THROTTLE_STRATEGY, useClass: DefaultLoginThrottleStrategy },
    AuthThrottleRepository,
    LoginThrottleService,
    RefreshTokenRepository,
    SessionUsersRepository,
    SessionTokensService,
    SessionsService,
    MeService,
  ],
  exports: [SessionTokensService, SessionUsersRepository],
})
export class SessionsModule {}
