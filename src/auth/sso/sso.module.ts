import { Module } from '@nestjs/common';

/** OIDC single sign-on (authorization code + PKCE) and the admin API for SSO connections. */
@Module({})
export class SsoModule {}
