/** One version a label points at, with its share of the traffic in whole percents. */
export interface LabelTarget {
  readonly versionId: string;
  readonly version: number;
  readonly weight: number;
}

/** Built-in labels; any other slug is a custom label. Moving `production` may need an approval. */
export const PRODUCTION_LABEL = 'production';
export const STAGING_LABEL = 'staging';

/**
 * A label's traffic split, ready for the request path: one draw of `random()` in [0, 1) picks a
 * target with probability weight / 100. With one target it is always that one.
 */
export class LabelSplit {
  private readonly bounds: number[];

  constructor(readonly targets: readonly LabelTarget[]) {
    if (targets.length === 0) throw new Error('a label split needs at least one target');
    let total = 0;
    this.bounds = targets.map((target) => (total += target.weight));
  }

  pick(random: () => number): LabelTarget {
    if (this.targets.length === 1) return this.targets[0]!;
    const point = random() * this.bounds[this.bounds.length - 1]!;
    const index = this.bounds.findIndex((bound) => point < bound);
    return this.targets[index === -1 ? this.targets.length - 1 : index]!;
  }
}
