import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing per the Standard Webhooks spec (https://www.standardwebhooks.com): the sender signs
 * `<webhook-id>.<webhook-timestamp>.<body>` with HMAC-SHA256 under the endpoint's secret and sends
 * `webhook-signature: v1,<base64>` — several space-separated signatures while a rotated secret is
 * still honoured. No Nest and no Portico imports, so a receiver can copy this file as it is.
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The HMAC key: the base64-decoded part after `whsec_` (a bare base64 secret is accepted too). */
function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64');
  if (key.length === 0) throw new Error('a webhook secret must be base64, optionally prefixed with whsec_');
  return key;
}

function hmac(secret: string, webhookId: string, timestamp: number, body: string | Buffer): Buffer {
  return createHmac('sha256', keyOf(secret)).update(`${webhookId}.${timestamp}.`).update(body).digest();
}

/** One signature, `v1,<base64>`. */
export function signWebhook(secret: string, webhookId: string, timestampSeconds: number, body: string | Buffer): string {
  return `v1,${hmac(secret, webhookId, timestampSeconds, body).toString('base64')}`;
}

/** The three Standard Webhooks headers, signed with every given secret (current first). */
export function webhookHeaders(secrets: readonly string[], webhookId: string, timestampSeconds: number, body: string | Buffer): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => signWebhook(secret, webhookId, timestampSeconds, body)).join(' '),
  };
}

export type WebhookVerification =
  | { valid: true; webhookId: string; timestamp: number }
  | { valid: false; reason: 'missing_headers' | 'invalid_timestamp' | 'timestamp_out_of_tolerance' | 'invalid_signature' };

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
}

/**
 * Verifies a delivery as a receiver should: all three headers present, the timestamp within
 * `toleranceSeconds` of now (replays are refused), and at least one `v1` signature matching the
 * raw body — the exact bytes received, never re-serialised JSON. Compares in constant time.
 *
 * @example
 * const result = verifyWebhookSignature(process.env.PORTICO_WEBHOOK_SECRET!, request.headers, rawBody, 300);
 * if (!result.valid) return reply.code(401).send();
 * if (alreadyProcessed(result.webhookId)) return reply.code(204).send();
 */
export function verifyWebhookSignature(
  secret: string,
  headers: HeaderBag,
  body: string | Buffer,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
  nowMs: number = Date.now(),
): WebhookVerification {
  const webhookId = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!webhookId || !timestampText || !signatures) return { valid: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestampText)) return { valid: false, reason: 'invalid_timestamp' };
  const timestamp = Number(timestampText);
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) return { valid: false, reason: 'timestamp_out_of_tolerance' };
  const expected = hmac(secret, webhookId, timestamp, body);
  const matches = signatures.split(' ').some((entry) => {
    const [version, encoded] = entry.split(',', 2);
    if (version !== 'v1' || !encoded) return false;
    const candidate = Buffer.from(encoded, 'base64');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  return matches ? { valid: true, webhookId, timestamp } : { valid: false, reason: 'invalid_signature' };
}
