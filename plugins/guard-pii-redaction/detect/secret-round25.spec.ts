import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 25: a past or hedged copula after a comma, and a value before an ellipsis', () => {
  it.each<[string, string[]]>([
    ['Lost the backup drive password, I think it was Heron#Marsh17 but no luck.', ['Heron#Marsh17']],
    ["J'ai oublié le mot de passe du Wi-Fi, c'était Lapin_Blanc#8 je crois.", ['Lapin_Blanc#8']],
    ['Não lembro a senha do e-mail, acho que era Tucano@Azul5... me ajuda?', ['Tucano@Azul5']],
    ['Olvidé la contraseña del portal, creo que era Jaguar_Negro42, ¿la tienes?', ['Jaguar_Negro42']],
    // Hard negatives: the same phrasing about something described, not a value.
    ['I forgot the password, I think it was the one from the old office.', []],
    ["Le mot de passe, c'était le même que l'an dernier, rien de spécial.", []],
    ['Esqueci a senha do portal, acho que era a mesma do e-mail... vou ver.', []],
    ['The password, I think it was changed last week by Tom.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: a password that "changed to" X as the subject, or with the pronoun before the verb', () => {
  it.each<[string, string[]]>([
    ['A senha da impressora mudou para Pelicano#2026 ontem.', ['Pelicano#2026']],
    ['La clave del wifi cambió a Quetzal_Verde9 la semana pasada.', ['Quetzal_Verde9']],
    ["Le mot de passe du serveur ? Je l'ai changé en Mésange-Bleue-44 ce matin.", ['Mésange-Bleue-44']],
    ['Heslo k e-mailu som zmenil na Dunaj_Most#3, zapíš si to.', ['Dunaj_Most#3']],
    ['Hasło do routera zmieniłem na Wisla#Krakow8 wczoraj.', ['Wisla#Krakow8']],
    // Hard negatives: a change to a format, a time, a version, or "new" with no value.
    ['A senha mudou para o formato novo de doze caracteres.', []],
    ['A senha mudou para a versão 2.0 do sistema.', []],
    ['La clave cambió a las 10:00 según el registro.', []],
    ['Heslo som zmenil na nové, pošlem ti ho zajtra.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: the old password in a bracket after the new one, and after a value whose "!" ended the sentence', () => {
  it.each<[string, string[]]>([
    ['the kiosk password is now Gannet#Cliff3 (was gannet2020), thanks', ['Gannet#Cliff3', 'gannet2020']],
    ['Das Kennwort für den Drucker ist jetzt Ahorn#Blatt8 (früher ahorn2019).', ['Ahorn#Blatt8', 'ahorn2019']],
    ['la contraseña del laboratorio es Nutria_Gris7 (la antigua nutria2018 ya no vale)', ['Nutria_Gris7', 'nutria2018']],
    ['Пароль от кассы теперь Сова_2027 (раньше sova2026x), запомни', ['Сова_2027', 'sova2026x']],
    ['仓库电脑的密码改成 Cangku_88! 了，旧的 ck19990101z 作废。', ['Cangku_88!', 'ck19990101z']],
    // Hard negatives: a bracket of "was" about a place, a version or a rack, or "was" in running prose.
    ['the wifi password is on the router (was on the fridge before)', []],
    ['the password policy is stricter now (was v2.3 of the standard)', []],
    ['The server moved to rack b12 (was rack a07), password unchanged.', []],
    ['the guest password was set by Maria in room 12b', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: a spaced question mark, an ellipsis or many words before a pointing copula, a spoken filler after the copula', () => {
  it.each<[string, string[]]>([
    ["Mot de passe de la cantine oublié ? Le mien c'était Cantine_Brest9, voilà.", ['Cantine_Brest9']],
    ["Je n'ai plus le mot de passe du portail famille… c'était Famille#Lille8 je crois.", ['Famille#Lille8']],
    ["Le mot de passe de l'ordinateur de la salle des fêtes, c'est SalleFetes2026, sans espace.", ['SalleFetes2026']],
    ['so my password is uh blueberrypancakes all lowercase', ['blueberrypancakes']],
    // Hard negatives: the same phrasing with no value.
    ['Mot de passe oublié ? Le lien de réinitialisation arrive par mail.', []],
    ["Le mot de passe du compte de la salle des profs, c'est Marie qui l'a changé.", []],
    ['the password is uh something I can\'t remember', []],
    ['the password is um not set yet', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: a glued service password key of a PHP or Perl config', () => {
  it.each<[string, string[]]>([
    ["Das Passwort der Datenbank steht in config.php: $CFG->dbpass = 'Lehrer_Zimmer#4';", ['Lehrer_Zimmer#4']],
    ['$conf->mailpass = "Post!Fach2027";', ['Post!Fach2027']],
    ["my %cfg = ( ldappass => 'Verzeichnis#61' );", ['Verzeichnis#61']],
    // Hard negatives: no literal value, or a key that only ends in "pass".
    ["$CFG->dbpass = getenv('MOODLE_DB_PASS');", []],
    ["$CFG->bypass = 'Lehrer_Zimmer#4';", []],
    ["$compass = 'North2024x';", []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: a password on the command line of htpasswd -b, rabbitmqctl, zip, 7z', () => {
  it.each<[string, string[]]>([
    ['htpasswd -b /etc/apache2/.htpasswd alice S3cure-Pass9', ['S3cure-Pass9']],
    ['sudo htpasswd -B -b /srv/.htpasswd grades Gr4de-Book77', ['Gr4de-Book77']],
    ['rabbitmqctl add_user orders_svc Rabbit!Queue42', ['Rabbit!Queue42']],
    ['zip -r -P Archiv#2024 backup.zip docs/', ['Archiv#2024']],
    ['7z a -pSieben#Zip7 secret.7z files/', ['Sieben#Zip7']],
    // Hard negatives: a variable, a prompt, stdin, no password flag.
    ['htpasswd -b /etc/apache2/.htpasswd alice $PASSWORD', []],
    ['htpasswd -c /etc/apache2/.htpasswd alice', []],
    ['docker login -u ci-bot --password-stdin registry.example.com', []],
    ['openssl rand -base64 32 -out key.bin', []],
    ['zip -r backup2024.zip docs/', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: a short mixed-case key after a credential word goes on after a "!" or "#" inside it', () => {
  it.each<[string, string[]]>([
    ['shared secret Gr4vel-Path!mill-52 on both controllers', ['Gr4vel-Path!mill-52']],
    // Hard negatives: the symbol ends the word, or an e-mail or a query string follows.
    ['the token is Ab12Cd34Ef!', ['Ab12Cd34Ef']],
    ['rotate the RADIUS shared secret before Friday!important', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: the password column of a pipe table of logins', () => {
  it.each<[string, string[]]>([
    ['| username | password |\n| jdoe_ta | Tutor#Desk7 |\n| lab_guest | guest-LAB-2031 |', ['Tutor#Desk7', 'guest-LAB-2031']],
    ['| Name | Login | Password |\n|---|---|---|\n| Lab A | lab_a | `quartz-owl-19` |', ['quartz-owl-19']],
    ['| Benutzer | Passwort |\n| azubi1 | Tinte-Feder-2026 |', ['Tinte-Feder-2026']],
    // Hard negatives: a schema table with a password row, a table with no password column, filler cells.
    ['| field | type | required |\n|---|---|---|\n| password | string | yes |\n| username | string | yes |', []],
    ['| Setting | Value |\n|---|---|\n| Password | Minimum12chars |', []],
    ['| user | password |\n|---|---|\n| admin | (none) |\n| guest | ******** |', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: a second password listed after "and" in Greek, Finnish, Hungarian', () => {
  it.each<[string, string[]]>([
    ['Ο κωδικός του wifi στο γραφείο είναι Olympos!Peak4 και του εκτυπωτή Pr1nter_GR.', ['Olympos!Peak4', 'Pr1nter_GR']],
    ['Wifin salasana on Mokki#Jarvi9 ja tulostimen Tul0stin_FI.', ['Mokki#Jarvi9', 'Tul0stin_FI']],
    ['A wifi jelszava Balaton!Part7 és a nyomtatóé Nyomt4to_HU.', ['Balaton!Part7', 'Nyomt4to_HU']],
    // Hard negatives: the "and" names a user.
    ['Ο κωδικός του wifi είναι Olympos!Peak4 και ο χρήστης Admin_Grafeio2.', ['Olympos!Peak4']],
    ['Wifin salasana on Mokki#Jarvi9 ja käyttäjä Mokki_Admin7.', ['Mokki#Jarvi9']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 25: a second password with the noun left out and a copula of its own', () => {
  it.each<[string, string[]]>([
    ['Mami, la clave del wifi es CasaRuiz2025$ y la de Netflix sigue siendo novela_77', ['CasaRuiz2025$', 'novela_77']],
    ['the wifi password is Harbor#Light9 and the one for the NAS is pancake2021', ['Harbor#Light9', 'pancake2021']],
    ['la password del wifi è Gelato#Roma5 e quella della banca è girasole1987', ['Gelato#Roma5', 'girasole1987']],
    ["le mot de passe du wifi est Crepe#Nantes4 et celui du NAS c'est bretagne2019", ['Crepe#Nantes4', 'bretagne2019']],
    // Hard negatives: a room, "the same", no copula.
    ['the wifi password is Harbor#Light9 and the one for the meeting room is suite2021', ['Harbor#Light9']],
    ['the wifi password is Harbor#Light9 and the one for the guests is the same', ['Harbor#Light9']],
    ['the wifi password is Harbor#Light9 and the one for the NAS pancake2021', ['Harbor#Light9']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
