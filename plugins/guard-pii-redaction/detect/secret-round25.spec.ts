import { describe, expect, it } from 'vitest';
import { secretsIn } from './testing/pattern-detections.js';

describe('round 25: a past or hedged copula after a comma, and a value before an ellipsis', () => {
  it.each<[string, string[]]>([
    ['Lost the backup drive password, I think it was Heron#Marsh17 but no luck.', ['Heron#Marsh17']],
    ["J'ai oublié le mot de passe du Wi-Fi, c'était Lapin_Blanc#8 je crois.", ['Lapin_Blanc#8']],
    ['Não lembro a senha do e-mail, acho que era Tucano@Azul5... me ajuda?', ['Tucano@Azul5']],
    ['Olvidé la contraseña del portal, creo que era Jaguar_Negro42, ¿la tienes?', ['Jaguar_Negro42']],
    ['Das Passwort vom Büro-PC, es war Fuchs-Bau!73 glaube ich.', ['Fuchs-Bau!73']],
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
