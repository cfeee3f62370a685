import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 22: a Twilio account SID is an identifier, its API key SID and the token paired with a SID are secrets', () => {
  it.each<[string, string[]]>([
    ['Twilio account AC3f9a2b7c1d4e5f60718293a4b5c6d7e8 sends the reminders', []],
    ['use ACe8397abb80270f0e7d3fb04d430e2d4b here', []],
    ['Cuenta de Twilio AC0a1b2c3d4e5f60718293a4b5c6d7e8f9 y clave SK0a1b2c3d4e5f60718293a4b5c6d7e8f9', ['SK0a1b2c3d4e5f60718293a4b5c6d7e8f9']],
    ['client = Client("AC2d9f4b7e1a6c3f8d5b0e7a4c1f9d6b3e", "4f8a2c6e0b3d7f1a5c9e2b6d0a4f8c3e")', ['4f8a2c6e0b3d7f1a5c9e2b6d0a4f8c3e']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
