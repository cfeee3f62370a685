import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 21: a credential word before an environment assignment keeps the key name outside the span', () => {
  it.each<[string, string[]]>([
    ['bad credentials: GH_TOKEN=github_pat_11AB2CD3EF4GH5IJ6KL7MN_Qx7Lm2Vr9Kt4Wz8Hn3Pc6Jd1Fs5Gb0Ya2EkRt8Wq3Zp', ['github_pat_11AB2CD3EF4GH5IJ6KL7MN_Qx7Lm2Vr9Kt4Wz8Hn3Pc6Jd1Fs5Gb0Ya2EkRt8Wq3Zp']],
    ['La credencial del despliegue: DEPLOY_API_KEY=Zr8Kq3Wm7Lp2Xv9Tn4Hc6Jd1Fs caducó ayer', ['Zr8Kq3Wm7Lp2Xv9Tn4Hc6Jd1Fs']],
    ['credentials: GH_TOKEN= is empty in the workflow, so the step is skipped', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 21: a wallet recovery phrase after its cue', () => {
  it.each<[string, string[]]>([
    ['my recovery phrase was ladder quantum drift salmon obey wisdom arena tunnel polar fabric hedge moment', ['ladder quantum drift salmon obey wisdom arena tunnel polar fabric hedge moment']],
    ['Mi frase semilla: "cactus jungle parade wisdom sorry beach quote hobby ramp kitten alarm olive" ¿me la robaron?', ['cactus jungle parade wisdom sorry beach quote hobby ramp kitten alarm olive']],
    ['Never type your seed phrase into any website, support will never ask you for it and you should keep it offline always.', []],
    ['mnemonic: word word word word word word word word word word word word', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 21: a password word, whose it is, then lower-case words a person joined', () => {
  it.each<[string, string[]]>([
    ['Hasło do kamery bigos_z_grzybami, a drukarka dalej nie drukuje.', ['bigos_z_grzybami']],
    ['Password del wifi gelato2718, la stampante non si collega.', ['gelato2718']],
    ['The password reset-link-expired page shows after 24 hours.', []],
    ['Password policy must-include-digits is enforced since v2.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 21: a default device account and its password glued by a slash', () => {
  it.each<[string, string[]]>([
    ['web UI login root/Fjord!Tundra2023 still works', ['Fjord!Tundra2023']],
    ['ssh pi/Berry$Crumble9 — the camera module is not detected', ['Berry$Crumble9']],
    ['GET admin/Users?page=2 returns 500 since the deploy', []],
    ['Copy the file to root/Backups2024 and admin/Logs#2 afterwards', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
