import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../common/errors.js';
import { bundledOf, providerDefinition } from './__fixtures__/definitions.js';
import { PluginHost } from './plugin-host.js';
import { PluginHostModule } from './plugin-host.module.js';

describe('PluginHostModule', () => {
  it('provides a started PluginHost and stops it when the app closes', async () => {
    const destroyed: string[] = [];
    const bundled = bundledOf({ 'p-nest': providerDefinition('p-nest', { hooks: { onDestroy: () => void destroyed.push('p-nest') } }) });

    @Module({ imports: [PluginHostModule.forRootAsync({ useFactory: () => ({ plugins: ['p-nest'], bundled }) })] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const host = app.get(PluginHost);
    expect(host.ready).toBe(true);
    expect(host.getProvider('p-nest')).toBeDefined();
    await app.close();
    expect(host.ready).toBe(false);
    expect(destroyed).toEqual(['p-nest']);
  });

  it('fails the boot with the host error code', async () => {
    @Module({ imports: [PluginHostModule.forRoot({ plugins: ['missing-one'], bundled: {}, importModule: () => Promise.reject(Object.assign(new Error('x'), { code: 'MODULE_NOT_FOUND' })) })] })
    class BrokenModule {}

    await expect(NestFactory.createApplicationContext(BrokenModule, { logger: false, abortOnError: false })).rejects.toMatchObject({
      code: ErrorCode.PLUGIN_NOT_FOUND,
    });
  });
});
