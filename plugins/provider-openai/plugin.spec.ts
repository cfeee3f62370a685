import { afterEach, describe, expect, it } from 'vitest';
import { PluginHost } from '../../src/plugin-host/plugin-host.js';

const hosts: PluginHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

describe('provider-openai as the host loads it', () => {
  it('passes the manifest and config checks and registers an adapter with chat and embeddings', async () => {
    const host = new PluginHost({ plugins: ['provider-openai'], config: {} });
    hosts.push(host);
    await host.start();
    const provider = host.getProvider('provider-openai');
    expect(provider?.adapter.chat).toBeDefined();
    expect(provider?.adapter.embeddings).toBeDefined();
  });
});
