import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { isAcceptableIssuer } from './sso-connections.dto';

/** What the OIDC layer needs of a connection (the secret already opened). */
export interface OidcConnection {
  id: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string | null;
  /** Changes whenever the connection does, so a replica never keeps a stale configuration. */
  version: string;
}

export interface AuthorizationRequest {
  redirectUri: string;
  scope: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface CodeExchange {
  callbackUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

const CACHE_TTL_MS = 60 * 60 * 1000;

/**
 * openid-client behind a small surface: discovery (cached per connection version for an hour),
 * the authorization URL with PKCE S256, and the code exchange, which checks state, nonce, issuer,
 * audience and the ID token signature. Claims missing from the ID token are read from userinfo.
 */
@Injectable()
export class OidcClient {
  private readonly cache = new Map<string, { version: string; loadedAt: number; configuration: Promise<oidc.Configuration> }>();

  async authorizationUrl(connection: OidcConnection, request: AuthorizationRequest): Promise<URL> {
    const configuration = await this.configuration(connection);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: request.redirectUri,
      scope: request.scope,
      state: request.state,
      nonce: request.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** The user's claims: the verified ID token's, completed from userinfo where `wanted` claims are missing. */
  async exchange(connection: OidcConnection, exchange: CodeExchange, wanted: string[]): Promise<Record<string, unknown>> {
    const configuration = await this.configuration(connection);
    const tokens = await oidc.authorizationCodeGrant(configuration, exchange.callbackUrl, {
      pkceCodeVerifier: exchange.codeVerifier,
      expectedState: exchange.state,
      expectedNonce: exchange.nonce,
      idTokenExpected: true,
    });
    const claims: Record<string, unknown> = { ...tokens.claims()! };
    const missing = wanted.some((claim) => claims[claim.split('.')[0]] === undefined);
    if (missing && configuration.serverMetadata().userinfo_endpoint) {
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
      return { ...userinfo, ...claims };
    }
    return claims;
  }

  private configuration(connection: OidcConnection): Promise<oidc.Configuration> {
    const cached = this.cache.get(connection.id);
    if (cached && cached.version === connection.version && Date.now() - cached.loadedAt < CACHE_TTL_MS) return cached.configuration;
    const configuration = this.discover(connection);
    this.cache.set(connection.id, { version: connection.version, loadedAt: Date.now(), configuration });
    configuration.catch(() => this.cache.delete(connection.id));
    return configuration;
  }

  private discover(connection: OidcConnection): Promise<oidc.Configuration> {
    const insecure = new URL(connection.issuerUrl).protocol === 'http:';
    if (!isAcceptableIssuer(connection.issuerUrl)) throw new Error('issuer must use https');
    const authentication = connection.clientSecret ? oidc.ClientSecretBasic(connection.clientSecret) : oidc.None();
    return oidc.discovery(new URL(connection.issuerUrl), connection.clientId, undefined, authentication, {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
  }
}
