import { Module } from '@nestjs/common';
import { ServiceAccountsModule } from '../service-accounts/service-accounts.module';
import { SessionsModule } from '../sessions/sessions.module';
import { OidcClient } from './oidc-client';
import { SsoConnectionsController } from './sso-connections.controller';
import { SsoConnectionsRepository } from './sso-connections.repository';
import { SsoConnectionsService } from './sso-connections.service';
import { SsoLoginStateRepository } from './sso-login-state.repository';
import { SsoLoginController } from './sso-login.controller';
import { SsoLoginService } from './sso-login.service';
import { SsoProvisioningRepository } from './sso-provisioning.repository';

/** OIDC single sign-on (authorization code + PKCE) and the admin API for SSO connections. */
@Module({
  imports: [SessionsModule, ServiceAccountsModule],
  controllers: [SsoConnectionsController, SsoLoginController],
  providers: [OidcClient, SsoConnectionsRepository, SsoConnectionsService, SsoLoginStateRepository, SsoProvisioningRepository, SsoLoginService],
})
export class SsoModule {}
