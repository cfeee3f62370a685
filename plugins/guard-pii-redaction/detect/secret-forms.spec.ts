import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING } from '../config.schema.js';
import { createTextDetector } from './index.js';

const detector = createTextDetector({ types: ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip_address', 'secret'], binding: DEFAULT_BINDING });
const secrets = (text: string) => detector(text).flatMap((detection) => (detection.label === 'SECRET' ? [text.slice(detection.start, detection.end)] : []));

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
    expect(secrets(text)).toContain(value);
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
    expect(secrets(text)).toEqual([]);
  });
});
