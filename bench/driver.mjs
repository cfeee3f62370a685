// The load generator, in its own process (pinned next to the fake upstream).
// Usage: node bench/driver.mjs '<job JSON>'; prints `RESULT <JSON>` on its last line.
//   load:   { kind: 'load', url, headers, body, connections, durationS, warmupS }
//   stream: { kind: 'stream', url, headers, body, count }
import autocannon from 'autocannon';
import { Client } from 'undici';

/** The q-quantile (0..1) of an ascending array, nearest rank. */
function quantile(sorted, q) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function cannon(job, durationS, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: job.url, method: 'POST', headers: job.headers, body: job.body, connections: job.connections, duration: durationS, timeout: 30 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse) instance.on('response', onResponse);
  });
}

/**
 * autocannon's own histogram has a 1 ms resolution, too coarse for a proxy's added latency,
 * so every 2xx response time is kept (float ms, from autocannon's hrtime) and sorted afterwards.
 */
async function load(job) {
  if (job.warmupS > 0) await cannon(job, job.warmupS);
  // The measured part starts now (a caller may read the subject's CPU time at this line).
  process.stdout.write('WARM {}\n');
  const times = [];
  const result = await cannon(job, job.durationS, (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  times.sort((a, b) => a - b);
  return {
    rps: result['2xx'] / result.duration,
    p50: quantile(times, 0.5),
    p90: quantile(times, 0.9),
    p99: quantile(times, 0.99),
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** One streamed request: ms to the first body byte, ms to the end, and whether it looked like SSE. */
async function streamOnce(client, path, job) {
  const started = performance.now();
  const answer = await client.request({ method: 'POST', path, headers: job.headers, body: job.body });
  let ttfb;
  let text = '';
  for await (const piece of answer.body) {
    ttfb ??= performance.now() - started;
    text += piece.toString();
  }
  const total = performance.now() - started;
  return { ttfb, total, ok: answer.statusCode === 200 && text.includes('data: [DONE]') };
}

/** `count` sequential streamed requests on one keep-alive connection, after a few warm-ups. */
async function stream(job) {
  const url = new URL(job.url);
  const client = new Client(url.origin, { keepAliveTimeout: 60_000 });
  const ttfbs = [];
  const totals = [];
  let failed = 0;
  try {
    for (let index = 0; index < 10; index++) await streamOnce(client, url.pathname, job);
    for (let index = 0; index < job.count; index++) {
      const one = await streamOnce(client, url.pathname, job);
      if (!one.ok) failed++;
      ttfbs.push(one.ttfb);
      totals.push(one.total);
    }
  } finally {
    await client.close();
  }
  ttfbs.sort((a, b) => a - b);
  totals.sort((a, b) => a - b);
  return { count: job.count, failed, ttfbP50: quantile(ttfbs, 0.5), ttfbP99: quantile(ttfbs, 0.99), totalP50: quantile(totals, 0.5) };
}

const job = JSON.parse(process.argv[2]);
const result = job.kind === 'load' ? await load(job) : await stream(job);
console.log(`RESULT ${JSON.stringify(result)}`);
