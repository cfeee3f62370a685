import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 24: a copula and "now" between a password word and its value (Catalan, Luxembourgish, Maltese, Welsh, Spanish, Persian)', () => {
  it.each<[string, string[]]>([
    ['la contrasenya del correu és ara Escalivada#21, no la perdis', ['Escalivada#21']],
    ['la contrasenya de la wifi del taller és ara Calçots-Valls#9, no la canvieu.', ['Calçots-Valls#9']],
    ["D'Passwuert fir de Router ass elo Rieslingspaatz#7, merci.", ['Rieslingspaatz#7']],
    ['Il-password tal-wifi tad-dar hi Fenek_bit_tewm, ibgħatli', ['Fenek_bit_tewm']],
    ['Il-password tal-kompjuter hi issa Qassatat_tal_Pizelli, tibdilhiex.', ['Qassatat_tal_Pizelli']],
    ['Cyfrinair y wi-fi yn y caffi yw bara-brith-a-phanad, gofynnwch wrth y cownter.', ['bara-brith-a-phanad']],
    ['la clave del wifi de la bodega quedó en Vendimia.2023#Rioja, no la compartas', ['Vendimia.2023#Rioja']],
    ['رمز عبور جدید کاربر admin روی سرور فایل Anar-Root!77 است؛ قبلی را پاک کنید.', ['Anar-Root!77']],
    ['پسورد جیمیلم رو عوض کردم، جدیده Anar_61!shiraz', ['Anar_61!shiraz']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: the Irish verb-first order (`is é X an pasfhocal`)', () => {
  it.each<[string, string[]]>([
    ['Is é Bainne-Cno!84 an pasfhocal don ríomhaire glúine nua.', ['Bainne-Cno!84']],
    ['Seo duit: is é Tae-Agus-Arán#5 an focal faire nua.', ['Tae-Agus-Arán#5']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: Wi-Fi values of joined words with no digit, quoted in a list, or at the end of a clause about the account', () => {
  it.each<[string, string[]]>([
    ['wifi de la cabane : tourtiere_du_lac, merci', ['tourtiere_du_lac']],
    ['Password wifi kos bu Sri GudegJogjaMbakSri88, jangan disebar ya.', ['GudegJogjaMbakSri88']],
    ['babysitter sheet: wifi "Maple!Attic42", lights out at 8', ['Maple!Attic42']],
    ['Шифра за вајфај у викендици је pljeskavica-sa-kajmakom-4, позови ако не ради.', ['pljeskavica-sa-kajmakom-4']],
    ['La contraseña del terminal de cobro de la panadería Conchas&Bolillos_88, cualquier duda me llamas.', ['Conchas&Bolillos_88']],
    ['the new vault password came up on the call ("quiet-Harbor-62-Falcon"), please rotate it', ['quiet-Harbor-62-Falcon']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: group-chat robot webhooks labelled whole (DingTalk, Feishu, Lark, WeCom) and the FlyV1 scheme', () => {
  it.each<[string, string[]]>([
    [
      '钉钉机器人 https://oapi.dingtalk.com/robot/send?access_token=3f9a1c7e5b2d48f6a0c9e1b7d3f5a8c2e4b6d9f1a3c5e7b9d2f4a6c8e1b3d5f7 只给运维群用',
      ['https://oapi.dingtalk.com/robot/send?access_token=3f9a1c7e5b2d48f6a0c9e1b7d3f5a8c2e4b6d9f1a3c5e7b9d2f4a6c8e1b3d5f7'],
    ],
    ['飞书告警机器人：https://open.feishu.cn/open-apis/bot/v2/hook/4b0e2c71-9d3a-4f5e-8c16-a27d5e9b3f08，别外传。', ['https://open.feishu.cn/open-apis/bot/v2/hook/4b0e2c71-9d3a-4f5e-8c16-a27d5e9b3f08']],
    ['Lark bot: https://open.larksuite.com/open-apis/bot/v2/hook/c81f3a5e-2d7b-4e90-a4c6-5b1e8d3f7a29', ['https://open.larksuite.com/open-apis/bot/v2/hook/c81f3a5e-2d7b-4e90-a4c6-5b1e8d3f7a29']],
    ['企业微信群机器人 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=7e2c9f41-3b8d-4a6e-b5c0-19d4f7a2e863 用于发版通知', ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=7e2c9f41-3b8d-4a6e-b5c0-19d4f7a2e863']],
    [
      'FLY_API_TOKEN="FlyV1 fm2_PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjA=="',
      ['FlyV1 fm2_PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjA=='],
    ],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: hard negatives (the same words with no value, a network name, an identifier, a placeholder webhook)', () => {
  it.each<string>([
    'La contrasenya del servidor és ara més llarga que abans.',
    "D'Passwuert ass elo méi sécher, merci.",
    'Il-password tal-wifi hi fuq il-karta wara r-router.',
    "Cyfrinair y wi-fi yw'r un ar y cerdyn wrth y drws.",
    'Is é an pasfhocal céanna é agus a bhí ann anuraidh.',
    'Wifi slaptažodis ant lipduko, tinklas Sodyba_5G.',
    'The wifi network is Birch_Lane_Guest, password on the fridge.',
    'Wi-Fi: CornerCafe / CornerCafe-5G',
    'WLAN: Werkstatt / Werkstatt-5GHz-1',
    'de wifi-naam is "Bakkerij-Thuis-5G", het wachtwoord volgt',
    'the password for the_build_server expired yesterday',
    'the password policy is state-of-the-art, see the_wiki_page',
    'set the wifi in Building_East_Wing to channel 6',
    'we read the password policy out loud on the call ("see-section-4-2"), nobody objected',
    'reset the password for AT&T account',
    'wifi "HomeNetwork24" is down again',
    '飞书开放平台文档示例：https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    '钉钉文档里的示例 https://oapi.dingtalk.com/robot/send?access_token=XXXXXXXX 需要换成自己的',
    'La contraseña del sistema de la caja está en el cuaderno azul.',
    'رمز عبور جدید کاربر root روی سرور ایمیل است',
  ])('%s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});
