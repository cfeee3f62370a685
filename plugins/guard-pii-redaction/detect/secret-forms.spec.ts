import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 9 secret classes', () => {
  it.each<[string, string]>([
    // Words between the password word and a copula or verb of any tense, in many languages.
    ['The staging password used to be Birch#Hollow31 before the audit.', 'Birch#Hollow31'],
    ['Das Kennwort vom Gäste-WLAN war Eichel_Baum42.', 'Eichel_Baum42'],
    ['La contraseña que me mandaron ayer fue Olivo#Sevilla8.', 'Olivo#Sevilla8'],
    ['Heslo k routeru v pokoji 12 je Vltavin_Most3.', 'Vltavin_Most3'],
    ['Nenosiri la kompyuta ya ofisi ni Simba#Mara2024.', 'Simba#Mara2024'],
    ['Iphasiwedi ye-router ithi Mzansi_Data9.', 'Mzansi_Data9'],
    ['A senha do servidor continua Ipanema#77.', 'Ipanema#77'],
    ['Salasana vaihtui: uusi on Kuusi#Metsä3.', 'Kuusi#Metsä3'],
    ['The admin password was changed to Falcon#2290 last night.', 'Falcon#2290'],
    ['Ang password ng router ay Mabuhay_2023!', 'Mabuhay_2023!'],
    // No verb: a few words of another script, or up to three Latin ones, then a value with a symbol of its own.
    ['كلمة مرور حساب البريد Zaytoun#Amman4 لا تشاركها', 'Zaytoun#Amman4'],
    ['Серверная құпиясөзі Altai_Peak77, ұмытпаңыз.', 'Altai_Peak77'],
    ['Hasło awaryjne Gdynia!Port22 do szafy.', 'Gdynia!Port22'],
    ['pw server nya Bromo#Jatim5 ya', 'Bromo#Jatim5'],
    // Prefixes glued to the word; particles of scripts without spaces.
    ['והסיסמה למערכת היא Yarkon_River4', 'Yarkon_River4'],
    ['서버 비밀번호가 Jeju#Island42 맞나요?', 'Jeju#Island42'],
    ['新的密码改为Taishan_2025!，请通知大家。', 'Taishan_2025!'],
    // An exclamation mark glued to the value belongs to it; a full stop or a question mark ending the sentence does not.
    ['Wifi password is Rooftop#Garden7!! enjoy', 'Rooftop#Garden7!!'],
    ['Is the password Rooftop#Garden7?', 'Rooftop#Garden7'],
    // "code"/"key" words when the value has a symbol of its own; "pass" in a login context.
    ['Koden til alarmen er Fyrtårn#8841.', 'Fyrtårn#8841'],
    ['login: m.ortega / pass Cobalt!Tide58', 'Cobalt!Tide58'],
    // Command lines and connection calls.
    ["mysql -h db01 -u app -p'Ledger@Vault#7' -e 'select 1'", 'Ledger@Vault#7'],
    ['curl -u ops:Tr@in#Yard4 https://ci.internal/job/build', 'Tr@in#Yard4'],
    ['echo "Harb0r_Reg!" | docker login registry.internal -u ci --password-stdin', 'Harb0r_Reg!'],
    ['stats auth admin:Bal4ncer!Ops', 'Bal4ncer!Ops'],
    ["$db = new mysqli('10.1.2.3', 'shop', 'Kasbah#Fes2024', 'orders');", 'Kasbah#Fes2024'],
    // Prefix-less keys after glued vendor credential words and CJK particles; base64 keys with + and /.
    ['SecretKey Qm7tRz2WvX9pLk4NbH6sJd3FcY8gTa1E was posted in chat', 'Qm7tRz2WvX9pLk4NbH6sJd3FcY8gTa1E'],
    ['API 키가 9f0c2b7e41d85a36c0e9b1f27d4a8c53 맞아요?', '9f0c2b7e41d85a36c0e9b1f27d4a8c53'],
    ['アクセストークン（本番）：k3Jd9+Qw2Lx7/Rt5Vb8Nm1Zp4Hs6Cf0Gy2Tq9Wa3Ue5Ri7=', 'k3Jd9+Qw2Lx7/Rt5Vb8Nm1Zp4Hs6Cf0Gy2Tq9Wa3Ue5Ri7='],
    ['Omise key skey_8fk2m9q4z7w1x5c3v6b0n leaked', 'skey_8fk2m9q4z7w1x5c3v6b0n'],
    ['MAILGUN_SECRET=key-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d، شكرا', 'key-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d'],
  ])('finds the secret in %s', (text, value) => {
    expect(secretsIn(text)).toContain(value);
  });

  it.each([
    'Twilio Account SID AC0f1e2d3c4b5a69788796a5b4c3d2e1f0 goes in the header.',
    'TWILIO_ACCOUNT_SID=AC9a8b7c6d5e4f30211203f4e5d6c7b8a9',
    'Masked in logs: token=tok_**** and key=sk-****a1b2.',
    'api_key = (sensitive value)',
    'The password policy is PCI-DSS-4.0 compliant.',
    'Password was reset on 03-Mar-2025 by the helpdesk.',
    'The password must be changed every 90 days.',
    'Your password for k.ito77 expired yesterday.',
    'Reset the password for user svc_backup2 in the console.',
    'The password for the guest Wi-Fi is WPA2-protected.',
    'The discount code for returning users is AUTUMN-2025.',
    'Error code E-5512-C means the password field is empty.',
    'Use a passphrase such as correct-horse-battery-staple only as an illustration.',
    'Mã đơn hàng của bạn là DH250101-00345.',
    'Failed password for invalid user admin from 2a01:4f8:c17:3b2e::1 port 22',
    'La contraseña debe tener al menos 12 caracteres y un número.',
    'パスワードは8文字以上で設定してください。',
  ])('finds no secret in %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

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
    expect(secretsIn(text)).toEqual([secret]);
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
    expect(secretsIn(text)).toEqual([]);
  });
});

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
    expect(secretsIn(text)).toEqual([secret]);
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
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 12 secret classes', () => {
  it.each<[string, string]>([
    // A quoted second argument of a login or auth call.
    ['smtp.login("kasse@baeckerei-ost.de", "Brezel#Ofen12")', 'Brezel#Ofen12'],
    ['requests.get(url, auth=("reports", "Quarzo_Lago88"))', 'Quarzo_Lago88'],
    ['var cred = new NetworkCredential("scan", "Fax!Machine7");', 'Fax!Machine7'],
    // A PAT, and base36 tokens of lower case and digits, after a credential word.
    ['The PAT we use: k3v9x2mq7tz4wb8nr6pj5hc1yd0fls2ga7e4u9qx', 'k3v9x2mq7tz4wb8nr6pj5hc1yd0fls2ga7e4u9qx'],
    // Words joined to digits: after a glued word and an arrow, after words of another script, after an account word and a possessive.
    ['パスワード変えました→ momiji_2022_ie', 'momiji_2022_ie'],
    ['Пароль от кабинета Сирень_2019, логин ivanov.', 'Сирень_2019'],
    ['Password email saya Melati_Putih_45 ya.', 'Melati_Putih_45'],
    // "always", "also", "probably" after the copula; "it's" after a comma; imperatives; emoji; "X?" answers.
    ["La password del NAS è sempre Faggio.2015.", 'Faggio.2015'],
    ['Das Kennwort ist vermutlich Eiche.Moos.31', 'Eiche.Moos.31'],
    ["Changed the wifi password, it's now Otter_Creek_62.", 'Otter_Creek_62'],
    ['Router password? Try Willow_Bend_73.', 'Willow_Bend_73'],
    ['Hasło 👉 Bursztyn_2020', 'Bursztyn_2020'],
    ['Das WLAN-Passwort? Ahorn_Blatt_58, wie immer.', 'Ahorn_Blatt_58'],
    // App passwords: four groups of four letters.
    ['app password: zmqk fvtr hbxn plwd', 'zmqk fvtr hbxn plwd'],
    ['SMTP_PASSWORD="tqrn vbkz mwhx cpfl"', 'tqrn vbkz mwhx cpfl'],
  ])('%s', (text, secret) => {
    expect(secretsIn(text)).toEqual([secret]);
  });

  it.each<string>([
    'client.login(user, pwd) is called once per session.',
    'login("guest", "Welcome") shows the banner.',
    'The PAT was revoked on 2025-01-12.',
    'Order ref: k3v9x2mq7tz4wb8nr6pj5hc1yd0fls2ga7e4u9qx was shipped.',
    'Пароль от кабинета поменяли в 2021-м году.',
    'The wifi network is Otter_Creek_5G; the password is on the router.',
    'Password reset for user otter_creek_62 is done.',
    'Password? Ask Jens, he has it.',
    'The password must be four words, like "blue fish door lamp".',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 13 secret classes', () => {
  it.each<[string, string]>([
    // Password-shaped values right after a password word: words and digits, router hex, a keyboard walk, a long lower-case run.
    ['wifi pw bluejay4471 for the guest room', 'bluejay4471'],
    ['Passwort Kirschbaum1979 gilt auch fürs Tablet', 'Kirschbaum1979'],
    ['clé wifi 4e9b0c7a12f8d36e5b10', '4e9b0c7a12f8d36e5b10'],
    ['the laptop password is 4rfv5tgb6yhn', '4rfv5tgb6yhn'],
    ['the tablet password is puppyloveforever', 'puppyloveforever'],
    ['Babcia password (zapisz gdzieś): Konwalia1961lato', 'Konwalia1961lato'],
    // Misspelt words, "now" without a copula, a "key" word before a Wi-Fi word, words of more scripts.
    ['the hbo passowrd is Dune#Sand55', 'Dune#Sand55'],
    ['Пароль від пошти тепер Ялинка#2019', 'Ялинка#2019'],
    ['رمز وای‌فای ویلا: Kish1399beach', 'Kish1399beach'],
    ['비번 고양이나라2468!', '고양이나라2468!'],
    // Passphrases, user/password pairs, the fallback of an environment reference, command-line and settings forms.
    ['passphrase "silver-fox-meadow-rain"', 'silver-fox-meadow-rain'],
    ['Pass: quiet orange bicycle bell', 'quiet orange bicycle bell'],
    ['Disney+: lena.kraus@example.com / Eichhorn!Wald7', 'Eichhorn!Wald7'],
    ['camera admin / Pelican-Bay-2018', 'Pelican-Bay-2018'],
    ["const signingKey = process.env.SIGNING_KEY ?? 'a81f3c9e0b7d42e6f1c58a3d90b2e7f4';", 'a81f3c9e0b7d42e6f1c58a3d90b2e7f4'],
    ['jarsigner -keystore rel.jks -storepass Heron-Gate-31 app.apk rel', 'Heron-Gate-31'],
    ['net user backup_svc Tern!Cliff904 /add', 'Tern!Cliff904'],
    ['<add key="Queue.AccessKey" value="Qx7Lm2Vp9Rt4Wz8K" />', 'Qx7Lm2Vp9Rt4Wz8K'],
    ['MAIL_APP_PASSWORD=hbxqzrtvnkmwpldc', 'hbxqzrtvnkmwpldc'],
  ])('%s', (text, secret) => {
    expect(secretsIn(text)).toEqual([secret]);
  });

  it.each<string>([
    'the password is automatically synced',
    'Password: check the shared vault',
    'Product RTX4090 and password policy docs',
    'billing@example.com / help@example.com',
    'admin / editor / viewer roles',
    'const token = process.env.GH_TOKEN;',
    'DB_PASS: ${DB_PASS:?missing}',
    'keytool -storepass:env STORE_PASS -list',
    'net user backup_svc /active:no',
    'sha256 of the wifi password: 5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592',
    'SMTP_PASS=troubleshooting12'.replace('12', ''),
    '<add key="Queue.Name" value="orders-prod" />',
    'wifi name: Sparrow2024, password on the fridge',
    'La contraseña fue restablecida ayer',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 14 secret classes', () => {
  it.each<[string, string]>([
    ['Wi-Fi: MUC-Team / Isar-Ufer-319\nHelpdesk: Raum 2.14', 'Isar-Ufer-319'],
    ['Wi-Fi da sala: OPO-Equipa / Serralves_1999', 'Serralves_1999'],
    ['와이파이: PUS-Staff / Haeundae#Sea4', 'Haeundae#Sea4'],
    ['reporting user bi_reader / Wq5!nT3z#Lp; the replica is read-only', 'Wq5!nT3z#Lp'],
    ['临时密码 Plum#Blossom2026；请尽快修改', 'Plum#Blossom2026'],
    ['अस्थायी पासवर्ड: Narmada#2026in। धन्यवाद', 'Narmada#2026in'],
    ['The letter said: "your password was reset to a temporary value: Jd6!rP2x#Wm."', 'Jd6!rP2x#Wm'],
    ["d'Passwuert ass Uelzecht#2026", 'Uelzecht#2026'],
    ['wireless key: maple-harbor-733', 'maple-harbor-733'],
    ['Rede Wi-Fi: BRG-Hospedes, chave Minho-Ponte-44', 'Minho-Ponte-44'],
    ['NAS (user admin, password Ke7wT4pz)', 'Ke7wT4pz'],
  ])('%s', (text, secret) => {
    expect(secretsIn(text)).toEqual([secret]);
  });

  it.each<string>([
    'Wi-Fi: Lab-5G / Lab-2G on channels 36 and 6',
    'WLAN: Gäste / Gäste-5GHz im Foyer',
    'user: m.berg / support-team, ticket OPS-7710',
    'Booking: XYZ-QRS-482 / seat 22A',
    'Wi-Fi: CityHall / Platform-3 exit',
    'login: kiosk / PRD-5521-GRY',
    'A chave nº 7-C fica na portaria do Bloco-2.',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 15 secret classes', () => {
  it.each<[string, string[]]>([
    ['psql fails on postgresql://etl:Moss@Creek42@10.9.8.7:5432/dw', ['Moss@Creek42']],
    ['Connected to ftp.depot.example\nftp> user stock Harbour+Gull71\n530 Login incorrect.', ['Harbour+Gull71']],
    ['lozinka za mail Korzo%Rijeka9, ostalo je u bilježnici', ['Korzo%Rijeka9']],
    ['Passwort für Mail Rheinufer&Dom5', ['Rheinufer&Dom5']],
    ['รหัส wifi หอพักคือ som_tam_lao31 นะ', ['som_tam_lao31']],
    ['„Heslo je Sumava_Lipno_12“', ['Sumava_Lipno_12']],
    ["Client('SK0a1b2c3d4e5f60718293a4b5c6d7e8f9', '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b')", ['SK0a1b2c3d4e5f60718293a4b5c6d7e8f9', '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<string>([
    'token: xxxx-xxxx-xxxx, key: XXXX XXXX XXXX',
    'secret=0000-0000-0000 in the sample',
    'ftp> user anonymous\n331 Please specify the password.',
    'password for mail was reset by Ana_2024',
    'lozinka za mail ana.kovac@posta.hr ne radi',
    'รหัสไปรษณีย์คือ 50200 ค่ะ',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 16 secret classes', () => {
  it.each<[string, string[]]>([
    ['รหัสผ่าน wifi บ้าน คือ Phuket#Beach21 นะ', ['Phuket#Beach21']],
    ['so I updated the router password to amber-fox-tunnel-63 on friday', ['amber-fox-tunnel-63']],
    ['we changed the db password to Kestrel.Dune.2031 in the vault', ['Kestrel.Dune.2031']],
    ['the passphrase of the offsite drive is "nine paper boats cross 1977"', ['nine paper boats cross 1977']],
    ['Backup passphrase: "silver ducks read old maps"', ['silver ducks read old maps']],
    ['for the hall kiosk use Autumn2029!! and the username is kiosk1', ['Autumn2029!!']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<string>([
    'we changed the password to require a symbol',
    'the password prompt reads "enter your code 1 of 3"',
    'the passphrase tip is "use four random words"',
    'use Python3.12 for the login script',
    'try Plan-C#3 if the account sync fails',
    'รหัสผ่าน wifi คือ ของลูกค้า',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});

describe('round 17 secret classes', () => {
  it.each<[string, string[]]>([
    ['Pasfhocal an printéir sa scoil ná Cnoc_Mor_31, a Sheáin', ['Cnoc_Mor_31']],
    ['Mae cyfrinair y llwybrydd yw Castell-Coch-88 erbyn hyn', ['Castell-Coch-88']],
    ['Najprv sa prihlás heslom Dunaj#2024 do systému', ['Dunaj#2024']],
    ['ny tenimiafina ny wifi dia Antsirabe_2020', ['Antsirabe_2020']],
    ['furaha sirta printerka waa Baidoa_Caano_5', ['Baidoa_Caano_5']],
    ['a palavra-passe do router passa a ser Sardinha_Assada_9', ['Sardinha_Assada_9']],
    ['ລະຫັດ wifi ຫ້ອງການ Vang_Vieng_7 ເດີ', ['Vang_Vieng_7']],
    ['ពាក្យសម្ងាត់ router ហាងកាហ្វេ Kampot_Pepper_3 អរគុណ', ['Kampot_Pepper_3']],
    [`key ck_${'3b9f0e7a1c'.repeat(4)} secret cs_${'8d2c6a4f1e'.repeat(4)}`, [`ck_${'3b9f0e7a1c'.repeat(4)}`, `cs_${'8d2c6a4f1e'.repeat(4)}`]],
    ['ang password ng tablet sa bodega ng tindahan ay PalengkeBago2021', ['PalengkeBago2021']],
    ['پسورد کامپیوتر انبار Tabriz1400Kuh بود', ['Tabriz1400Kuh']],
    ['password wifi toko tokobaru2023 ya', ['tokobaru2023']],
    ['the shared laptop password is Green-Door-Cafe now', ['Green-Door-Cafe']],
    ['login to the nas: admin / Kielbasa1999! then reboot', ['Kielbasa1999!']],
    ['the encryption key is 7c2e9a4f0b6d1e8c3a5f9d20 on the test box', ['7c2e9a4f0b6d1e8c3a5f9d20']],
    ['okta says 401 for SSWS 00Ab3dE6gH9jK2mN5pQ8rS1tU4vW7xY0zB3cD6eF9g', ['00Ab3dE6gH9jK2mN5pQ8rS1tU4vW7xY0zB3cD6eF9g']],
    ['الباسوورد: Falafel#Yafa22', ['Falafel#Yafa22']],
    ['pass mới là BanhMi@Hue7 nha', ['BanhMi@Hue7']],
    ['รหัสเข้าระบบ คือ Somtam_Thai_9 นะ', ['Somtam_Thai_9']],
    ['bot token: Nz4rTq8LmW2xKp6vB9sYc3Ha.Xk2_Lp.Qw7eRt9yUi1oPa3sDf5gHj8kLz0xCv', ['Nz4rTq8LmW2xKp6vB9sYc3Ha.Xk2_Lp.Qw7eRt9yUi1oPa3sDf5gHj8kLz0xCv']],
    ['the api token is Rv7kQ2mX9pL4wZ8tN3bY. See you', ['Rv7kQ2mX9pL4wZ8tN3bY']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });

  it.each<string>([
    'Is é an pasfhocal an rud is tábhachtaí, a chara',
    'ny tenimiafina dia miova isaky ny volana',
    'ពាក្យសម្ងាត់ wifi ផ្ទះ ប្តូររួចហើយ',
    'set ck_ and cs_ in the settings of the plugin',
    `ck_${'3b9f0e7a1c'.repeat(4)}0`,
    'the password for Anne-Marie is on the Notre-Dame-de-Paris poster',
    'build 7c2e9a4f0b6d1e8c3a5f9d20 passed, the key rotation job too',
    'password wifi kantor baru diganti',
    'SSWS is the scheme of the Okta header',
    'pass mới phải dài hơn 8 ký tự',
  ])('not a secret: %s', (text) => {
    expect(secretsIn(text)).toEqual([]);
  });
});
