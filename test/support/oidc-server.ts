import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { findFreePort } from './ports';

/** A user the test IdP knows; `login` on its sign-in form is the `sub`. */
export interface OidcTestAccount {
  sub: string;
  email: string;
  name?: string;
  groups?: string[];
  emailVerified?: boolean;
}

export interface OidcTestServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces an account (e.g. to change its groups between two sign-ins). */
  setAccount(account: OidcTestAccount): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (oidc-provider) on a loopback port: one confidential client whose only
 * redirect URI is `redirectUri`, PKCE required, and its development sign-in and consent pages.
 */
export async function startOidcServer(options: { redirectUri: string; accounts?: OidcTestAccount[] }): Promise<OidcTestServer> {
  const port = await findFreePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map((options.accounts ?? []).map((account) => [account.sub, account]));
  const clientId = 'portico-test';
  const clientSecret = 'portico-test-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_context: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name ?? sub,
          ...(account.groups ? { groups: account.groups } : {}),
        }),
      };
    },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (account) => accounts.set(account.sub, account),
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/**
 * A minimal browser: follows redirects by hand, keeps cookies per origin, and fills the IdP's
 * development sign-in (as `login`) and consent forms. Stops at the first URL `stopAt` accepts,
 * without requesting it, and returns that URL.
 */
export async function browseToCallback(startUrl: string, login: string, stopAt: (url: URL) => boolean): Promise<URL> {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(startUrl);
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (stopAt(url)) return url;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form,
      redirect: 'manual',
      headers: { cookie: [...(jar.get(url.host) ?? new Map())].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    remember(jar, url.host, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      [url, form] = [new URL(location, url), undefined];
      continue;
    }
    if (response.status !== 200) throw new Error(`browser: ${url.pathname} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    [url, form] = fillForm(await response.text(), url, login);
  }
  throw new Error('browser: too many hops');
}

function fillForm(html: string, page: URL, login: string): [URL, URLSearchParams] {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !prompt) throw new Error(`browser: no sign-in or consent form at ${page.pathname}`);
  const fields: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any-password' } : { prompt };
  return [new URL(action.replace(/&amp;/g, '&'), page), new URLSearchParams(fields)];
}

function remember(jar: Map<string, Map<string, string>>, host: string, setCookies: string[]): void {
  const cookies = jar.get(host) ?? new Map<string, string>();
  for (const line of setCookies) {
    const [pair, ...attributes] = line.split(';');
    const index = pair.indexOf('=');
    const [name, value] = [pair.slice(0, index).trim(), pair.slice(index + 1).trim()];
    const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
    if (expired) cookies.delete(name);
    else cookies.set(name, value);
  }
  jar.set(host, cookies);
}
