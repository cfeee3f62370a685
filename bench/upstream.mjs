// The fake OpenAI upstream, in its own process: provider-mock's node:http server from the build.
// Prints `READY {"port":…}` once it listens. Usage: node bench/upstream.mjs [chunkDelayMs]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const compiled = new URL('../dist/plugins/provider-mock/server.js', import.meta.url);
if (!existsSync(compiled)) {
  console.error('bench: dist/plugins/provider-mock/server.js is missing; run `npx nest build` first');
  process.exit(2);
}
const { startMockUpstreamServer } = require(compiled.pathname);

const chunkDelayMs = Number(process.argv[2] ?? 0);
const server = await startMockUpstreamServer({ host: '127.0.0.1', config: { chunkDelayMs } });
console.log(`READY ${JSON.stringify({ port: server.port, url: server.url })}`);

const shutdown = () => server.close().finally(() => process.exit(0));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
