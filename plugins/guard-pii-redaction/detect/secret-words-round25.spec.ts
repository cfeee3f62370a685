import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 25: vendor formats known by what stands next to them (Teams webhook on any host, AWS pair with a word between, Cloudflare token)', () => {
  it.each<[string, string[]]>([
    [
      'hook for #releases: https://example.webhook.office.com/webhookb2/11aa22bb-33cc-44dd-a5ee-66ff77889900@aa11bb22-cc33-4d44-8e55-ff6677889900/IncomingWebhook/7c1e9a3b5d2f4e6a8b0c1d2e3f4a5b6c/99887766-5544-4332-a110-ffeeddccbbaa',
      ['https://example.webhook.office.com/webhookb2/11aa22bb-33cc-44dd-a5ee-66ff77889900@aa11bb22-cc33-4d44-8e55-ff6677889900/IncomingWebhook/7c1e9a3b5d2f4e6a8b0c1d2e3f4a5b6c/99887766-5544-4332-a110-ffeeddccbbaa'],
    ],
    ['clés du compte: AKIAZ8PLM3QW7NXK2RTB / secrète Hq3+Yt8Lp2Wx/7Mc5Nv9Bz1Kd4Gf6Js0Ra3Te8Uy', ['AKIAZ8PLM3QW7NXK2RTB', 'Hq3+Yt8Lp2Wx/7Mc5Nv9Bz1Kd4Gf6Js0Ra3Te8Uy']],
    ['OSS 上传用的 AccessKeyId LTAI5tKm3Np8Qr2Ws6Xz9Ab1，AccessKeySecret Hg7Jk2Lm9Np4Qr6St8Uv1Wx3Yz5Ab7，用完删掉', ['LTAI5tKm3Np8Qr2Ws6Xz9Ab1', 'Hg7Jk2Lm9Np4Qr6St8Uv1Wx3Yz5Ab7']],
    ['vector sink uses the Splunk HEC token 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968 for the audit index', ['8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968']],
    ['Cloudflare API token (cache purge only): Qw3_Er5tY7uI9oP1aS2dF4gH6jK8lZ0xC-vBnM2q', ['Qw3_Er5tY7uI9oP1aS2dF4gH6jK8lZ0xC-vBnM2q']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: hedges, change verbs and the French past copula before a value, `Wi-Fi キー`', () => {
  it.each<[string, string[]]>([
    ['Heslo na Wi-Fi v chate som zmenila na Bryndzove-Pirohy-5, dík.', ['Bryndzove-Pirohy-5']],
    ['Hasło do drukarki zmieniłem na Pierogi#Ruskie8 wczoraj.', ['Pierogi#Ruskie8']],
    ['A senha do sistema troquei para Goiabada-Queijo-12 ontem.', ['Goiabada-Queijo-12']],
    ['Recepção: a senha do Wi-Fi mudou para Leitura@2026', ['Leitura@2026']],
    ['Esqueci a senha do e-mail, acho que era Pitanga#Verde12 ou parecido.', ['Pitanga#Verde12']],
    ["Le mot de passe de l'intranet… c'était Cassoulet#Toulouse31 avant la migration.", ['Cassoulet#Toulouse31']],
    ['民宿メモ：Wi-Fi キー kaede7719otaru です', ['kaede7719otaru']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: hard negatives', () => {
  it.each<string>([
    'The Teams webhook looks like https://<tenant>.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>',
    'Cloudflare account id 8f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c for billing',
    'Heslo na Wi-Fi som zmenila na nové, dík.',
    'Esqueci a senha do e-mail, acho que era a mesma do banco.',
    "Le mot de passe de l'intranet… c'était bien trop simple.",
    '民宿メモ：Wi-Fi キーはルーターの裏にあります',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 25: Thai password words glued to the account, dashed lower-case Wi-Fi words, an ellipsis', () => {
  it.each<[string, string[]]>([
    ['รหัสผ่านระบบ ERP Khaoman@Kai2022 อย่าบอกใคร', ['Khaoman@Kai2022']],
    ['Sommerhus-info, WiFi: hyldeblomst-og-æbler – husk at lukke vinduerne.', ['hyldeblomst-og-æbler']],
    ['Perdi a senha da loja, acho que era Tapioca#Doce8... alguém lembra?', ['Tapioca#Doce8']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
  it.each<string>([
    'Solche WLAN-Fehler lösen Sie mit einem Neustart.',
    'รหัสผ่านระบบสต็อกต้องเปลี่ยนทุก 90 วัน',
    'Sommerhus-info, WiFi: slået-fra-nu – spørg værten.',
    'Perdi a senha da loja, acho que era... não lembro.',
  ])('no value: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 25: a dictated word of letters only, a filler before it and a remark on its case after it', () => {
  it.each<[string, string[]]>([
    ['voicemail: "the alarm panel password is uh tangerinebicyclelamp all lowercase"', ['tangerinebicyclelamp']],
    ["message vocal : le code wifi, le mot de passe c'est euh framboisefraiche tout attaché", ['framboisefraiche']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
  it.each<string>([
    'voicemail: "the alarm panel password is uh something all lowercase"',
    'the alarm panel password is required, all lowercase letters only',
  ])('no value: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});
