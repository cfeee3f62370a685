/** Who is calling: a person (signed in or through their key) or a service account (through its key). */
export interface Principal {
  kind: 'user' | 'service_account';
  id: string;
  /** The casbin subject: `user:<id>` or `sa:<id>`. */
  subject: string;
  isSuperadmin: boolean;
  /** How the caller proved who they are. */
  via: 'access_token' | 'api_key';
  apiKeyId?: string;
  /** Set for API keys: the only workspace the caller may act in. */
  workspaceId?: string;
  email?: string;
}

/** Every service method takes this first (STYLE rule 5): who, on behalf of which request, from where. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  ip: string;
  userAgent?: string;
}

export const userSubject = (id: string): string => `user:${id}`;
export const serviceAccountSubject = (id: string): string => `sa:${id}`;
