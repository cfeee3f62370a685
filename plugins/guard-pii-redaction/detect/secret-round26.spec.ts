import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 26: a password spelled out letter by letter, then restated after "so", "i.e." or an arrow', () => {
  it.each<[string, string[]]>([
    ['Voice note: "the garage wifi is capital H heron then four four, so Heron44, got it?"', ['Heron44']],
    ['"pw is our street name + the year we moved in, capital first letter" → for the record that\'s Linden2009', ['Linden2009']],
    ['Transcript: "the code for the wifi is capital P p e l i c a n... actually it\'s PelicanBay2016 with a capital P and B"', ['PelicanBay2016']],
    ['Nota vocale: "la password della posta è tutto minuscolo gabbiano poi uno nove otto sette e punto esclamativo" cioè gabbiano1987!', ['gabbiano1987!']],
    // Hard negatives: password rules, a capital city.
    ['Use a capital letter in your password, so it is harder to guess.', []],
    ['The capital of France is Paris, so we flew there in 2019 and I reset my password at the hotel.', []],
    ['Password rules: uppercase and lowercase required, i.e. at least 8 characters.', []],
    ['La password deve avere una maiuscola, quindi scegline una nuova entro il 2025.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 26: the new password after a "now" word, a past copula after "old", a suffix after the value', () => {
  it.each<[string, string[]]>([
    ['Ho cambiato la password della banca: prima era Gatto2019, adesso è Gatto#Nero_77.', ['Gatto2019', 'Gatto#Nero_77']],
    ["Netflix şifresi eskiden Kartal1903'tü, şimdi Kartal#Bjk_1903 oldu.", ['Kartal1903', 'Kartal#Bjk_1903']],
    ['넷플릭스 비번 바꿨어: 이전 busan2010, 지금은 Busan#Haeundae_9 이야', ['busan2010', 'Busan#Haeundae_9']],
    ['Nenosiri la zamani la benki app lilikuwa Mombasa2001, sasa ni Mombasa#Pwani_22', ['Mombasa2001', 'Mombasa#Pwani_22']],
    ['كلمة السر القديمة للبنك كانت Cairo2018 والجديدة Cairo#Giza_44، لا تنسَ', ['Cairo2018', 'Cairo#Giza_44']],
    ['邮箱密码原来是li888888，后来改成Li#Hangzhou2020了', ['li888888', 'Li#Hangzhou2020']],
    // Hard negatives: "now" with no value after a password, a place that was something else.
    ['The password is Harbor#Lights_24. Now go to room 2B and ask for the manager.', ['Harbor#Lights_24']],
    ['My password is Harbor#Lights_24, now I need to log into version 2.4.1 of the app.', ['Harbor#Lights_24']],
    ["Eskiden İstanbul'daydık, şimdi Ankara'dayız; şifre aynı.", []],
    ['Ho cambiato la password ieri, ora è più sicura.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 26: a user / password pair after a quoted network name or a login sentence; a list of logins after a pair', () => {
  it.each<[string, string[]]>([
    ['the guest wifi is "Harbor View Guest" / seagulls2024 if anyone asks', ['seagulls2024']],
    ['The shared login for the art room laptops is artroom / Watercolor#9. Thanks!', ['Watercolor#9']],
    ['Notizen: Netflix – mama.k@example.de / Kino!Abend7; Spotify vom Großen – Tom_hoert_2012', ['Kino!Abend7', 'Tom_hoert_2012']],
    // Hard negatives: a band after the slash, a login that is documented elsewhere.
    ['the office wifi is "Blue Anchor Staff" / 5GHz only, ask the manager', []],
    ['The shared login for the lab is documented / see the wiki page.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 26: the second password of a list after a bracket or a clause, in both cases with a digit, or joined words with one digit', () => {
  it.each<[string, string[]]>([
    ['La contraseña del correo es Gaviota_77 y la del banco (la de la app) es Santander4Xq', ['Gaviota_77', 'Santander4Xq']],
    ['The wifi password is Otter#Lake22 and the one for the router (the grey box) is Netgear7PzQ', ['Otter#Lake22', 'Netgear7PzQ']],
    ['La clave del correo es Gaviota_77 y la del banco me la cambió tu primo, es Pacheco.1960', ['Gaviota_77', 'Pacheco.1960']],
    ['Wachtwoord van de bank-app is Molen7Wiek! en wifi boven zolder-met-dakraam-4', ['Molen7Wiek!', 'zolder-met-dakraam-4']],
    // Hard negatives: the second account's password described, not given.
    ['La contraseña del wifi es Girasol_2024! y la del router (ver manual) es la de fábrica.', ['Girasol_2024!']],
    ['The wifi password is Otter#Lake22 and the one for the router (model R7000) is on the sticker.', ['Otter#Lake22']],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 26: a key word after a network named in its sentence; a Khmer word glued to the password word; a colon or a Zulu copula prefix', () => {
  it.each<[string, string[]]>([
    ['network Cafe-Guest, the code is espresso-bar-41', ['espresso-bar-41']],
    ['Netzwerk Buero-Gast, der Schlüssel ist tannen-zapfen-77', ['tannen-zapfen-77']],
    ['ពាក្យសម្ងាត់ប្រព័ន្ធបញ្ជី Banchi#KH2023 សម្រាប់ការិយាល័យ', ['Banchi#KH2023']],
    ['Պապի՛կ, համակարգչի գաղտնաբառն է Ararat&Sevan77: Մի՛ մոռացիր', ['Ararat&Sevan77']],
    ['Iphasiwedi ye-wifi yi-Ikhaya!Durban9, ungayitsheli muntu', ['Ikhaya!Durban9']],
    // Hard negatives: a key of a product or a keyboard, an error code.
    ['The network team will send the key to room 42 tomorrow.', []],
    ['Wireless keyboard: the key is stuck, model K380.', []],
    ['Our network is down, the code is 503 again.', []],
    ['mesh router; license key 4410-2290-7731-0025', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 26: a short service name with a digit before the value, dotted capitalised words with a closing "!", a value left spelled out', () => {
  it.each<[string, string[]]>([
    ['Мой пароль от 1С Zarya2023! больше не подходит, помогите.', ['Zarya2023!']],
    ['my password for PS5 Gamer#Night44 stopped working after the update', ['Gamer#Night44']],
    ["Grandpa's new password is Garden.Roses.Summer!, please write it down.", ['Garden.Roses.Summer!']],
    ['Mein neues Passwort ist Kaffee.Kuchen.Sonntag! und gilt ab heute.', ['Kaffee.Kuchen.Sonntag!']],
    ['Voice note: the wifi password is capital B bluebird 42 hash, call me later', ['capital B bluebird 42 hash']],
    // Hard negatives: a user name, a web address, a rule about capitals.
    ['the password for user42 is in the vault, not here.', []],
    ['Reset your password at Accounts.Google.Com! It takes a minute.', []],
    ['The password is capital letters only, no exclamation marks allowed.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});

describe('round 26: the password typed at a failing login, and a second account\'s password after "but for"', () => {
  it.each<[string, string[]]>([
    ['It says wrong password but I typed marigold77 like always, can you check?', ['marigold77']],
    ['Das Passwort geht nicht, ich habe Tulpe2019 eingegeben und es kommt ein Fehler.', ['Tulpe2019']],
    ["Mot de passe refusé alors que j'ai saisi Cerise2018 comme d'habitude.", ['Cerise2018']],
    ["I won't give you the bank password, but for Netflix it's Popcorn_2021 if you need it.", ['Popcorn_2021']],
    ['La contraseña del banco no te la doy, pero para Netflix es Palomitas2020.', ['Palomitas2020']],
    ['Yung password sa bangko hindi ko ibibigay, pero sa Netflix ay Sinehan_2022', ['Sinehan_2022']],
    // Hard negatives: typing into a search box, a password typed twice, "but for" with no value.
    ['I typed iphone15 into the search box; my password is fine.', []],
    ['My password is fine but I typed iphone15 into the search box.', []],
    ['I typed the password twice and it still fails.', []],
    ['The password for the bank is secret, but for the kids it is easy to remember.', []],
  ])('%s', (text, expected) => {
    expect(secretsIn(text)).toEqual(expected);
  });
});
