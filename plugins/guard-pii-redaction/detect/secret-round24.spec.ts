import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 24: a password changed "from X to Y" after the password word (both values are SECRET)', () => {
  it.each<[string, string[]]>([
    ['I changed the garage wifi password from Otter2018 to Otter2025!dock this morning.', ['Otter2018', 'Otter2025!dock']],
    ['Cambié la contraseña del banco de Lechuza_77 a Lechuza_78#casa.', ['Lechuza_77', 'Lechuza_78#casa']],
    ['Ich habe das Kennwort von Dackel2019 auf Dackel2024!Haus geändert.', ['Dackel2019', 'Dackel2024!Haus']],
    ['мама сменила пароль с Ромашка_2020 на Ромашка_2025! вчера', ['Ромашка_2020', 'Ромашка_2025!']],
    ['Zmieniłem hasło z Bocian_88 na Bocian_89#dom, nie działa?', ['Bocian_88', 'Bocian_89#dom']],
    ["j'ai changé le mot de passe de Mouette2017 à Mouette2024!", ['Mouette2017', 'Mouette2024!']],
    // Hard negatives: from/to between algorithms, rules, people or places, or no password-shaped values.
    ['We moved password hashing from PBKDF2 to Argon2id last sprint.', []],
    ['The password policy went from 8chars to 12chars.', []],
    ['I changed my password from my phone to be safe.', []],
    ['copied the passwords from vault1 to vault2 before the audit', []],
    ['the password for the server moved from host01 to host02', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: an old or new password set off by commas, also after the sentence that named the password', () => {
  it.each<[string, string[]]>([
    ['I reset my Steam password. The old one, Gecko_Raft41, does not work anymore.', ['Gecko_Raft41']],
    ['My old password, Pelican#2016, was in that leak.', ['Pelican#2016']],
    ['Cambié la contraseña del correo. La vieja, Tucan_2015!, ya no sirve.', ['Tucan_2015!']],
    ['Ich habe das Passwort geändert. Das alte, Igel_2018!, geht nicht mehr.', ['Igel_2018!']],
    // Hard negatives: the same apposition about a device, a build or a file, or no password named at all.
    ['I changed my password. The old laptop, XPS13_2019, is for sale.', []],
    ['I reset the password. The new build, v2.4.1-rc, ships Monday.', []],
    ['The old one, Gecko_Raft41, is the model number on the box.', []],
    ['My new router, TP-Link_AX55, is set up; its password is on the sticker.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: a password said aloud and quoted after a verb of saying', () => {
  it.each<[string, string[]]>([
    ['standup notes: Priya read the staging DB password out loud on the call ("amber-Kite-52-Harbor"), cut it from the recording', ['amber-Kite-52-Harbor']],
    ['he read out the router password, "Marten#Fog61", twice on the phone', ['Marten#Fog61']],
    ['Luis dictó la contraseña en voz alta («Garza-Azul-2022») durante la llamada', ['Garza-Azul-2022']],
    ['Sie hat das Passwort laut vorgelesen ("Biber-Damm-37")', ['Biber-Damm-37']],
    // Hard negatives: a quote after a policy, a hint, a reset e-mail, docs or a field named after the password word.
    ['he read the password policy aloud ("Min-12-Chars")', []],
    ['she said the password reset email ("Reset-Link-2024") never came', []],
    ['I read the password docs ("Chapter-3") yesterday', []],
    ['she read the password hint out loud ("FirstPet+Year")', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: connection strings and command lines with a user before the password', () => {
  it.each<[string, string[]]>([
    ['jdbc:sqlserver://10.4.7.21:1433;databaseName=billing;user=app;password=B@_Bill!2023yy;encrypt=true', ['B@_Bill!2023yy']],
    ['compose env:\nNEO4J_AUTH=neo4j/n30-Gr4ph-Kite\nREDIS_URL=redis://cache:6379', ['n30-Gr4ph-Kite']],
    ['sqlplus hr/Hr_Sch3ma#41@//10.2.9.14:1521/PDB2', ['Hr_Sch3ma#41']],
    ['expdp scott/Exp0rt_Dump2024 schemas=scott directory=dp_dir', ['Exp0rt_Dump2024']],
    // Hard negatives: no password in the URL, an auth setting without a user, a path after the tool's name.
    ['jdbc:sqlserver://10.4.7.21:1433;databaseName=billing;integratedSecurity=true', []],
    ['NEO4J_AUTH=none', []],
    ['the sqlplus docs/reference2024 pages explain the login syntax', []],
    ['sqlplus $ORA_USER/$ORA_PASS@pdb2', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 24: a Nordic, Dutch or German login word before a user / password pair, and "now" with a word and a year', () => {
  it.each<[string, string[]]>([
    ['Inloggning till kassan: kassa2 / Lingon#Sylt44', ['Lingon#Sylt44']],
    ['Pålogging: kari / Fjellbekk_2023!', ['Fjellbekk_2023!']],
    ['Brugernavn: jens.k / Smorrebrod_88', ['Smorrebrod_88']],
    ['пароль от вайфая теперь вареники2025, не забудь', ['вареники2025']],
    ['la contrasenya del servidor de fitxers és ara Sardana-Plaça#4; avisa a guàrdia', ['Sardana-Plaça#4']],
    ["D'Passwuert fir de Router ass elo Kachkéis_2023!, merci", ['Kachkéis_2023!']],
    // Hard negatives: the same words before counts, days or a second user.
    ['Inloggning: 3 försök / timme', []],
    ['Inloggningen funkar för kassa1 / kassa2 sedan igår', []],
    ['Anmeldung: Montag / Dienstag 9-12 Uhr', []],
    ['пароль от почты теперь другой', []],
    ['la contrasenya és ara més segura que abans', []],
    ['de router staat boven, inloggen met Tulpen!Veld#41 graag', ['Tulpen!Veld#41']],
    ['kiosk mode: log in with Otter#Bay2026 before opening', ['Otter#Bay2026']],
    ['log in with your Google account', []],
    ['sign in with Face-ID or your PIN-2024 code', []],
    ['note on the door: guest password plum-finch-3380 (office password is 0ff1ce!Door_22, keep it inside)', ['plum-finch-3380', '0ff1ce!Door_22']],
    ['Root-Login vom NAS zurückgesetzt, nimm bitte Wl9%rAbe-Linde bis Montag', ['Wl9%rAbe-Linde']],
    ['Login kaputt? nimm bitte Build-3.2$beta als Workaround', []],
    ['la clave del servidor de respaldo quedó en Volcan.2026#RSP, no la compartan', ['Volcan.2026#RSP']],
    ['la contraseña quedó en el cajón del escritorio 2', []],
    ['guest password changes monthly (office password is 0ff1ce!Door_23, keep it inside)', ['0ff1ce!Door_23']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
