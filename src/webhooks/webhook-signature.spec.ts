import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhookSignature, webhookHeaders } from './webhook-signature';

// The test vector of the Standard Webhooks reference library (libraries/javascript, "sign function works").
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const at = (seconds: number) => seconds * 1000;

describe('Standard Webhooks signing', () => {
  it('reproduces the reference test vector', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(signWebhook(VECTOR.secret.slice('whsec_'.length), VECTOR.id, VECTOR.timestamp, Buffer.from(VECTOR.body))).toBe(VECTOR.signature);
  });

  it('verifies the reference vector within the tolerance, with headers in any case', () => {
    const headers = { 'Webhook-Id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'WEBHOOK-SIGNATURE': VECTOR.signature };
    expect(verifyWebhookSignature(VECTOR.secret, headers, VECTOR.body, 300, at(VECTOR.timestamp + 299))).toEqual({ valid: true, webhookId: VECTOR.id, timestamp: VECTOR.timestamp });
    expect(verifyWebhookSignature(VECTOR.secret, new Headers(headers), VECTOR.body, 300, at(VECTOR.timestamp - 299)).valid).toBe(true);
  });

  it('refuses stale or future timestamps, a changed body, another secret and missing headers', () => {
    const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature };
    const now = at(VECTOR.timestamp);
    expect(verifyWebhookSignature(VECTOR.secret, headers, VECTOR.body, 300, at(VECTOR.timestamp + 301))).toEqual({ valid: false, reason: 'timestamp_out_of_tolerance' });
    expect(verifyWebhookSignature(VECTOR.secret, headers, VECTOR.body, 300, at(VECTOR.timestamp - 301))).toEqual({ valid: false, reason: 'timestamp_out_of_tolerance' });
    expect(verifyWebhookSignature(VECTOR.secret, headers, '{"test":2432232314}', 300, now)).toEqual({ valid: false, reason: 'invalid_signature' });
    expect(verifyWebhookSignature(generateWebhookSecret(), headers, VECTOR.body, 300, now)).toEqual({ valid: false, reason: 'invalid_signature' });
    expect(verifyWebhookSignature(VECTOR.secret, { ...headers, 'webhook-id': 'msg_other' }, VECTOR.body, 300, now).valid).toBe(false);
    expect(verifyWebhookSignature(VECTOR.secret, { ...headers, 'webhook-timestamp': '1614265330.5' }, VECTOR.body, 300, now)).toEqual({ valid: false, reason: 'invalid_timestamp' });
    expect(verifyWebhookSignature(VECTOR.secret, { ...headers, 'webhook-signature': 'v1a,' + VECTOR.signature.slice(3) }, VECTOR.body, 300, now).valid).toBe(false);
    expect(verifyWebhookSignature(VECTOR.secret, { ...headers, 'webhook-signature': 'v1,' }, VECTOR.body, 300, now).valid).toBe(false);
    const { 'webhook-signature': _dropped, ...unsigned } = headers;
    expect(verifyWebhookSignature(VECTOR.secret, unsigned, VECTOR.body, 300, now)).toEqual({ valid: false, reason: 'missing_headers' });
  });

  it('accepts a delivery signed with several secrets when one of them is the receiver’s (rotation)', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = webhookHeaders([current, previous], 'evt_1', VECTOR.timestamp, VECTOR.body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhookSignature(current, headers, VECTOR.body, 300, at(VECTOR.timestamp)).valid).toBe(true);
    expect(verifyWebhookSignature(previous, headers, VECTOR.body, 300, at(VECTOR.timestamp)).valid).toBe(true);
    expect(verifyWebhookSignature(generateWebhookSecret(), headers, VECTOR.body, 300, at(VECTOR.timestamp)).valid).toBe(false);
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
