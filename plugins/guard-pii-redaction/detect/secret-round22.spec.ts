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

describe('round 22: values tried at a failed login, typed after the e-mail, or right after "login"', () => {
  it.each<[string, string[]]>([
    ['iCloud locked, I tried Poznan_Lake_31 and poznanlake31! and both failed', ['Poznan_Lake_31', 'poznanlake31!']],
    ['probé Bilbao_Ria_44 y sigue saliendo contraseña incorrecta', ['Bilbao_Ria_44']],
    ['пробовал Sosna_Bor_2018 — аккаунт заблокирован', ['Sosna_Bor_2018']],
    ['I tried Edge_v118 and Opera_v102 on the login page, both failed', []],
    ['tried build-2.4.1 for the account sync, login still fails', []],
    ['I tried restarting and reinstalling, the login failed anyway', []],
    ['log in with desk@lotus-spa.co and Lotus#Spa2025, then open bookings', ['Lotus#Spa2025']],
    ['log in with desk@lotus-spa.co and open the bookings tab', []],
    ['My Audible login Falcon-Ridge-64 stopped working', ['Falcon-Ridge-64']],
    ['My Steam login Maria_Lopez91 is not found', []],
    ['ops login root:Tr0ub4dor&3x works on the jump host', ['Tr0ub4dor&3x']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 22: password words inflected or placed: pass after a network name, Persian possessives, -nya, Hindi है', () => {
  it.each<[string, string[]]>([
    ['Wifi name: Villa_Rosa, pass Limoncello#7 for the guests', ['Limoncello#7']],
    ['Wifi name: Villa_Rosa, pass it on to Anna_2024 please', []],
    ['رمزم Mashhad_Reza1401 بود', ['Mashhad_Reza1401']],
    ['رمزت چیه؟', []],
    ['kodenya modem lantai dua: Lantai!Dua22', ['Lantai!Dua22']],
    ['kodenya diskon HEMAT70 cuma hari ini', []],
    ['वाईफाई पासवर्ड है Ghar@2023', ['Ghar@2023']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 22: a grouped key after a "code"/"key" word that names a network', () => {
  it.each<[string, string[]]>([
    ['clé WPA x3rp-k9vd-m2qa-t7zh', ['x3rp-k9vd-m2qa-t7zh']],
    ['the code for the router is 4KQW-P8ZN-72HD (printed underneath)', ['4KQW-P8ZN-72HD']],
    ['the code for the router model is RT-AX86U', []],
    ['the licence code for the suite is WXYZ-ABCD-EFGH', []],
    ['the code for the router order is ORD-2025-77QK', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 22: a passphrase of joined lower-case words, and a password spelled then written whole', () => {
  it.each<[string, string[]]>([
    ['пароль от роутера borshch-so-smetanoy', ['borshch-so-smetanoy']],
    ['Passwort fürs Büro: apfel-mit-zimt', ['apfel-mit-zimt']],
    ['my spotify password orange-tundra-falcon', ['orange-tundra-falcon']],
    ['the password self-service-portal is down again', []],
    ['password two-factor-auth is required', []],
    ['the password is up-to-date in the vault', []],
    ['the password is capital T tiger then dollar then 77 so Tiger$77 and the user is admin', ['Tiger$77']],
    ['the password is ten characters long, so Winter2025 would not pass', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 22: a second password of lower-case words joined, a merchant salt, a PrivateKey with its [Interface] section', () => {
  it.each<[string, string[]]>([
    ['Пароль от склада Sklad!2024, а от вайфая dom-na-gore-31', ['Sklad!2024', 'dom-na-gore-31']],
    ['password Heron#Bay55, and the repo is data-pipeline-v2-12', ['Heron#Bay55']],
    ['PayU merchant salt Gk4TzQ8mLw2RvN6pXc9BhJ3sYd7FaE5u for the shop', ['Gk4TzQ8mLw2RvN6pXc9BhJ3sYd7FaE5u']],
    ['bcrypt salt N9qo8uLOickgx2ZMRZoMye is stored next to the hash', []],
    ['the PrivateKey in the [Interface] block is kP3vQ9xL2mZ7wR4tN8yB1cD6fG0hJ5aS3eU7iO9pLq=', ['kP3vQ9xL2mZ7wR4tN8yB1cD6fG0hJ5aS3eU7iO9pLq=']],
    ['the PublicKey in the [Peer] block is kP3vQ9xL2mZ7wR4tN8yB1cD6fG0hJ5aS3eU7iO9pLq=', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 22: a value handed over for a login, changed after a sign-in, after Indonesian "itu", after auth-user-pass', () => {
  it.each<[string, string[]]>([
    ['just use 7ElmStreet1985 to log in, it is the address and the year', ['7ElmStreet1985']],
    ['usa PatioAzul2022 para entrar al wifi', ['PatioAzul2022']],
    ['use Firefox128 to log in to the portal', []],
    ['use the kiosk account to log in', []],
    ['Gmail warned about a suspicious sign-in, so I changed it to BlueHeron!2025', ['BlueHeron!2025']],
    ['the account label was wrong so I changed it to Acme_Labs2025', []],
    ['password FTP di server itu Gudeg!Jogja25, jangan disebar', ['Gudeg!Jogja25']],
    ['password itu sudah diganti', []],
    ['auth-user-pass: kpatel / VpnWinter!2026', ['VpnWinter!2026']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 22: two spellings of one password after "try … or …"', () => {
  it.each<[string, string[]]>([
    ['Hulu on the tv … try meadowlark2001 or Meadowlark2001!, one of those', ['meadowlark2001', 'Meadowlark2001!']],
    ['prueba naranja1990 o Naranja1990$ en la tele', ['naranja1990', 'Naranja1990$']],
    ['try ruby32 or Ruby33 for the build', []],
    ['try Harbor2020 or harbor2021', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
