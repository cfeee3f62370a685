import { describe, expect, it } from 'vitest';
import { MetricsAccess } from './metrics-access';

const TOKEN = 'scrape-token-0123456789';

describe('MetricsAccess', () => {
  it('lets everyone in when no token is configured', () => {
    const access = new MetricsAccess(undefined);
    expect(access.protected).toBe(false);
    expect(access.allows({})).toBe(true);
  });

  it('needs exactly the bearer token when one is configured', () => {
    const access = new MetricsAccess(TOKEN);
    expect(access.protected).toBe(true);
    expect(access.allows({ authorization: `Bearer ${TOKEN}` })).toBe(true);
    expect(access.allows({ authorization: `bearer ${TOKEN}` })).toBe(true);
    expect(access.allows({})).toBe(false);
    expect(access.allows({ authorization: `Bearer ${TOKEN}x` })).toBe(false);
    expect(access.allows({ authorization: `Bearer ${TOKEN.slice(0, -1)}` })).toBe(false);
    expect(access.allows({ authorization: TOKEN })).toBe(false);
    expect(access.allows({ authorization: `Basic ${TOKEN}` })).toBe(false);
    expect(access.allows({ 'x-api-key': TOKEN })).toBe(false);
  });
});
