import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

describe('documentation examples', () => {
  it.each([
    'Use the test card 4242 4242 4242 4242 in sandbox mode.',
    'The docs IBAN GB82 WEST 1234 5698 7654 32 is only an example.',
    'RFC 5737 example address: 198.51.100.7',
    'Syntax: local@domain, e.g. user@example.com',
    'Template placeholder: +1 (555) 000-0000',
  ])('are not values: %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['Blocked login from 198.51.100.23 at 02:14.', 'IP_ADDRESS', '198.51.100.23'],
    ['Refund to DE89 3704 0044 0532 0130 00, please.', 'IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['Stripe test key sk_test_4eC39HqLyjWDarjtT1zdp7dc leaked into the logs.', 'SECRET', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    ['Mail carlos@example.org about the invoice.', 'EMAIL', 'carlos@example.org'],
  ])('stay values outside an example context: %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });
});

describe('round 5 classes', () => {
  it.each<[string, string, string]>([
    ['SS# 287-41-5093 on file', 'SSN', '287-41-5093'],
    ['Contractor TIN: 229-64-3051', 'SSN', '229-64-3051'],
    ['"social_security_number": "521479932"', 'SSN', '521479932'],
    ["redis-cli -a 'Qw9@x*Lm^2=Rt+b' ping", 'SECRET', 'Qw9@x*Lm^2=Rt+b'],
    ['AccessKey Secret：Rn3kV8qT2zLx7WmP5bHc9YdF4sJg，请删除', 'SECRET', 'Rn3kV8qT2zLx7WmP5bHc9YdF4sJg'],
    ['Use o token 1d7a3c31db2b0f1f1c2617fe093fd56c5b1408b1 agora', 'SECRET', '1d7a3c31db2b0f1f1c2617fe093fd56c5b1408b1'],
    ['UATP card 1192 43216 118079', 'CREDIT_CARD', '1192 43216 118079'],
    ['Reception +65 6225 5577, office line 6123 4567.', 'PHONE', '6123 4567'],
  ])('finds %s', (text, label, value) => {
    expect(foundIn(text)).toContainEqual([label, value]);
  });

  it.each([
    'Chicago, IL 60622-4417',
    'Número de cliente 481 22 7930',
    'UPS 1Z 4F8 A73 03 9182 7745',
    'Upgraded nginx from 1.25.3 to 1.27.0.1',
    '.env.example: SECRET_KEY=cambiar_esto',
    'Commit 7d09464d07c21f51a6df7e2ae3a955881ff7f367 fixed it',
    'Cache key 5f3aff9a72dc61b0ed43609c27988b3baf046af8 evicted',
  ])('finds nothing in %s', (text) => {
    expect(foundIn(text)).toEqual([]);
  });
});
