import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PluginHost, type PluginHostOptions } from './plugin-host.js';

export const PLUGIN_HOST_OPTIONS = Symbol('PLUGIN_HOST_OPTIONS');

export interface PluginHostAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => PluginHostOptions | Promise<PluginHostOptions>;
}

async function startHost(options: PluginHostOptions): Promise<PluginHost> {
  const host = new PluginHost(options);
  await host.start();
  return host;
}

/**
 * Provides a started `PluginHost` (boot fails with the host's coded error) and stops it on
 * application shutdown (`app.enableShutdownHooks()` or `app.close()`).
 */
@Global()
@Module({})
export class PluginHostModule implements OnApplicationShutdown {
  constructor(@Inject(PluginHost) private readonly host: PluginHost) {}

  static forRoot(options: PluginHostOptions = {}): DynamicModule {
    return PluginHostModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: PluginHostAsyncOptions): DynamicModule {
    return {
      module: PluginHostModule,
      imports: options.imports ?? [],
      providers: [
        { provide: PLUGIN_HOST_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: PluginHost, useFactory: startHost, inject: [PLUGIN_HOST_OPTIONS] },
      ],
      exports: [PluginHost],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}
