import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Public } from '../../common/http/public.decorator';
import { Authenticated, Ctx } from '../decorators';
import type { RequestContext } from '../principal';
import { Client, type ClientInfo } from './client-info';
import { MeService } from './me.service';
import { SessionsService } from './sessions.service';
import {
  LoginRequestDto,
  loginSchema,
  MeDto,
  PasswordChangeRequestDto,
  passwordChangeSchema,
  RefreshRequestDto,
  refreshSchema,
  SessionTokensDto,
} from './sessions.dto';
import { zodBody } from '../../common/http/zod-body.pipe';

@ApiTags('auth')
@Controller('auth')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly whoami: MeService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password', description: 'Throttled per account and per client address; a locked caller gets 429 with `retry-after`.' })
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiBadRequestResponse({ description: 'PORTICO_ERR_VALIDATION_FAILED' })
  @ApiUnauthorizedResponse({ description: 'PORTICO_ERR_INVALID_CREDENTIALS (the same answer whatever was wrong)' })
  @ApiTooManyRequestsResponse({ description: 'PORTICO_ERR_LOGIN_LOCKED, with `retry-after`' })
  login(@Client() client: ClientInfo, @Body(zodBody(loginSchema)) body: LoginRequestDto): Promise<SessionTokensDto> {
    return this.sessions.login(client, body);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens', description: 'Each refresh token works once; presenting it again revokes the whole session.' })
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiUnauthorizedResponse({ description: 'PORTICO_ERR_REFRESH_TOKEN_INVALID or PORTICO_ERR_REFRESH_TOKEN_REUSED' })
  refresh(@Client() client: ClientInfo, @Body(zodBody(refreshSchema)) body: RefreshRequestDto): Promise<SessionTokensDto> {
    return this.sessions.refresh(client, body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session the refresh token belongs to' })
  @ApiNoContentResponse({ description: 'The session is revoked (also when the token was unknown)' })
  logout(@Body(zodBody(refreshSchema)) body: RefreshRequestDto): Promise<void> {
    return this.sessions.logout(body.refreshToken);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password', description: 'Ends every session of the account. Needs an access token, not an API key.' })
  @ApiNoContentResponse({ description: 'Changed; sign in again everywhere' })
  @ApiForbiddenResponse({ description: 'PORTICO_ERR_FORBIDDEN for API keys' })
  @ApiUnprocessableEntityResponse({ description: 'PORTICO_ERR_PASSWORD_POLICY: 12 to 256 characters, different from the current one' })
  @ApiTooManyRequestsResponse({ description: 'PORTICO_ERR_LOGIN_LOCKED, with `retry-after`' })
  changePassword(@Ctx() context: RequestContext, @Body(zodBody(passwordChangeSchema)) body: PasswordChangeRequestDto): Promise<void> {
    return this.sessions.changePassword(context, body);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Who am I: the caller and its workspaces with roles' })
  @ApiOkResponse({ type: MeDto })
  me(@Ctx() context: RequestContext): Promise<MeDto> {
    return this.whoami.describe(context);
  }
}
