import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { describeBootFailure } from '../../common/errors';
import { loadConfig } from '../../config/portico-config';
import { connectDataSource } from '../../database/data-source';
import { EmbeddedDatabase } from '../../database/embedded-database';
import { AnalyticsRepository } from './analytics.repository';
import { CallRollups } from './call-rollups';

const USAGE = 'usage: npm run analytics:rebuild -- --from 2026-03-01 --to 2026-04-01   (UTC days; --to is exclusive)';

/**
 * `npm run analytics:rebuild`: recomputes the rollups of whole UTC days from `call_logs`, e.g.
 * after restoring call logs from a backup. Live writers wait for each day's turn; nothing is lost.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (positionals[0] !== 'rebuild' || !values.from || !values.to) throw new Error(USAGE);
  const [from, to] = [new Date(values.from), new Date(values.to)];
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw new Error(`${USAGE} (got --from ${values.from} --to ${values.to})`);
  const config = loadConfig();
  const embedded = config.database.url ? undefined : new EmbeddedDatabase({ dataDir: config.dataDir, port: config.database.embeddedPort });
  const url = config.database.url ?? (await embedded!.start());
  const dataSource = await connectDataSource({ url, poolSize: 2, applicationName: 'portico-analytics-rebuild' });
  try {
    const started = Date.now();
    const { days } = await new CallRollups(new AnalyticsRepository(dataSource)).rebuildRollups(from, to, (day) =>
      console.log(`rebuilt ${day.toISOString().slice(0, 10)} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    );
    console.log(`Rebuilt the rollups of ${days} day(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`portico: ${describeBootFailure(error)}\n`);
  process.exit(1);
});
