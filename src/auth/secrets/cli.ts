import 'reflect-metadata';
import { describeBootFailure } from '../../common/errors';
import { runRotateMasterKey } from './rotate-command';

/** `npm run secrets:rotate-master-key`: re-seals every stored secret under a new master key. */
const commands: Record<string, () => Promise<unknown>> = {
  'rotate-master-key': () => runRotateMasterKey(process.env, (line) => console.log(line)),
};

async function main(): Promise<void> {
  const command = commands[process.argv[2] ?? ''];
  if (!command) throw new Error(`usage: cli.js <${Object.keys(commands).join('|')}>`);
  await command();
}

main().catch((error: unknown) => {
  process.stderr.write(`portico: ${describeBootFailure(error)}\n`);
  process.exit(1);
});
