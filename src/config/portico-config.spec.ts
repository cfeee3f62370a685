import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PorticoError } from '../common/errors';
import { loadConfig } from './portico-config';

function configFailure(env: NodeJS.ProcessEnv): PorticoError {
  try {
    loadConfig(env, '/srv');
  } catch (error) {
    return error as PorticoError;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('applies defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv');
    expect(config.server).toMatchObject({ host: '0.0.0.0', port: 3000 });
    expect(config.database.url).toBeUndefined();
    expect(config.dataDir).toBe('/srv/.portico');
    expect(config.plugins.enabled).toBeUndefined();
    expect(config.firstRun.adminPassword).toBeUndefined();
  });

  it('reads typed values from the environment', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgresql://u:p@db.internal:5432/portico',
        PORTICO_PLUGINS: ' provider-mock , ./my-plugin ,',
        PORTICO_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        PORTICO_TRUST_PROXY: 'true',
      },
      '/srv',
    );
    expect(config.server.port).toBe(8080);
    expect(config.server.trustProxy).toBe(true);
    expect(config.database.url).toBe('postgresql://u:p@db.internal:5432/portico');
    expect(config.plugins.enabled).toEqual(['provider-mock', './my-plugin']);
    expect(config.masterKey).toEqual(Buffer.alloc(32, 7));
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '3.5'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['PORTICO_MASTER_KEY', 'too-short'],
    ['PORTICO_ADMIN_PASSWORD', 'short'],
    ['PORTICO_ADMIN_EMAIL', 'nobody'],
    ['PORTICO_LOG_LEVEL', 'loud'],
    ['PORTICO_BOOTSTRAP_API_KEY', 'has spaces in it and is long enough'],
  ])('rejects %s=%j with a coded error naming the variable', (variable, value) => {
    const error = configFailure({ [variable]: value });
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.details.variables).toEqual([variable]);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes a secret value in the message', () => {
    const error = configFailure({ DATABASE_URL: 'postgres//user:hunter2@host/db' });
    expect(error.message).not.toContain('hunter2');
  });

  it('lets the environment override the config file and reads plugin config from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-config-'));
    const file = join(dir, 'portico.json');
    writeFileSync(file, JSON.stringify({ env: { PORT: 4000, HOST: '127.0.0.1' }, plugins: { 'provider-mock': { latencyMs: 5 } } }));
    const config = loadConfig({ PORTICO_CONFIG: file, PORT: '5000' }, dir);
    expect(config.server).toMatchObject({ port: 5000, host: '127.0.0.1' });
    expect(config.plugins.config).toEqual({ 'provider-mock': { latencyMs: 5 } });
  });

  it('names an unreadable or malformed config file', () => {
    expect(configFailure({ PORTICO_CONFIG: '/nonexistent/portico.json' }).code).toBe(ErrorCode.CONFIG_FILE_UNREADABLE);
    const dir = mkdtempSync(join(tmpdir(), 'portico-config-'));
    writeFileSync(join(dir, 'bad.json'), '{"env": ');
    expect(configFailure({ PORTICO_CONFIG: join(dir, 'bad.json') }).code).toBe(ErrorCode.CONFIG_INVALID);
    writeFileSync(join(dir, 'extra.json'), '{"unknown": 1}');
    expect(configFailure({ PORTICO_CONFIG: join(dir, 'extra.json') }).code).toBe(ErrorCode.CONFIG_INVALID);
  });
});
