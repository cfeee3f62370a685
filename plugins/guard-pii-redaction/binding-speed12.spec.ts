import { describe, expect, it } from 'vitest';
import type { PluginLogger } from '../../src/plugin-sdk/index.js';
import { BindingCache, resolveBinding } from './binding.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as PluginLogger;

/** What a resolution decides, comparable across resolutions (the detectors are functions). */
const decided = (binding: ReturnType<typeof resolveBinding>) => ({
  config: binding.config,
  actions: ['EMAIL', 'PHONE', 'PERSON', 'SECRET', 'X'].map((label) => binding.actionOf(label)),
  request: binding.requestDetector?.('Mail jane.doe@example.com or call +44 20 7946 0958.'),
  response: binding.responseDetector !== undefined,
  anyTokenize: binding.anyTokenize,
});

describe('BindingCache (session 12, speed only: one resolution for all the empty configs)', () => {
  it('resolves every fresh `{}` once, as resolveBinding resolves `{}`', () => {
    const cache = new BindingCache({});
    const first = cache.get({}, logger);
    expect(cache.get({}, logger)).toBe(first);
    expect(decided(first)).toEqual(decided(resolveBinding({}, {})));
  });

  it('keeps resolving a config with keys by its own object', () => {
    const cache = new BindingCache({});
    const empty = cache.get({}, logger);
    const config = { entities: { email: 'mask' } };
    const binding = cache.get(config, logger);
    expect(binding).not.toBe(empty);
    expect(cache.get(config, logger)).toBe(binding);
    expect(binding.actionOf('EMAIL')).toBe('mask');
  });

  it('does not take an object whose keys are inherited, or a symbol-keyed one, for an empty config', () => {
    const cache = new BindingCache({});
    const empty = cache.get({}, logger);
    const inherited = Object.create({ entities: { phone: 'off' } }) as object;
    expect(cache.get(inherited, logger)).not.toBe(empty);
    expect(cache.get(inherited, logger).actionOf('PHONE')).toBe(resolveBinding(inherited, {}).actionOf('PHONE'));
    expect(cache.get({ [Symbol('s')]: 1 }, logger)).not.toBe(empty);
  });

  it('resolves an absent config as before (the defaults)', () => {
    const cache = new BindingCache({});
    expect(decided(cache.get(undefined, logger))).toEqual(decided(resolveBinding(undefined, {})));
  });
});
