import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING } from '../config.schema.js';
import { createTextDetector } from './index.js';

const detector = createTextDetector({ types: ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip_address', 'secret'], binding: DEFAULT_BINDING });
const secrets = (text: string) => detector(text).flatMap((detection) => (detection.label === 'SECRET' ? [text.slice(detection.start, detection.end)] : []));

describe('round 10 secret classes', () => {
  it.each<[string, string]>([
    // A full stop ending the sentence stays outside an assigned value.
    ['Router ready. Password: k9Tz-44mWq-81Ls. Call us if it drops.', 'k9Tz-44mWq-81Ls'],
    // The value before the password word.
    ['Granite#Peak31 is the new password for the lab.', 'Granite#Peak31'],
    ['Nimm Ostsee_Welle27 als Passwort für den Drucker.', 'Ostsee_Welle27'],
    ['Usa Tramonto#Roma5 come password.', 'Tramonto#Roma5'],
    ['Walrus_Bay88 — that is the password for the shed.', 'Walrus_Bay88'],
    ['Kumamon#Kyushu4が新しいパスワードです。', 'Kumamon#Kyushu4'],
    // Far from the word: the first colon, a question, a verb-final copula, an arrow.
    ['Пароль от кладовки — секунду, нашла: Sklad#Polka42', 'Sklad#Polka42'],
    ['My passcode? It is Puffin!Rock77 for now.', 'Puffin!Rock77'],
    ['پسورد مودم رو عوض کردم. الان Tabriz#Bazar12 هست.', 'Tabriz#Bazar12'],
    ['Şifreyi değiştirdim, yenisi Efes_Antik8 oldu.', 'Efes_Antik8'],
    // An address or a handle between the word and its copula; Romanian "e"; "pass" after an e-mail address.
    ['The password for billing@harrow-mills.co.uk is Loom#Weaver62', 'Loom#Weaver62'],
    ['Parola de la laptop e Sibiu_Turn44.', 'Sibiu_Turn44'],
    ['mail frontdesk@pinecabins.ca pass Cedar!Loft19', 'Cedar!Loft19'],
    // Wi-Fi, network and pre-shared key words; access data as a pair; a command's output line.
    ['btw the boat wifi is seagullDeck42', 'seagullDeck42'],
    ['WLAN-Schlüssel: Moselblick2025xy', 'Moselblick2025xy'],
    ['IPsecの事前共有キーは Osaka_Bay31 です。', 'Osaka_Bay31'],
    ['Credentials are ops / Kettle#Drum58', 'Kettle#Drum58'],
    ['$ vault read -field=password kv/app/db\nTq7!vRz3Wm8k', 'Tq7!vRz3Wm8k'],
  ])('%s', (text, secret) => {
    expect(secrets(text)).toEqual([secret]);
  });

  it.each<string>([
    'STRIPE_PUBLISHABLE_KEY=pk_live_zQMO41qSOlw46E7QfOFyxUTi',
    'Use SHA-512 as the password hash.',
    'Bitwarden_2 is the password manager of the lab.',
    'Password reset requested for user: a.novak_7',
    'Password change ticket: CHG-2025-0412',
    'パスワードは bcrypt でハッシュ化しています（例：$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy）',
    'The wifi network is FRITZ!Box_7590_KL and the password is on the back.',
    'the wifi at the depot is HOME_5G_3301',
    'wifi: Lobby_Guest_5G, password at the desk',
    'Zugangsdaten: siehe Wiki-Seite 12, Abschnitt 4',
    '$ git log -1 --format=%H\n7b3e9f1c2a4d6e8f0a1b3c5d7e9f1a2b3c4d5e6f',
    '$ echo $PASSWORD_MAX_AGE\n90',
    'Parola e prea scurtă: minimum 12 caractere.',
  ])('not a secret: %s', (text) => {
    expect(secrets(text)).toEqual([]);
  });
});
