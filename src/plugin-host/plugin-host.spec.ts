import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PorticoError } from '../common/errors.js';
import { bundledOf, guardDefinition, memoryLogger, providerDefinition } from './__fixtures__/definitions.js';
import { PluginHost, type PluginHostOptions } from './plugin-host.js';

const fixtures = join(__dirname, '__fixtures__');

async function rejection(work: Promise<unknown>): Promise<PorticoError> {
  const error = await work.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PorticoError);
  return error as PorticoError;
}

function startError(options: PluginHostOptions): Promise<PorticoError> {
  return rejection(new PluginHost(options).start());
}

describe('PluginHost loading', () => {
  it('loads the bundled plugins by default', async () => {
    const host = new PluginHost();
    await host.start();
    expect(host.ready).toBe(true);
    expect(host.listProviders().map((provider) => provider.id)).toContain('provider-mock');
    await host.stop();
  });

  it('loads a plugin from a folder path, applying config defaults', async () => {
    const host = new PluginHost({ plugins: [join(fixtures, 'good-guard')], bundled: {} });
    await host.start();
    expect(host.listGuards().map((guard) => guard.id)).toEqual(['good-guard']);
    expect(host.status().plugins).toEqual([
      { id: 'good-guard', kind: 'guard', version: '1.0.0', source: 'path', state: 'ready' },
    ]);
  });

  it('resolves relative folder paths against baseDir', async () => {
    const host = new PluginHost({ plugins: ['./good-guard'], bundled: {}, baseDir: fixtures });
    await host.start();
    expect(host.getGuard('good-guard')?.priority).toBe(100);
  });

  it('loads an npm package through the importer, trusting its manifest id', async () => {
    const importModule = async (name: string) => {
      if (name === '@acme/portico-guard') return { plugin: guardDefinition('acme-guard', 5, {}) };
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    };
    const host = new PluginHost({ plugins: ['@acme/portico-guard'], bundled: {}, importModule });
    await host.start();
    expect(host.status().plugins[0]).toMatchObject({ id: 'acme-guard', source: 'package' });
  });
});

describe('PluginHost coded errors', () => {
  it('PLUGIN_NOT_FOUND for a missing folder, a folder without index, and an unknown package', async () => {
    for (const specifier of ['./does-not-exist', './no-entry', 'portico-plugin-that-does-not-exist']) {
      const error = await startError({ plugins: [specifier], bundled: {}, baseDir: fixtures });
      expect(error.code).toBe(ErrorCode.PLUGIN_NOT_FOUND);
      expect(error.message).toContain(specifier);
    }
  });

  it('PLUGIN_INIT_FAILED when a module throws while it is loaded', async () => {
    const error = await startError({ plugins: ['./throws-on-load'], bundled: {}, baseDir: fixtures });
    expect(error.code).toBe(ErrorCode.PLUGIN_INIT_FAILED);
    expect(error.message).toContain('throws-on-load');
  });

  it('PLUGIN_MANIFEST_MISSING when the module exports no manifest', async () => {
    const error = await startError({ plugins: ['./no-manifest'], bundled: {}, baseDir: fixtures });
    expect(error.code).toBe(ErrorCode.PLUGIN_MANIFEST_MISSING);
    expect(error.message).toContain('no-manifest');
  });

  it.each([
    ['a non-kebab id', { id: 'Bad_Id' }],
    ['an unknown kind', { kind: 'router' }],
    ['a non-semver version', { version: 'one' }],
    ['an invalid sdk range', { sdk: 'not a range' }],
    ['a missing displayName', { displayName: undefined }],
    ['a config schema that is not an object schema', { configSchema: { type: 'string', properties: {} } }],
    ['a config property without description', { configSchema: { type: 'object', properties: { a: { type: 'string' } } } }],
    [
      'a nested config property without description',
      { configSchema: { type: 'object', properties: { a: { type: 'object', description: 'x', properties: { b: { type: 'number' } } } } } },
    ],
    ['a config schema with an unknown keyword', { configSchema: { type: 'object', properties: {}, minimumm: 1 } }],
  ])('PLUGIN_MANIFEST_INVALID for %s', async (_label, manifest) => {
    const definition = providerDefinition('bad-one', manifest as never);
    const error = await startError({ plugins: ['bad-one'], bundled: bundledOf({ 'bad-one': definition }) });
    expect(error.code).toBe(ErrorCode.PLUGIN_MANIFEST_INVALID);
    expect(error.message).toContain('bad-one');
  });

  it('PLUGIN_MANIFEST_INVALID for a guard without priority and for a definition without create()', async () => {
    const guard = guardDefinition('no-priority', 1, {});
    delete (guard.manifest as { priority?: number }).priority;
    const noCreate = { manifest: providerDefinition('no-create').manifest };
    const bundled = bundledOf({ 'no-priority': guard, 'no-create': noCreate });
    expect((await startError({ plugins: ['no-priority'], bundled })).code).toBe(ErrorCode.PLUGIN_MANIFEST_INVALID);
    expect((await startError({ plugins: ['no-create'], bundled })).code).toBe(ErrorCode.PLUGIN_MANIFEST_INVALID);
  });

  it('PLUGIN_ID_MISMATCH when the declared id differs from the folder name or bundled key', async () => {
    const fromFolder = await startError({ plugins: ['./misnamed-plugin'], bundled: {}, baseDir: fixtures });
    expect(fromFolder.code).toBe(ErrorCode.PLUGIN_ID_MISMATCH);
    expect(fromFolder.message).toContain('another-name');
    const bundled = bundledOf({ 'key-name': providerDefinition('declared-name') });
    expect((await startError({ plugins: ['key-name'], bundled })).code).toBe(ErrorCode.PLUGIN_ID_MISMATCH);
  });

  it('PLUGIN_DUPLICATE_ID when two specifiers yield one id', async () => {
    const importModule = async () => ({ default: providerDefinition('twin') });
    const bundled = bundledOf({ twin: providerDefinition('twin') });
    const error = await startError({ plugins: ['twin', 'some-package'], bundled, importModule });
    expect(error.code).toBe(ErrorCode.PLUGIN_DUPLICATE_ID);
    expect(error.message).toContain('some-package');
  });

  it('PLUGIN_SDK_INCOMPATIBLE when SDK_VERSION is outside the range', async () => {
    const bundled = bundledOf({ future: providerDefinition('future', { sdk: '^2.0.0' }) });
    const error = await startError({ plugins: ['future'], bundled });
    expect(error.code).toBe(ErrorCode.PLUGIN_SDK_INCOMPATIBLE);
    expect(error.details).toMatchObject({ required: '^2.0.0', provided: '1.0.0' });
  });

  it('PLUGIN_CONFIG_INVALID listing every schema problem by path', async () => {
    const configSchema = {
      type: 'object' as const,
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', description: 'Where.' },
        retries: { type: 'integer', minimum: 0, default: 2, description: 'How often.' },
      },
    };
    const bundled = bundledOf({ configured: providerDefinition('configured', { configSchema }) });
    const error = await startError({ plugins: ['configured'], bundled, config: { configured: { retries: -1 } } });
    expect(error.code).toBe(ErrorCode.PLUGIN_CONFIG_INVALID);
    expect(error.details.problems).toEqual([
      { path: '/url', message: "must have required property 'url'" },
      { path: '/retries', message: 'must be >= 0' },
    ]);
  });

  it('PLUGIN_GUARD_PRIORITY_DUPLICATE when two guards share a priority', async () => {
    const bundled = bundledOf({ 'guard-a': guardDefinition('guard-a', 10, {}), 'guard-b': guardDefinition('guard-b', 10, {}) });
    const error = await startError({ plugins: ['guard-a', 'guard-b'], bundled });
    expect(error.code).toBe(ErrorCode.PLUGIN_GUARD_PRIORITY_DUPLICATE);
    expect(error.details.plugins).toEqual(['guard-a', 'guard-b']);
  });
});

describe('PluginHost lifecycle', () => {
  function tracked(events: string[], id: string, onInit?: () => unknown, onDestroy?: () => unknown) {
    return providerDefinition(id, {
      hooks: {
        onInit: onInit ?? (() => void events.push(`init ${id}`)),
        onDestroy: onDestroy ?? (() => void events.push(`destroy ${id}`)),
      },
    });
  }

  it('initialises in list order and destroys in reverse order, even when one destroy fails', async () => {
    const events: string[] = [];
    const logger = memoryLogger();
    const failingDestroy = () => {
      events.push('destroy p-two');
      throw new Error('cannot close');
    };
    const bundled = bundledOf({
      'p-one': tracked(events, 'p-one'),
      'p-two': tracked(events, 'p-two', undefined, failingDestroy),
      'p-three': tracked(events, 'p-three'),
    });
    const host = new PluginHost({ plugins: ['p-one', 'p-two', 'p-three'], bundled, logger });
    await host.start();
    expect(events).toEqual(['init p-one', 'init p-two', 'init p-three']);
    await host.stop();
    expect(events.slice(3)).toEqual(['destroy p-three', 'destroy p-two', 'destroy p-one']);
    expect(host.ready).toBe(false);
    expect(host.status().plugins.map((plugin) => plugin.state)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => line.fields?.pluginId)).toEqual(['p-two']);
  });

  it('PLUGIN_INIT_FAILED when onInit throws; plugins already started are destroyed', async () => {
    const events: string[] = [];
    const bundled = bundledOf({
      'p-ok': tracked(events, 'p-ok'),
      'p-bad': tracked(events, 'p-bad', () => Promise.reject(new Error('no database'))),
      'p-later': tracked(events, 'p-later'),
    });
    const host = new PluginHost({ plugins: ['p-ok', 'p-bad', 'p-later'], bundled });
    const error = await rejection(host.start());
    expect(error.code).toBe(ErrorCode.PLUGIN_INIT_FAILED);
    expect(error.message).toContain('p-bad');
    expect(events).toEqual(['init p-ok', 'destroy p-ok']);
    expect(host.ready).toBe(false);
    expect(host.status().plugins.map((plugin) => [plugin.id, plugin.state])).toEqual([
      ['p-ok', 'stopped'],
      ['p-bad', 'failed'],
      ['p-later', 'loaded'],
    ]);
  });

  it('PLUGIN_INIT_FAILED when onInit outlives the init timeout', async () => {
    const bundled = bundledOf({ slow: tracked([], 'slow', () => new Promise(() => undefined)) });
    const host = new PluginHost({ plugins: ['slow'], bundled, initTimeoutMs: 30 });
    const error = await rejection(host.start());
    expect(error.code).toBe(ErrorCode.PLUGIN_INIT_FAILED);
    expect(error.message).toMatch(/timed out after 30 ms/);
  });

  it('lists guards by priority, highest first, and providers by id', async () => {
    const bundled = bundledOf({
      'guard-low': guardDefinition('guard-low', 1, {}),
      'guard-high': guardDefinition('guard-high', 900, {}),
      'guard-mid': guardDefinition('guard-mid', 50, {}),
      prov: providerDefinition('prov'),
    });
    const host = new PluginHost({ plugins: ['guard-low', 'guard-high', 'guard-mid', 'prov'], bundled });
    await host.start();
    expect(host.listGuards().map((guard) => guard.id)).toEqual(['guard-high', 'guard-mid', 'guard-low']);
    expect(host.getProvider('prov')?.manifest.kind).toBe('provider');
    expect(host.getProvider('guard-low')).toBeUndefined();
  });
});
