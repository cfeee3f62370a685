// The minimal reverse proxy: node:http in front of an undici Pool with keep-alive, the body
// streamed through both ways, no features. It is the floor of what a Node gateway can cost.
// Prints `READY {"port":…}` once it listens. Usage: node bench/proxy.mjs <upstream origin>
import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

function forwardable(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
  return out;
}

const pool = new Pool(process.argv[2], { connections: 256, keepAliveTimeout: 60_000 });

async function handle(request, response) {
  try {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const answer = await pool.request({
      method: request.method,
      path: request.url,
      headers: forwardable(request.headers),
      body: hasBody ? request : undefined,
    });
    response.writeHead(answer.statusCode, forwardable(answer.headers));
    await pipeline(answer.body, response);
  } catch (error) {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: `proxy: ${error.message}` } }));
  }
}

const server = createServer((request, response) => void handle(request, response));
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`READY ${JSON.stringify({ port: server.address().port })}`);
});

const shutdown = () => {
  server.closeAllConnections();
  server.close();
  pool.close().finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
