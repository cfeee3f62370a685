import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 23: passphrases written with spaces after a password word', () => {
  it.each<[string, string[]]>([
    ['please stop sharing it, your password Harvest Moon 1977! is visible to everyone', ['Harvest Moon 1977!']],
    ['the wifi for the guest cottage is pinecone otter 58 all lowercase', ['pinecone otter 58']],
    ['oye, la contraseña del portátil es luna sol estrella 23 con espacios', ['luna sol estrella 23']],
    ['la clave del banco es olivos del campo 1961 y la del correo otra', ['olivos del campo 1961']],
    ['la password di Netflix è pizza margherita 44 e non cambiarla', ['pizza margherita 44']],
    ['пароль от почты — лиса в лесу 31, не меняй', ['лиса в лесу 31']],
    ['nova lozinka za server je sava zelena 1975, javi se', ['sava zelena 1975']],
    ['das Passwort für den Drucker ist blaue Kuh 64.', ['blaue Kuh 64']],
    ['le mot de passe du wifi est chat noir gris 19 sans majuscule', ['chat noir gris 19']],
    ['Shop login: jane@example.org, password Salt water & sand 2021', ['Salt water & sand 2021']],
    ['o senha do wifi é casa azul praia 88, beijos', ['casa azul praia 88']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each([
    'the password is on the sticker under the router',
    'the password is at least 12 characters long',
    'your password expires in 90 days, change it soon',
    'the password was reset on March 12, please log in again',
    'Password policy version 12 applies to all accounts.',
    'the password is in drawer 12.',
    'the wifi is down since Tuesday 10, call the landlord',
    'Wi-Fi: Hotel Lobby 24 is the network in the hall',
    'the wifi in the meeting room is slow after 14',
    'password attempts 3 and then the account locks',
    'la contraseña es la misma de 2019 y no la cambies',
    'the password manager costs 12, and the team plan 20',
    'пароль меняется каждые 90 дней',
    'password reset for account 12345 failed',
    'the password is what you set in 2021.',
    'my password is the same as last 2022, and it works',
    'password hint: favourite dog name 99',
    'la pista de la contraseña: nombre del perro 99',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 23: a spaced phrase is not the account or the host a password word names', () => {
  it.each([
    'Halo, password MySQL di server 103.28.54.190 itu rahasia',
    'parola DB pe 10.0.1.15 este veche',
    'the password Office Printer 12 needs toner',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 23: a router key of digit groups after a bare "key" word, where a network is named before it', () => {
  it.each<[string, string[]]>([
    ['OCR of the sticker: "WlFl: MillerHome_5G   KEY: 6612 0943 7785 2201   (not for guests)"', ['6612 0943 7785 2201']],
    ['WiFi: MillerHome   KEY: 6612 0943 7785 2201', ['6612 0943 7785 2201']],
    ['WLAN: Haus Berger, Schlüssel: 3391 0457 8862 1120 5573', ['3391 0457 8862 1120 5573']],
    ['Wi-Fi de la casa: clave 2210 8836 4105 7749 1234', ['2210 8836 4105 7749 1234']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each([
    'wifi router; product key 7749-2210-8836-4105',
    'license key 1234 5678 9012 3456 for the office suite',
    'router serial 7749 2210 8836 4105',
    'the hotel wifi was fine; the room key 4410 2231 9987 1123 was on the desk? no, key card',
    'wifi at the cafe; card key 4111 1111 1111 1111',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 23: cue words missing from the lists (SNMP community string, Nordic "wifi-kode", Japanese "Wi-Fiのキー", Irish "focal faire")', () => {
  it.each<[string, string[]]>([
    ['SNMP community string on the core switches is Sw1tch-C0re!x, not public', ['Sw1tch-C0re!x']],
    ['vores wifi-kode er rugbroed-med-leverpostej – ring hvis den driller', ['rugbroed-med-leverpostej']],
    ['wifi-koden er Fiskefrikadelle2024', ['Fiskefrikadelle2024']],
    ['メモ：Wi-Fiのキーは 9c4e2a71bd03。', ['9c4e2a71bd03']],
    ['an focal faire nua: Cupan-Tae!7', ['Cupan-Tae!7']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each([
    'the community string public is the default, change it',
    'SNMP community string is public',
    'Wi-Fiのキーはルーターの裏にあります。',
    'wifi-koden står på routeren',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});
