import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING } from '../config.schema.js';
import { createTextDetector } from './index.js';

const detector = createTextDetector({ types: ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip_address', 'secret'], binding: DEFAULT_BINDING });
const secrets = (text: string) => detector(text).flatMap((detection) => (detection.label === 'SECRET' ? [text.slice(detection.start, detection.end)] : []));

describe('round 11 secret classes', () => {
  it.each<[string, string]>([
    // The value of a URL's user ends before the host.
    ['git push https://x-access-token:Jq7vW2mXk9LzT4pRn8BcYd3E@github.com/acme/site.git', 'Jq7vW2mXk9LzT4pRn8BcYd3E'],
    ['AMQP_URL=amqps://worker:Zr8#kLm2-Qx4@mq.lager-nord.de:5671/prod', 'Zr8#kLm2-Qx4'],
    // Tokens in a URL's path.
    ['curl https://api.telegram.org/bot5120938476:AAFv8mQ2xLz7TkN4pWb9RcY3sJ6dH1gE5uk/getUpdates', '5120938476:AAFv8mQ2xLz7TkN4pWb9RcY3sJ6dH1gE5uk'],
    ['https://maker.ifttt.com/trigger/porch/with/key/cM5xR8vTn2LzQ7wKs3YpE4', 'cM5xR8vTn2LzQ7wKs3YpE4'],
    // Short secrets right after a secret word.
    ['라인 앱 Client Secret은 Wn8qK3xLmZ 입니다.', 'Wn8qK3xLmZ'],
    ['The Spotify client secret is Lm4Tq8VzK2Xw9Rn.', 'Lm4Tq8VzK2Xw9Rn'],
    // Key names of more tools.
    ['redis_auth = "Tx9vLq2mPk7RzW4nBs8YcD3hJ6"', 'Tx9vLq2mPk7RzW4nBs8YcD3hJ6'],
    ['network={\n  psk="Birnen#Tarte61"\n}', 'Birnen#Tarte61'],
    ['bindpw Annu#Aire2025', 'Annu#Aire2025'],
    // Network keys written as digits.
    ['Der WLAN-Schlüssel lautet 5521 0837 4412 9968 3307.', '5521 0837 4412 9968 3307'],
    ['La clave de red es 77120944183365021147.', '77120944183365021147'],
    // "now" after the copula or a comma; an account's owner; a postposed possessive; "e-" words.
    ['het wachtwoord van de router is nu Hagelslag#Breda4', 'Hagelslag#Breda4'],
    ['a senha mudou, agora é Coxinha!Recife8', 'Coxinha!Recife8'],
    ['Password akun Tokopedia kakak Gudeg#Jogja45, tolong cek.', 'Gudeg#Jogja45'],
    ['yung password ng Lazada ko pancit_canton_31 paki-check', 'pancit_canton_31'],
    ['A senha do e-commerce é Acaraje!Bahia6.', 'Acaraje!Bahia6'],
  ])('%s', (text, secret) => {
    expect(secrets(text)).toEqual([secret]);
  });

  it.each<string>([
    'key_id = rzp_live_Hq7ZmN2xVpL4Tb',
    'RAZORPAY_KEY_ID=rzp_test_Mn3xQv8LpZ2kRt',
    'Square application id sq0idp-Hk2mXq8vNzL4pTw7RbYc3E',
    'Midtrans client key: SB-Mid-client-Hk2mXq8vNzL4pTw7',
    'Adyen clientKey: test_7KQ2MXHV4ZCB5LPN2TRW8YJ6DF3S1GUA',
    'auth = "oauth2-proxy"',
    'credentials: "include"',
    'rootpw {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=',
    'Wi-Fi password reset ticket: 2024 0915 1130 4471',
    'Die Seriennummer lautet 2045 1187 3390 4412 6630, das WLAN-Passwort steht daneben.',
    'Secret Santa draw: Margarida2024 gets Tomas.',
    'Ο κωδικός για το e-banking είναι στο σημειωματάριο.',
    'https://docs.kanzlei-weber.de/api/tokens/rotate-keys-2024',
  ])('not a secret: %s', (text) => {
    expect(secrets(text)).toEqual([]);
  });
});
