import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PorticoRuntime } from './bootstrap/runtime';
import { DatabaseReadinessCheck } from './health/database-readiness.check';
import { HealthModule } from './health/health.module';
import { READINESS_CHECKS, type ReadinessCheck } from './health/readiness-check';

export const PORTICO_CONFIG = Symbol('PorticoConfig');
export const PLUGIN_HOST = Symbol('PluginHost');

/** Hands the already-started runtime (config, database, plugins) to every module. */
@Global()
@Module({})
class RuntimeModule {
  static register(runtime: PorticoRuntime): DynamicModule {
    const pluginsCheck: ReadinessCheck = { name: 'plugins', check: async () => runtime.plugins.readiness() };
    return {
      module: RuntimeModule,
      providers: [
        { provide: PORTICO_CONFIG, useValue: runtime.config },
        { provide: PLUGIN_HOST, useValue: runtime.plugins },
        { provide: READINESS_CHECKS, useValue: [new DatabaseReadinessCheck(runtime.dataSource), pluginsCheck] },
      ],
      exports: [PORTICO_CONFIG, PLUGIN_HOST, READINESS_CHECKS],
    };
  }
}

@Module({})
export class AppModule {
  /** `extraModules`: additional modules mounted beside the core ones (tests, embedding hosts). */
  static register(runtime: PorticoRuntime, extraModules: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.register(runtime),
        TypeOrmModule.forRootAsync({
          useFactory: () => runtime.dataSource.options,
          // The runtime opened and migrated the DataSource; Nest only shares it.
          dataSourceFactory: async () => runtime.dataSource,
        }),
        HealthModule,
        ...extraModules,
      ],
    };
  }
}
