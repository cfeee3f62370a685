import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../common/errors';
import { isPublicAddress, parseWebhookUrl, WebhookUrlPolicy } from './url-policy';

const dns = (table: Record<string, string[]>) => async (hostname: string): Promise<LookupAddress[]> => {
  const addresses = table[hostname];
  if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const refused = expect.objectContaining({ code: ErrorCode.WEBHOOK_URL_REFUSED, status: 422 });

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::abcd', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', 'ff02::1', 'not-an-ip',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('parseWebhookUrl', () => {
  it('accepts http and https URLs with a host, port, path and query', () => {
    expect(parseWebhookUrl('https://hooks.example.com:8443/portico?team=a').href).toBe('https://hooks.example.com:8443/portico?team=a');
    expect(parseWebhookUrl('http://hooks.example.com/x').protocol).toBe('http:');
  });

  it.each(['ftp://hooks.example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'hooks.example.com/x', 'https://user:pw@hooks.example.com/', 'https://hooks.example.com/#frag', `https://example.com/${'a'.repeat(2100)}`])(
    'refuses %s with a coded error',
    (url) => {
      expect(() => parseWebhookUrl(url)).toThrow(refused);
    },
  );
});

describe('WebhookUrlPolicy', () => {
  const policy = new WebhookUrlPolicy(false, dns({ 'hooks.example.com': ['93.184.215.14'], 'internal.example.com': ['93.184.215.14', '10.0.0.7'], localhost: ['127.0.0.1', '::1'] }));

  it('accepts a host that resolves only to public addresses', async () => {
    await expect(policy.check('https://hooks.example.com/portico')).resolves.toBeInstanceOf(URL);
    await expect(policy.check('https://8.8.8.8/portico')).resolves.toBeInstanceOf(URL);
  });

  it.each(['http://127.0.0.1:8080/', 'http://[::1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/', 'http://169.254.169.254/latest/meta-data/', 'https://localhost/', 'https://internal.example.com/'])(
    'refuses %s',
    async (url) => {
      await expect(policy.check(url)).rejects.toThrow(refused);
    },
  );

  it('refuses a host that does not resolve', async () => {
    await expect(policy.check('https://nowhere.example.com/')).rejects.toThrow(expect.objectContaining({ code: ErrorCode.WEBHOOK_URL_REFUSED, details: expect.objectContaining({ reason: 'ENOTFOUND' }) }));
  });

  it('accepts private addresses when allowed, without resolving', async () => {
    const open = new WebhookUrlPolicy(true, dns({}));
    await expect(open.check('http://127.0.0.1:8080/hook')).resolves.toBeInstanceOf(URL);
    await expect(open.check('http://receiver.internal/hook')).resolves.toBeInstanceOf(URL);
    await expect(open.check('ftp://127.0.0.1/')).rejects.toThrow(refused);
  });

  it('refuses at connect time a name that now resolves to a private address (DNS rebinding)', async () => {
    const table: Record<string, string[]> = { 'rebind.example.com': ['93.184.215.14'] };
    const rebinding = new WebhookUrlPolicy(false, dns(table));
    await expect(rebinding.check('https://rebind.example.com/')).resolves.toBeInstanceOf(URL);
    table['rebind.example.com'] = ['127.0.0.1'];
    const error = await new Promise<unknown>((resolve) => rebinding.lookup('rebind.example.com', { all: true }, (failure) => resolve(failure)));
    expect(error).toEqual(refused);
  });

  it('answers a lookup in the shape net.connect asked for', async () => {
    const all = await new Promise<unknown>((resolve) => policy.lookup('hooks.example.com', { all: true }, (_error, addresses) => resolve(addresses)));
    expect(all).toEqual([{ address: '93.184.215.14', family: 4 }]);
    const one = await new Promise<unknown[]>((resolve) => policy.lookup('hooks.example.com', {}, (_error, address, family) => resolve([address, family])));
    expect(one).toEqual(['93.184.215.14', 4]);
  });

  it('checks an IP-literal host before a call (no lookup happens for those)', () => {
    expect(() => policy.assertLiteralHostAllowed(new URL('http://10.0.0.1/'))).toThrow(refused);
    expect(() => policy.assertLiteralHostAllowed(new URL('https://hooks.example.com/'))).not.toThrow();
  });
});
