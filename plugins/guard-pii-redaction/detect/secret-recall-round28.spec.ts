import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 28: wallet recovery phrases in the other BIP-39 lists, and a phrase cut where its checksum holds', () => {
  it.each<[string, string[]]>([
    ['Ma phrase de récupération : aisance curseur filou fidèle garantir nautique brigade sensible glisser joueur usage superbe', ['aisance curseur filou fidèle garantir nautique brigade sensible glisser joueur usage superbe']],
    ['ウォレットの復元用：ぶんぐ　おしいれ　はやい　すくない　こうたい　ゆうべ　りきせつ　ねいき　ちあん　ひれい　ぐたいてき　ひつぜん', ['ぶんぐ　おしいれ　はやい　すくない　こうたい　ゆうべ　りきせつ　ねいき　ちあん　ひれい　ぐたいてき　ひつぜん']],
    ['钱包助记词 料 根 敏 哲 杨 炮 牢 谈 维 铸 辉 钉 别截图', ['料 根 敏 哲 杨 炮 牢 谈 维 铸 辉 钉']],
    ['시드 문구: 문제 유난히 남매 많이 최선 종소리 살짝 현금 소질 출발 섭씨 얼굴', ['문제 유난히 남매 많이 최선 종소리 살짝 현금 소질 출발 섭씨 얼굴']],
    ['semilla de la billetera: iris sonrisa fauna crónica breve freír boda ser pulmón fuga país novato luz naranja guardia', ['iris sonrisa fauna crónica breve freír boda ser pulmón fuga país novato luz naranja guardia']],
    // The run of list words is one word longer on each side; the checksum says where the phrase is.
    ['the scammer wanted my seed so I sent ritual shift use cable quantum embrace rain such hard talent acid become because I panicked', ['ritual shift use cable quantum embrace rain such hard talent acid become']],
    // Hard negatives: a cue and prose, a cue and fewer words than a phrase.
    ['la phrase de récupération du portefeuille doit rester sur papier, jamais dans une photo', []],
    ['助记词一共十二个词，不要发给任何人', []],
    ['ウォレットの復元フレーズは紙に書いて金庫に保管してください', []],
    ['지갑 복구 문구는 절대 남에게 보내지 마세요', []],
    ['钱包助记词 料 根 敏 哲 杨 炮 别截图', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 28: a suffix, an ending or a closing quote glued to a value stays outside it', () => {
  it.each<[string, string[]]>([
    ['Çat: modem şifrəsi Gence_Park_55-dir, yaz bunu.', ['Gence_Park_55']],
    ['아이디는 admin이고 비밀번호는 Namsan#Tower7인데 접속이 안 돼요', ['Namsan#Tower7']],
    ['Er schrieb: „Das Passwort lautet Bergsee2024!“ – danach war er weg.', ['Bergsee2024!']],
    ['a router jelszava Balaton_2024-re változott tegnap', ['Balaton_2024']],
    // Hard negatives: a value that ends with a hyphen group of its own, a quote the value opens.
    ['password: Lobby-Guest-8812 for the lounge', ['Lobby-Guest-8812']],
    ['password: Kiwi-Mango-4471-XL', ['Kiwi-Mango-4471-XL']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 28: credentials in config formats', () => {
  it.each<[string, string[]]>([
    ['FileZilla sitemanager.xml: <Host>ftp.example.org</Host><User>web</User><Pass>Ftp#Upload_62</Pass>', ['Ftp#Upload_62']],
    ['autoexec.cfg: rcon_password "Tf2Server!Rc0n"', ['Tf2Server!Rc0n']],
    ['userlist.txt:\n"app" "Pgb_Pool_8841"\n"stats" "md5c3a9e1f0b2d4c6e8a0b1c2d3e4f5a6b7"', ['Pgb_Pool_8841']],
    ['the QR on the wall: WIFI:T:WPA;S:Studio5;P:Mixdown#2023;;', ['Mixdown#2023']],
    ["database.php: 'password' => env('DB_PASSWORD', 'Laravel#Local99'),", ['Laravel#Local99']],
    ['db, _ := sql.Open("mysql", "shop:Sh0p!Cart22@tcp(127.0.0.1:3306)/shop")', ['Sh0p!Cart22']],
    ['私钥是 0x8f2a559490bba5a06ab0c1e8d1d0b6a7bb0f1b2c3d4e5f60718293a4b5c6d7e8，别发群里', ['0x8f2a559490bba5a06ab0c1e8d1d0b6a7bb0f1b2c3d4e5f60718293a4b5c6d7e8']],
    // Hard negatives: a hash in a userlist, an empty Wi-Fi password, a transaction hash, an encrypted Jenkins value.
    ['userlist.txt: "stats" "SCRAM-SHA-256$4096:c2FsdA==$a2V5$c2lnbg=="', []],
    ['tx 0x8f2a559490bba5a06ab0c1e8d1d0b6a7bb0f1b2c3d4e5f60718293a4b5c6d7e8 is pending', []],
    ['credentials.xml: <password>{AQAAABAAAAAQ1r8m0Yb2Ck}</password>', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 28: a password told as an answer some words after the password word', () => {
  it.each<[string, string[]]>([
    ['Chat: "is there a guest wifi pw?" — "yes, it\'s Terrace-Guest-2210, ask at the bar"', ['Terrace-Guest-2210']],
    ['le mot de passe du routeur ? c\'est bien Marseille#1993 je crois', ['Marseille#1993']],
    ['Das Passwort vom alten NAS weiß ich nicht mehr, es war glaub ich Eibsee!2011', ['Eibsee!2011']],
    ['Hasło do routera? To… Gdańsk_Molo77, tak mi się wydaje', ['Gdańsk_Molo77']],
    ['the password is lowercase with hyphens, it is copper-river-salmon-run', ['copper-river-salmon-run']],
    // Hard negatives: another subject after the copula, words that are not a value, no password word.
    ['Wi-Fi password? Ask at the desk, the account is Guest-Desk-2024 on the invoice', []],
    ['password reset failed, the error is ERR-AUTH-401', []],
    ['the topic was lowercase with hyphens, it is state-of-the-art-design', []],
    ["it's Terrace-Guest-2210 on the sign by the door", []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 28: fillers in other languages, password hashes, references and a Secret holder are no secrets', () => {
  it.each<[string, string[]]>([
    ['Plantilla: API_TOKEN=PON_TU_TOKEN_AQUI, DB_PASSWORD=********', []],
    ['Esempio .env: SECRET_KEY=INSERISCI_QUI_LA_CHIAVE', []],
    ['Шаблон: PASSWORD=смени_ме', []],
    ['ตัวอย่าง: TOKEN=ใส่โทเค็นที่นี่', []],
    ['MOLLIE_API_KEY=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in the docs', []],
    ['row: password=$2y$10$abcdefghijklmnopqrstuuFz3jM0p6wLh1dVwX8G7yK2Lq9nT4cE5 — bcrypt?', []],
    ['ldap: userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g3c2Rz', []],
    ['Terraform: master_password = var.rds_master_password', []],
    ['chart values: existingSecret: redis-auth', []],
    ['helm: auth.existingSecretPasswordKey: redisPasswordKey', []],
    // Positives next to them: a real value after the same keys.
    ['Plantilla rellenada: API_TOKEN=ghp_R8x2Lq9Vn4Tz7Wm3Kp6Yc1Bd5Hf0Js8AaEe', ['ghp_R8x2Lq9Vn4Tz7Wm3Kp6Yc1Bd5Hf0Js8AaEe']],
    ['Terraform: master_password = "Rds#Master2024"', ['Rds#Master2024']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
