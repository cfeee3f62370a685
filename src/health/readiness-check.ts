/** One dependency `/readyz` waits for. A check answers quickly and never throws. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

export interface ReadinessResult {
  ready: boolean;
  detail?: Record<string, unknown> | string;
}

export const READINESS_CHECKS = Symbol('ReadinessChecks');
