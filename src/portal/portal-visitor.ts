import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiKeyRegistry } from '../auth/api-keys/api-key-registry';
import { AuthorizationService } from '../auth/authz/authorization.service';
import { presentedCredential } from '../auth/presented-credential';
import { userSubject } from '../auth/principal';
import { AccessRevocations } from '../auth/tokens/access-revocations';
import { AccessTokenService, looksLikeJwt } from '../auth/tokens/access-token.service';

/** Who looks at the portal: anonymous (no workspaces), or signed in with the workspaces they belong to. */
export interface PortalVisitor {
  readonly signedIn: boolean;
  readonly workspaceIds: readonly string[];
}

export const ANONYMOUS: PortalVisitor = Object.freeze({ signedIn: false, workspaceIds: Object.freeze([]) });

/**
 * The portal's optional sign-in: the admin API's own credentials (`Authorization: Bearer <access
 * token>` from `POST /auth/login`, or an API key, also as `x-api-key`). A valid credential adds the
 * visitor's workspaces to what they see; a missing, expired or unknown one is simply anonymous (the
 * portal never answers 401). Everything is checked in memory: token signature, session revocations,
 * the key registry and the casbin policies.
 */
@Injectable()
export class PortalVisitors {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly revocations: AccessRevocations,
    private readonly keys: ApiKeyRegistry,
    private readonly authorization: AuthorizationService,
  ) {}

  /** The visitor, with their memberships among `candidates` (the workspaces that have API products). */
  async of(headers: IncomingHttpHeaders, candidates: readonly string[]): Promise<PortalVisitor> {
    const credential = presentedCredential(headers);
    if (!credential) return ANONYMOUS;
    if (!looksLikeJwt(credential)) {
      const check = this.keys.check(credential);
      return check.ok ? { signedIn: true, workspaceIds: [check.key.workspaceId] } : ANONYMOUS;
    }
    const claims = await this.tokens.verify(credential);
    if (!claims || this.revocations.isRevoked({ sessionId: claims.sessionId, userId: claims.userId, issuedAt: claims.issuedAt ?? 0 })) return ANONYMOUS;
    const principal = { kind: 'user' as const, id: claims.userId, subject: userSubject(claims.userId), isSuperadmin: false, via: 'access_token' as const, email: claims.email };
    const member = await Promise.all(candidates.map(async (workspaceId) => ((await this.authorization.isMember(principal, workspaceId)) ? workspaceId : null)));
    return { signedIn: true, workspaceIds: member.filter((workspaceId): workspaceId is string => workspaceId !== null) };
  }
}
