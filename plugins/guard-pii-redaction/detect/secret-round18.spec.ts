import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 18 vendor tokens and cued token shapes', () => {
  it.each<[string, string[]]>([
    ['BUILDKITE_API_TOKEN=bkua_0e6c1f9a2b7d4e8c3a5f9d1b6e2c7a4f8d3b9e05', ['bkua_0e6c1f9a2b7d4e8c3a5f9d1b6e2c7a4f8d3b9e05']],
    ['circleci token CCIPAT_Qm3kT8vLx2RwN5pZ9cYb4H_1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c4b6a8f0e in the runner', ['CCIPAT_Qm3kT8vLx2RwN5pZ9cYb4H_1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c4b6a8f0e']],
    ['hubspot: pat-na1-2c7e9a41-6b3d-4f8e-a1c5-9d0b7e3f6a28', ['pat-na1-2c7e9a41-6b3d-4f8e-a1c5-9d0b7e3f6a28']],
    ['mail via Resend re_Kp4x9TqZ_mB7wR2nL5vY8cH3jF6sD1gQ0', ['re_Kp4x9TqZ_mB7wR2nL5vY8cH3jF6sD1gQ0']],
    ['AGE-SECRET-KEY-1QWERTYUIOPASDFGHJKLZXCVBNM1234567890QWERTYUIOPASDFGHJKLZX9', ['AGE-SECRET-KEY-1QWERTYUIOPASDFGHJKLZXCVBNM1234567890QWERTYUIOPASDFGHJKLZX9']],
    ['access token dG9rOjE3ZDQ5Yj_Zm9vYmFy1cXk9Rm2Tn8Lp5Wq3Zs7Vb4Hj6Kd0=', ['dG9rOjE3ZDQ5Yj_Zm9vYmFy1cXk9Rm2Tn8Lp5Wq3Zs7Vb4Hj6Kd0=']],
    // A vendor's lower-case prefix and hex after a token word, whichever the vendor.
    ['the agent token is acme_5e8f1c2a9b7d3e6f4a0c8b1d2e3f4a5b6c7d8e9f', ['acme_5e8f1c2a9b7d3e6f4a0c8b1d2e3f4a5b6c7d8e9f']],
    // Padded base64url after a token word.
    ['api token: Vx3kP9mQ2rT7wZ5nB8cL4jH6fD1sG0aY_eK2uR9t-Mp=', ['Vx3kP9mQ2rT7wZ5nB8cL4jH6fD1sG0aY_eK2uR9t-Mp=']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<string>([
    'Chiave API: sk_test_XXXXXXXXXXXXXXXXXXXXXXXX (segnaposto).',
    'token: ghp_000000000000000000000000000000000000',
    'the token commit sha_9f86d081884c7d659a2feaa0c55ad015a3bf4f1b fixed it',
    'request id req_4f7c2a9e1b3d5f6a8c0e2b4d6f8a1c3e5b7d9f0a in the token service logs',
    'age public key age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p',
    'the token request 6f1c0a3e-2b7d-4e9a-8c5f-1d3b7a9e2c4f failed',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 18 password classes', () => {
  it.each<[string, string[]]>([
    // A recipe of names, years and numbers, then the value, and a second spelling after "or".
    ["the tablet's login is his horse's name and the year we bought it, Comet2008, ok?", ['Comet2008']],
    ["the pin pad password: our cat's name + flat number + !, so Tigger12!", ['Tigger12!']],
    ["i lost my password, it is my mother's name and her birth year, Helga1951 or helga1951", ['Helga1951', 'helga1951']],
    // A password changed "to" a new value with only a pronoun for it.
    ['the passphrase was "one two three four", then we changed it to "blue kettle sings at dawn" for good', ['one two three four', 'blue kettle sings at dawn']],
    ['after sudo passwd I set it to Orchard!Gate44 on the pi', ['Orchard!Gate44']],
    ['пароль от кассы сменили на Kassa2026!new вчера', ['Kassa2026!new']],
    // A weak key word, a preposition and a Wi-Fi word; a device word after a glued password word; "shared key".
    ['a chave do wifi é goiabada55recife', ['goiabada55recife']],
    ['ពាក្យសម្ងាត់ router Siem#Reap2025', ['Siem#Reap2025']],
    ['共有鍵：Hakone#Onsen8', ['Hakone#Onsen8']],
    // A credentials word right before `user:password`.
    ['the scan found default creds admin:Str0ng!Pass on the switch', ['Str0ng!Pass']],
    // A new password announced with no password word.
    ['wifi at the clinic was reset. the new one: Quiet-Harbor-Lane-7', ['Quiet-Harbor-Lane-7']],
    ['nueva: Ferreteria#Sur_12 (la otra ya no va)', ['Ferreteria#Sur_12']],
    ["it's the same as before but with 2027 at the end: GreenValley2027", ['GreenValley2027']],
    ['a mesma de sempre só que com arroba: P@d@ri@Norte', ['P@d@ri@Norte']],
    // An Adyen key with a dot in it.
    ['adyen: AQEvhmfxL4nJbhRLw0m/n3Q5qf3VaY9UCJ15Ymph7Db8j2tEzR.3YxKfeg5ZpK7FvS/wPqe1mT6c9N3fRb8LhUy-Dq2Wk', ['AQEvhmfxL4nJbhRLw0m/n3Q5qf3VaY9UCJ15Ymph7Db8j2tEzR.3YxKfeg5ZpK7FvS/wPqe1mT6c9N3fRb8LhUy-Dq2Wk']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<string>([
    'The account name and number, Acme2024, appear on every invoice.',
    'Enter your name and date of birth, e.g. Smith1980, in the form.',
    'The password dialog was confusing, so we set it to dark mode.',
    'we changed it to the new format, the password rules are unchanged',
    'a chave do wifi é a mesma de sempre',
    'la clé du wifi est collée sous la box',
    'default creds admin:admin still work on the printer',
    'the login screen shows uptime 12:45:09',
    'Which router should we buy? The new one: TP-Link-Archer-AX55 is on sale.',
    'nueva: versión 3.4.1 del programa',
    'same as before but on Thursday: Room-14C',
    'the new one: INV-2026-0412 replaces the cancelled invoice',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});
