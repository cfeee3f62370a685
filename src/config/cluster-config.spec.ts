import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PorticoError } from '../common/errors';
import { loadConfig } from './portico-config';

const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379' };

function failure(env: NodeJS.ProcessEnv): PorticoError {
  try {
    loadConfig(env, '/srv');
  } catch (error) {
    return error as PorticoError;
  }
  throw new Error('expected loadConfig to fail');
}

describe('PORTICO_WORKERS', () => {
  it('defaults to one process, with the worker id hidden', () => {
    expect(loadConfig({}, '/srv').server).toMatchObject({ workers: 1, exposeWorkerId: false });
  });

  it('reads a number of workers and the worker-id flag', () => {
    expect(loadConfig({ PORTICO_WORKERS: '4', PORTICO_EXPOSE_WORKER_ID: 'true', ...REDIS }, '/srv').server).toMatchObject({ workers: 4, exposeWorkerId: true });
  });

  it('auto means one worker per core', () => {
    expect(loadConfig({ PORTICO_WORKERS: 'auto', ...REDIS }, '/srv').server.workers).toBe(availableParallelism());
  });

  it.each(['0', '-1', '2.5', 'many', '257'])('refuses %s with a clear message', (value) => {
    const error = failure({ PORTICO_WORKERS: value, ...REDIS });
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.message).toContain('PORTICO_WORKERS must be "auto" or an integer from 1 to 256');
  });

  it('refuses several workers without Redis, since each would enforce every limit on its own', () => {
    const error = failure({ PORTICO_WORKERS: '2' });
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.message).toMatch(/REDIS_URL/);
    expect(error.details).toMatchObject({ variables: ['PORTICO_WORKERS', 'REDIS_URL'] });
  });

  it('accepts one worker without Redis', () => {
    expect(loadConfig({ PORTICO_WORKERS: '1' }, '/srv').server.workers).toBe(1);
  });
});
