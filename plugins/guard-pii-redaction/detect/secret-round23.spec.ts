import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 23: the old password beside the new one, named by an old, new, previous or "other than" word', () => {
  it.each<[string, string[]]>([
    ['Sam changed the office wifi to Marigold!!2026, old one was kettleberry7 if the scanner still uses it', ['Marigold!!2026', 'kettleberry7']],
    ['Ich hab mein Passwort für die Bücherei geändert, alt: Kater2017 neu: Kater2017!Lesen#neu', ['Kater2017', 'Kater2017!Lesen#neu']],
    ["Mot de passe du NAS changé : l'ancien était tournesol2019, le nouveau c'est Tournesol-Jaune#2025", ['tournesol2019', 'Tournesol-Jaune#2025']],
    ['Het nieuwe wachtwoord van de printer is Drukker-77!pr, het oude was Utrecht2019.', ['Drukker-77!pr', 'Utrecht2019']],
    ['Az új jelszó: Paprika-Admin#12, a régi Szeged2019 már nem jó.', ['Paprika-Admin#12', 'Szeged2019']],
    ['Пароль от роутера теперь Borshch-Home!5, старый Murka_2016 больше не подходит', ['Borshch-Home!5', 'Murka_2016']],
    ['爸，路由器密码改成jiayou2025了，旧的abc123456不能用了', ['jiayou2025', 'abc123456']],
    ['كلمة السر الجديدة Mansaf_Amman2025 والقديمة qwerty2019، لا تستخدمها', ['Mansaf_Amman2025', 'qwerty2019']],
    ['A senha nova do roteador é Caju@2025casa, a antiga era cajuzinho99', ['Caju@2025casa', 'cajuzinho99']],
    ['Password admin baru: Sate-Padang#12, yang lama Padang2019 sudah tidak berlaku.', ['Sate-Padang#12', 'Padang2019']],
    ['Yeni wifi şifresi Kebap-Ev!44, eskisi Ankara2018 artık çalışmıyor.', ['Kebap-Ev!44', 'Ankara2018']],
    ['Lösenordet till routern läckte, byt lösenord till något annat än Sommar2020!', ['Sommar2020!']],
    // Hard negatives: an old or new word before a version, a number, a phone, a user, a channel or code; or no password named.
    ['The wifi password is Harbor!Lights42, the old version 2.3.1 of the app still works', ['Harbor!Lights42']],
    ['Password reset done; the new order number 2024-118 ships Monday', []],
    ['The wifi password is Harbor!Lights42, my old phone 0151 2345678 is off', ['Harbor!Lights42']],
    ['Password reset done, the new user admin_2024 has no rights yet', []],
    ['new #alerts-prod channel for the password rotation job', []],
    ["password rotated: new mysqli('10.15.2.8', 'shop_user') in config", []],
    ['Key rotated, new one stored in 1Password (not pasted here)', []],
    ['The old iPhone12 is in the drawer, the new one is on the desk', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 23: a login named, then an e-mail or a user, a slash and the password', () => {
  it.each<[string, string[]]>([
    ['TV stuff: the Disney+ login is ama.and.kofi@gmail.com / plantainchips7', ['plantainchips7']],
    ['Hej farfar! Wifi-lösenordet är Kanelbulle77 och Netflix är farfar.olle@telia.com / midsommar1968', ['Kanelbulle77', 'midsommar1968']],
    ['Schulportal-Zugang für Jonas Weber: jonas.weber / Ponyhof-2030!, Eltern-Mail familie.weber@web.de', ['Ponyhof-2030!']],
    // Hard negatives: an e-mail and a slash before something else, or no login named.
    ['Send the login form to ama.and.kofi@gmail.com / fax it to 0151 2345678', []],
    ['reports go to ama.and.kofi@gmail.com / team2024 archive', []],
    ['Zugang zum Keller: Schlüssel / Hausmeister fragen', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 23: the password flag of a known client on its command line', () => {
  it.each<[string, string[]]>([
    [`ldapsearch -x -H ldap://10.0.0.5 -D "cn=admin,dc=ex,dc=org" -w 'B1nd-Pa55-Ldap' -b "dc=ex,dc=org"`, ['B1nd-Pa55-Ldap']],
    ['cqlsh 10.1.0.9 -u cassandra -p Ring-Cass-0042', ['Ring-Cass-0042']],
    ['redis-cli -h cache.local -a R3dis-Cache!9 ping', ['R3dis-Cache!9']],
    ['sshpass -p Jump-Host-77 ssh ops@10.2.0.4', ['Jump-Host-77']],
    ['mongosh "mongodb://10.3.0.2" -u admin -p M0ngo-Root-88 --authenticationDatabase admin', ['M0ngo-Root-88']],
    ['mysql -uroot -pMy5ql-Root! shop', ['My5ql-Root!']],
    // Hard negatives: a prompt, a port, a variable, a database name.
    ['mysql -u root -p shop_2024', []],
    ['ssh -p 2222 ops@10.2.0.4', []],
    ['redis-cli -a "$REDIS_PASSWORD" ping', []],
    ['cqlsh 10.1.0.9 -u cassandra -p cassandra', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
