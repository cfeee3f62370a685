import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PorticoRuntime } from './bootstrap/runtime';
import { DatabaseReadinessCheck } from './health/database-readiness.check';
import { HealthModule } from './health/health.module';
import { READINESS_CHECKS } from './health/readiness-check';
import { pluginReadinessCheck } from './bootstrap/plugins';
import { PluginHost } from './plugin-host/plugin-host';
import { AuthModule } from './auth/auth.module';
import { ApiKeysModule } from './auth/api-keys/api-keys.module';
import { ServiceAccountsModule } from './auth/service-accounts/service-accounts.module';
import { SessionsModule } from './auth/sessions/sessions.module';
import { SsoModule } from './auth/sso/sso.module';
import { ProvidersModule } from './providers/providers.module';
import { WorkspacesModule } from './workspaces/workspaces.module';
import { GatewayModule } from './gateway/gateway.module';
import { UsageModule } from './usage/usage.module';
import { CallRecordsModule } from './audit/call-records/call-records.module';
import { AuditLogModule } from './audit/audit-log/audit-log.module';
import { CallLogsModule } from './audit/call-logs/call-logs.module';
import { AnalyticsModule } from './audit/analytics/analytics.module';
import { ObservabilityModule } from './observability/observability.module';
import { MetricsRegistryModule } from './observability/metrics-registry';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { PromptsModule } from './prompts/prompts.module';
import { GuardsModule } from './guards/guards.module';
import { PromptApisModule } from './prompt-apis/prompt-apis.module';
import { PortalModule } from './portal/portal.module';
import { RestApisModule } from './rest-apis/rest-apis.module';
import { PINO_LOGGER, PORTICO_CONFIG, RUNTIME } from './runtime.tokens';

export { PORTICO_CONFIG } from './runtime.tokens';

/** Hands the already-started runtime (config, database, plugins) to every module. */
@Global()
@Module({})
class RuntimeModule {
  static register(runtime: PorticoRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: PORTICO_CONFIG, useValue: runtime.config },
        { provide: PINO_LOGGER, useValue: runtime.logger },
        { provide: PluginHost, useValue: runtime.plugins },
        { provide: READINESS_CHECKS, useValue: [new DatabaseReadinessCheck(runtime.dataSource), pluginReadinessCheck(runtime.plugins)] },
      ],
      exports: [RUNTIME, PORTICO_CONFIG, PINO_LOGGER, PluginHost, READINESS_CHECKS],
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
        MetricsRegistryModule,
        CallRecordsModule,
        AuditLogModule,
        AuthModule,
        SessionsModule,
        SsoModule,
        WorkspacesModule,
        ServiceAccountsModule,
        ApiKeysModule,
        ProvidersModule,
        GatewayModule,
        UsageModule,
        WebhooksModule,
        ApprovalsModule,
        PromptsModule,
        GuardsModule,
        PortalModule,
        PromptApisModule,
        RestApisModule,
        CallLogsModule,
        AnalyticsModule,
        ObservabilityModule,
        HealthModule,
        ...extraModules,
      ],
    };
  }
}
