import type { AttemptFunction, ExecutionOutcome, PlanHints, RoutePlan } from '../routing/route-plan';

export type { AttemptContext, AttemptRecord, AttemptResult, AttemptTarget, ExecutionOutcome, RoutePlan } from '../routing/route-plan';

/**
 * What the pipeline needs from routing and resilience, as two narrow interfaces over the routing
 * module's plan types: the pipeline does I/O and protocol; routing decides where and how often.
 */
export interface Planner {
  plan(workspaceId: string, model: string, hints?: PlanHints): RoutePlan | null;
}

export interface Executor {
  run<T>(plan: RoutePlan, attempt: AttemptFunction<T>, signal: AbortSignal): Promise<ExecutionOutcome<T>>;
}
