import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { describeBootFailure } from '../common/errors';
import { loadConfig } from '../config/portico-config';
import { connectDataSource } from './data-source';
import { EmbeddedDatabase } from './embedded-database';
import { revertLastMigration, runPendingMigrations } from './migration-runner';

/** `npm run migration:<command>`: the same DataSource, migrations and lock the server uses. */
const commands: Record<string, (dataSource: DataSource, args: string[]) => Promise<void>> = {
  async run(dataSource) {
    const { applied } = await runPendingMigrations(dataSource);
    console.log(applied.length === 0 ? 'No pending migrations: the database is up to date.' : `Applied: ${applied.join(', ')}`);
  },
  async revert(dataSource) {
    await revertLastMigration(dataSource);
    console.log('Reverted the last migration.');
  },
  async show(dataSource) {
    const applied = new Set<string>(
      (await dataSource.query('SELECT name FROM portico_migrations').catch(() => [])).map((row: { name: string }) => row.name),
    );
    for (const migration of dataSource.migrations) console.log(`${applied.has(migration.name!) ? '[x]' : '[ ]'} ${migration.name}`);
  },
  async generate(dataSource, args) {
    const name = args[0];
    if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: npm run migration:generate -- PascalCaseName');
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) return console.log('The entities match the schema: nothing to generate.');
    const timestamp = Date.now();
    const file = join(process.cwd(), 'migrations', `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
    const lines = (queries: { query: string }[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q.query)});`).join('\n');
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n` +
        `  name = '${name}${timestamp}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${lines(sql.upQueries)}\n  }\n\n` +
        `  async down(queryRunner: QueryRunner): Promise<void> {\n${lines([...sql.downQueries].reverse())}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}\nAdd ${name}${timestamp} to CORE_MIGRATIONS in migrations/index.ts.`);
  },
};

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const action = commands[command ?? ''];
  if (!action) throw new Error(`usage: cli.js <${Object.keys(commands).join('|')}>`);
  const config = loadConfig();
  const embedded = config.database.url ? undefined : new EmbeddedDatabase({ dataDir: config.dataDir, port: config.database.embeddedPort });
  const url = config.database.url ?? (await embedded!.start());
  const dataSource = await connectDataSource({ url, poolSize: 2 });
  try {
    await action(dataSource, args);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`portico: ${describeBootFailure(error)}\n`);
  process.exit(1);
});
