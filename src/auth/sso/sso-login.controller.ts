import { Controller, Get, Param, ParseUUIDPipe, Query, Redirect, Req } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse, ApiForbiddenResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, PorticoError } from '../../common/errors';
import { Public } from '../../common/http/public.decorator';
import { Client, type ClientInfo } from '../sessions/client-info';
import { SessionTokensDto } from '../sessions/sessions.dto';
import { PublicOrigin } from './public-origin';
import { SsoLoginService } from './sso-login.service';

const notFound = () => new PorticoError(ErrorCode.NOT_FOUND, 'SSO connection not found', { status: 404 });

@ApiTags('auth')
@Controller('auth/sso')
export class SsoLoginController {
  constructor(private readonly sso: SsoLoginService) {}

  @Get(':connectionId/authorize')
  @Public()
  @Redirect()
  @ApiOperation({ summary: 'Start signing in with an OIDC identity provider', description: 'Redirects the browser to the provider (authorization code + PKCE).' })
  @ApiQuery({ name: 'redirect_uri', required: false, description: 'Must be this server’s /auth/sso/callback if given' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path on this server, echoed back after sign-in' })
  @ApiFoundResponse({ description: 'Location: the provider’s authorization endpoint' })
  @ApiNotFoundResponse({ description: 'PORTICO_ERR_NOT_FOUND: no such enabled connection' })
  async authorize(
    @Client() client: ClientInfo,
    @PublicOrigin() origin: string,
    @Param('connectionId', new ParseUUIDPipe({ exceptionFactory: notFound })) connectionId: string,
    @Query('redirect_uri') redirectUri?: string,
    @Query('returnTo') returnTo?: string,
  ): Promise<{ url: string; statusCode: number }> {
    return { url: await this.sso.authorize(client, origin, connectionId, { redirectUri, returnTo }), statusCode: 302 };
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'Where the identity provider sends the browser back; answers Portico tokens' })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiUnauthorizedResponse({ description: 'PORTICO_ERR_SSO_FAILED: unknown, expired or reused state, or a failed exchange' })
  @ApiForbiddenResponse({ description: 'PORTICO_ERR_SSO_NO_ROLE: no mapping and no default role' })
  callback(@Client() client: ClientInfo, @Req() request: FastifyRequest, @Query('state') state?: string, @Query('error') error?: string): Promise<SessionTokensDto> {
    return this.sso.callback(client, { state, error, search: new URL(request.url, 'http://portico').search });
  }
}
