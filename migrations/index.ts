import { InitialSchema1763773200000 } from './1763773200000-initial-schema';
import { IdentityAndAccess1763773300000 } from './1763773300000-identity-and-access';
import { RoutesAndCredentials1763773420000 } from './1763773420000-routes-and-credentials';
import { ModelPrices1763773560000 } from './1763773560000-model-prices';
import { AuditLog1763860000000 } from './1763860000000-audit-log';
import { CallLogs1763860100000 } from './1763860100000-call-logs';
import { AnalyticsRollups1763860200000 } from './1763860200000-analytics-rollups';
import { LimitsAndBudgets1763860300000 } from './1763860300000-limits-and-budgets';
import { Webhooks1763860400000 } from './1763860400000-webhooks';
import { Approvals1763860500000 } from './1763860500000-approvals';
import { Prompts1763860600000 } from './1763860600000-prompts';
import { GuardBindings1763860700000 } from './1763860700000-guard-bindings';
import { PromptApis1763860800000 } from './1763860800000-prompt-apis';
import { Subscriptions1763860900000 } from './1763860900000-subscriptions';
import { RestApis1763861000000 } from './1763861000000-rest-apis';
import { SubscriptionPlans1763861100000 } from './1763861100000-subscription-plans';

/**
 * Every core migration, oldest first. Listed explicitly (no glob) so the compiled build,
 * the tests and the CLI all run exactly the same set. `npm run migration:generate` prints
 * the line to add here.
 */
export const CORE_MIGRATIONS = [
  InitialSchema1763773200000,
  IdentityAndAccess1763773300000,
  RoutesAndCredentials1763773420000,
  ModelPrices1763773560000,
  AuditLog1763860000000,
  CallLogs1763860100000,
  AnalyticsRollups1763860200000,
  LimitsAndBudgets1763860300000,
  Webhooks1763860400000,
  Approvals1763860500000,
  Prompts1763860600000,
  GuardBindings1763860700000,
  PromptApis1763860800000,
  Subscriptions1763860900000,
  RestApis1763861000000,
  SubscriptionPlans1763861100000,
];
