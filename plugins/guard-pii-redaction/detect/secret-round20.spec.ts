import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 20: a second password in a bracket or after a dash', () => {
  it.each<[string, string[]]>([
    ['Das WLAN-Passwort ist Brezel_Sonne88 (das alte war Weißwurst!2019), bitte Zettel austauschen.', ['Brezel_Sonne88', 'Weißwurst!2019']],
    ['Guest Wi-Fi: Harbor-Guest / Password: SeaBreeze!2025 — Crew: Harbor-Ops / Anchor#Deck447', ['SeaBreeze!2025', 'Anchor#Deck447']],
    ['Password: Lantern#Fog82 (user ops_admin2024, network Harbor_Staff5G)', ['Lantern#Fog82']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 20: Redis directives in prose, an account word after the password word, Luxembourgish', () => {
  it.each<[string, string[]]>([
    ['requirepass in the sentinel config is S3ntinel-Redis-Key-77 and masterauth is Rep1ica-Sync-2024', ['S3ntinel-Redis-Key-77', 'Rep1ica-Sync-2024']],
    ['Why does requirepass have to match masterauth on Redis 7.2?', []],
    ['Tolong cek, password akun Rendang_Padang77 gak bisa dipakai', ['Rendang_Padang77']],
    ['Mật khẩu tài khoản Pho_Ha_Noi2024! bị khóa rồi', ['Pho_Ha_Noi2024!']],
    ['Password akun budi_88 sudah direset kemarin', []],
    ['De WLAN-Schlëssel vum Büro ass Gromperekichelcher_7, net weiderginn.', ['Gromperekichelcher_7']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 20: a webhook URL whose secret segment is a placeholder', () => {
  it.each<string>([
    'Our docs use https://hooks.slack.com/services/XXXXXXXX/XXXXXXXX/xxxxxxxxxxxxxxxx as the format.',
    'The docs show https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX here.',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 20: "jeton" and "geheim" before a token, a short part before its dot', () => {
  it.each<[string, string[]]>([
    ['alors que le jeton Zt8.Qm4Lx9Wp2Rk7Vn3Hc6Jd1Fs5Gb0Ye_uK vient', ['Zt8.Qm4Lx9Wp2Rk7Vn3Hc6Jd1Fs5Gb0Ye_uK']],
    ['Sleutel-ID AKIAR4TZ8QWX2LM7PN3K met geheim Wm7Qz2Lp9Xk4Rt8Vn3Hc6Jd1Fs5Gb0Y+aB/eT staat', ['AKIAR4TZ8QWX2LM7PN3K', 'Wm7Qz2Lp9Xk4Rt8Vn3Hc6Jd1Fs5Gb0Y+aB/eT']],
    ['Dat blijft geheim: niemand hoeft te weten dat build 4f2a9c1e kapot was.', []],
    ['See docs v2.Mn8Lp2Wx7Rt3Kv9Hc5Jd1Fs6Gb0Yq_eT for the migration notes.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe("round 20: a password manager's CSV export", () => {
  it.each<[string, string[]]>([
    ['name,url,username,password\nGitHub,https://github.com,mk-dev,octo-Lantern-5521\nSpotify,https://open.spotify.com,marta,bluejay river stone', ['octo-Lantern-5521', 'bluejay river stone']],
    ['"folder","name","login_uri","login_username","login_password"\n"Bank","Sparkasse","https://sparkasse.de","mueller_h","Kiefer-Wald-1962"', ['Kiefer-Wald-1962']],
    ['name,url,username,password\nGitHub,https://github.com,mk-dev,\nGitLab,https://gitlab.com,mk-dev,********', []],
    ['username,password_changed,last_login\nmk-dev,true,2024-06-01', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
