import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ErrorCode, PorticoError } from '../common/errors';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Addresses a webhook may never reach unless private networks are allowed: loopback, private,
 * carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), multicast, reserved and
 * documentation ranges. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) match the IPv4 rules.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IPv4 or IPv6 literal) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function urlRefused(message: string, details: Record<string, unknown> = {}): PorticoError {
  return new PorticoError(ErrorCode.WEBHOOK_URL_REFUSED, message, { status: 422, details });
}

/** The URL's host without IPv6 brackets, e.g. `::1` for `http://[::1]:8080/`. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Checks what a URL looks like: http(s), a host, no credentials (they would be shown in the clear)
 * and no fragment. Says nothing about where it resolves; see `WebhookUrlPolicy`.
 */
export function parseWebhookUrl(raw: string): URL {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) throw urlRefused(`the webhook URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw urlRefused('the webhook URL is not a valid absolute URL', { url: raw });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw urlRefused('a webhook URL must use https or http', { protocol: url.protocol });
  if (url.username || url.password) throw urlRefused('a webhook URL may not carry credentials; verify the signature instead');
  if (url.hash) throw urlRefused('a webhook URL may not have a fragment');
  if (!url.hostname) throw urlRefused('the webhook URL has no host');
  return url;
}

export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const systemResolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * Where webhooks may go. Unless private networks are allowed, a URL is refused when its host is,
 * or resolves to, a non-public address: checked when an endpoint is saved, and again on every
 * connection (`lookup`), so a name that later resolves elsewhere (DNS rebinding) is refused too.
 */
export class WebhookUrlPolicy {
  constructor(
    readonly allowPrivateNetworks: boolean,
    private readonly resolveAll: ResolveAll = systemResolveAll,
  ) {}

  /** Parses and checks a URL an admin submits; resolves its host now. */
  async check(raw: string): Promise<URL> {
    const url = parseWebhookUrl(raw);
    if (this.allowPrivateNetworks) return url;
    const host = hostOf(url);
    if (isIP(host)) {
      this.assertPublic(host, host);
      return url;
    }
    let addresses: LookupAddress[];
    try {
      addresses = await this.resolveAll(host);
    } catch (error) {
      throw urlRefused(`the webhook host "${host}" does not resolve`, { host, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
    }
    for (const { address } of addresses) this.assertPublic(host, address);
    return url;
  }

  /** For a URL about to be called: an IP-literal host is checked here, a name by `lookup` at connect time. */
  assertLiteralHostAllowed(url: URL): void {
    const host = hostOf(url);
    if (!this.allowPrivateNetworks && isIP(host)) this.assertPublic(host, host);
  }

  /** A `net.connect` lookup that resolves like the system does and refuses non-public answers. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolveAll(hostname).then(
      (resolved) => {
        const addresses = options.family ? resolved.filter((entry) => entry.family === options.family) : resolved;
        const refused = this.allowPrivateNetworks ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
        if (refused) return callback(urlRefused(`the webhook host "${hostname}" resolved to ${refused.address}, which is not a public address`, { host: hostname, address: refused.address }), '', 4);
        if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
        if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };

  private assertPublic(host: string, address: string): void {
    if (!isPublicAddress(address)) {
      throw urlRefused(`webhooks may not target loopback, private or link-local addresses ("${host}" is ${address})`, { host, address });
    }
  }
}
