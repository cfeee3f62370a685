import { Counter, type Registry } from 'prom-client';

/** What a label value becomes once its label has used up its budget. */
export const OVERFLOW_LABEL_VALUE = '__other__';

/**
 * Caps the distinct values a label may take. Targets and models normally come from admin
 * configuration, but a caller may name any `<account>/<model>` directly, and each failed attempt
 * at a made-up model would otherwise become a new time series forever. Past the cap, new values
 * are reported as {@link OVERFLOW_LABEL_VALUE} and counted, so the overflow is visible, not silent.
 */
export class LabelBudget {
  private readonly seen = new Map<string, Set<string>>();
  private readonly overflows: Counter<'label'>;

  constructor(
    registry: Registry,
    private readonly maxValuesPerLabel = 1000,
  ) {
    this.overflows = new Counter({
      name: 'portico_metrics_label_overflow_total',
      help: 'Label values folded into "__other__" because the label reached its distinct-value cap',
      labelNames: ['label'],
      registers: [registry],
    });
  }

  admit(label: string, value: string): string {
    let values = this.seen.get(label);
    if (!values) {
      values = new Set();
      this.seen.set(label, values);
    }
    if (values.has(value)) return value;
    if (values.size >= this.maxValuesPerLabel) {
      this.overflows.inc({ label });
      return OVERFLOW_LABEL_VALUE;
    }
    values.add(value);
    return value;
  }
}
