import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 19: a token after its key name and several words', () => {
  it.each<[string, string[]]>([
    ['der Token für das Warenwirtschaftssystem der Zentrale ist wz_live_Q8mTz2Lp4Xr7Vn1Kc9Hd3Fs6Jb0Gw5Ye', ['wz_live_Q8mTz2Lp4Xr7Vn1Kc9Hd3Fs6Jb0Gw5Ye']],
    ['Token do systemu rezerwacji w e-sklepie: Rk4Tq9Zm2Wx7Lp3Vn8Hc5Jd1Fs6Gb0Yt', ['Rk4Tq9Zm2Wx7Lp3Vn8Hc5Jd1Fs6Gb0Yt']],
    ['La clave de la API de nóminas (SAP/HR) es 9d4c1e7a2b8f3a6c5e0d9b4a7f2c1e8d3b6a5f0c9e2d7b4a1f8c3e6d5b0a9f2c', ['9d4c1e7a2b8f3a6c5e0d9b4a7f2c1e8d3b6a5f0c9e2d7b4a1f8c3e6d5b0a9f2c']],
    ['המפתח ל-API של מערכת ההזמנות: hz_Pq7Wm2Xk9Lr4Tz8Vn3Hc6Jd1Fs5Gb0Yt', ['hz_Pq7Wm2Xk9Lr4Tz8Vn3Hc6Jd1Fs5Gb0Yt']],
    ['المعرّف AKIAQ3XW7PLM2ZK8RT4N والسر Vq8Tm3Lz7Wp2Xk9Rn4Hc6Jd1Fs5Gb0YtQe3Ma8', ['AKIAQ3XW7PLM2ZK8RT4N', 'Vq8Tm3Lz7Wp2Xk9Rn4Hc6Jd1Fs5Gb0YtQe3Ma8']],
    ['Банк жүйесінің құпия кілті Zt4Pm9Wq2Lx7Vr3Kn8Hc5Jd1Fs6Gb0Y, жібермеңіз', ['Zt4Pm9Wq2Lx7Vr3Kn8Hc5Jd1Fs6Gb0Y']],
    ['Dropbox: sl.u.AbC9dEf8GhI7jKl6MnO5pQr4StU3vWx2YzA1bCd0EfG9hIj8KlM7nOp6QrS5tUv4WxY3zAb2CdE1fGh0IjK9lMn8OpQ7rSt6UvW5xYz4AbC3dEf2GhI1jKl0', ['sl.u.AbC9dEf8GhI7jKl6MnO5pQr4StU3vWx2YzA1bCd0EfG9hIj8KlM7nOp6QrS5tUv4WxY3zAb2CdE1fGh0IjK9lMn8OpQ7rSt6UvW5xYz4AbC3dEf2GhI1jKl0']],
    ['LD_SDK_KEY=sdk-3f9a0c1e-5b7d-4e2a-9c6f-8d1b3a5e7f90', ['sdk-3f9a0c1e-5b7d-4e2a-9c6f-8d1b3a5e7f90']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<string>([
    'The token for the payroll service has the id 3b036aa6f853377f1ff52dcf29b03719 in the audit log.',
    'La clave de la API de nóminas tiene el hash 4e84c5cb8c49cc5ae56d020f28053f7c6fcd180574d7aa77d85fcf6e02c14913 en el registro.',
    'Der Token für das Kassensystem kam mit dem Commit 12baf053b68ff9c1d9198a6b1c464f4355a9c80f.',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });

  it('takes a JWT whose header opens like one but no longer parses', () => {
    const header = Buffer.from('{"alg":"RS256","kid":"').toString('base64url') + 'Q7xZ2mK9pL4wR8tV3nB6cH1jF5dS0gY';
    const token = `${header}.eyJzdWIiOiJ4In0Wq8Lm3Tz7Vp2Xk9Rn4Hc.Zx7Kp2Lm9Wq4Tr8Vn3Hc6Jd1Fs5Gb0Yt`;
    expect(secretsIn(`kubeconfig token ${token}`)).toEqual([token]);
  });
});

describe('round 19: a second password listed after the first', () => {
  it.each<[string, string[]]>([
    ['The printer password is Toner#Blue2025 and the one for the scanner mailbox is scan_Box88!, thanks', ['Toner#Blue2025', 'scan_Box88!']],
    ["La password del PC della cassa è Cassa!2024, quella dell'home banking Banca#Rossi77.", ['Cassa!2024', 'Banca#Rossi77']],
    ['Hasło do laptopa: Laptop@Ewa2025, do poczty: Poczta_Ewa19!', ['Laptop@Ewa2025', 'Poczta_Ewa19!']],
    ['my old password was river_stone_1984 and the new one is River-Stone-2026!', ['river_stone_1984', 'River-Stone-2026!']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['the wifi password is Lagoon!Reef7, and the network is called Reef-Guest_5G.', ['Lagoon!Reef7']],
    ['password Qx7!mBr2Lw, user ops_admin-2024', ['Qx7!mBr2Lw']],
    ['Server=db;Password=Lp9#vRt2Wq; Encrypt=True; TrustServerCertificate=False', ['Lp9#vRt2Wq']],
    ['the password is Cedar!Hill42. Ticket: INC-20931-Ab', ['Cedar!Hill42']],
  ])('%s (no sibling)', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it('takes no key name with its colon for a value', () => {
    expect(secretsIn('Hasło w config.yml: db_password: Gdynia_Port!77')).toEqual(['Gdynia_Port!77']);
  });
});

describe('round 19: password words and forms', () => {
  it.each<[string, string[]]>([
    ['mail relay: SMTP pass Sc4n!Relay22 for the copier', ['Sc4n!Relay22']],
    ['POP3 pass: Inbox#Leser7', ['Inbox#Leser7']],
    ['the admin password is Vb8#kQ2mWz on the sticker', ['Vb8#kQ2mWz']],
    ['Passwort für den Server Apfelstrudel19', ['Apfelstrudel19']],
    ['ọrọ igbaniwọle kọmputa ni Suya!Night24', ['Suya!Night24']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<string>(['SMTP pass-through is on', 'password for the VM Windows2019', 'Passwort für den Server Ubuntu22'])('%s (none)', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});
