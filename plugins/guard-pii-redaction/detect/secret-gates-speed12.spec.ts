import { describe, expect, it } from 'vitest';
import { readCorpus } from '../corpus.js';
import { CLIENTS, ORACLE_CLIENTS } from './password-cli.js';
import { DEFAULT_USER_GATE } from './password-default-users.js';
import { hasAny } from './secret-values.js';
import { firstPass } from './secret-first-pass.js';

/**
 * Session 12 (speed only): gates that were regex alternations of literals are asked through the first pass's `holds`. Each must answer
 * what the regex it replaced answers, on the corpus and on texts built at random from the literals, their halves and neighbours.
 */
function randomTexts(pieces: readonly string[], count: number, seed = 11): string[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 2 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

/** The gates as they were before session 12. */
const OLD_CLIENTS = /ldap|cqlsh|redis-cli|sshpass|mongo|sqlcmd|bcp |osql|mysql|mariadb|htpasswd|mosquitto_passwd|rabbitmqctl|zip -|7z/;
const OLD_ORACLE_CLIENTS = /sqlplus|rman|expdp|impdp|sqlldr|dgmgrl/;
const OLD_DEFAULT_USER_GATE = /(?:admin|root|ubnt|pi|operator)\//;

const halves = (words: readonly string[]) => words.flatMap((word) => [word.slice(0, Math.ceil(word.length / 2)), word.slice(Math.ceil(word.length / 2))]);
const CLIENT_PIECES = [...CLIENTS, ...ORACLE_CLIENTS, ...halves([...CLIENTS, ...ORACLE_CLIENTS]), 'LDAP', 'Mongo', 'zip', ' -', '7', 'z', ' ', '\n', 'x', 'é', '𝐀', '-'];
const USER_PIECES = ['admin', 'root', 'ubnt', 'pi', 'operator', 'administrator', 'Admin', '/', '//', 'adm', 'in', 'ro', 'ot', 'p', 'i', ' ', 'x', '𝐀', 'é', 'Secret#42'];

describe('session 12, speed only: literal gates through the first pass', () => {
  const corpus = readCorpus().map((record) => record.text);

  it('asks for the command-line clients what the old regexes answered', () => {
    let held = 0;
    for (const text of [...corpus, ...randomTexts(CLIENT_PIECES, 30_000)]) {
      firstPass(text);
      const expected = OLD_CLIENTS.test(text);
      expect(hasAny(text, CLIENTS)).toBe(expected);
      expect(hasAny(text, ORACLE_CLIENTS)).toBe(OLD_ORACLE_CLIENTS.test(text));
      if (expected) held += 1;
    }
    expect(held).toBeGreaterThan(3_000);
  });

  it('asks for the default device accounts what the old regex answered', () => {
    let held = 0;
    for (const text of [...corpus, ...randomTexts(USER_PIECES, 30_000)]) {
      firstPass(text);
      const expected = OLD_DEFAULT_USER_GATE.test(text);
      expect(hasAny(text, DEFAULT_USER_GATE)).toBe(expected);
      if (expected) held += 1;
    }
    expect(held).toBeGreaterThan(3_000);
  });
});
