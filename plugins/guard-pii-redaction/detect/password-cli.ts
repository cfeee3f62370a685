/**
 * Round 23: a password given as a flag on the command line of a known client (`ldapsearch … -w 'X'`, `cqlsh host -u cassandra -p X`,
 * `redis-cli -a X`, `sshpass -p X`, `mongosh -u admin -p X`, `sqlcmd -S host -U sa -P X`, `mysql -uroot -pX`). Each client's flag
 * is its own (`-p` is a port for ssh and a prompt for mysql when a space follows), so the flag is read only after its client, on
 * the same line, before a pipe or the next command. Round 25: more clients, some taking the password as a positional argument.
 */
import { type Detection } from './detection.js';
import { STRONG_SYMBOL, hasAny, isPlaceholder, pushSpanIfFree } from './secret-values.js';

/** A client, the rest of its command line, and its password flag with the value after a space, an `=` or glued (mysql). */
const CLI_PASSWORD = new RegExp(
  String.raw`(?<![\w./-])(?:` +
    String.raw`(?:ldap(?:search|modify|add|delete|passwd|whoami|compare|modrdn))[^\n|;&]{0,200}?\s-w\s+` +
    String.raw`|cqlsh[^\n|;&]{0,200}?\s(?:-p|--password)(?:\s+|=)` +
    String.raw`|redis-cli[^\n|;&]{0,200}?\s(?:-a|--pass)\s+` +
    String.raw`|sshpass\s(?:[^\n|;&]{0,40}?\s)?-p\s*` +
    String.raw`|(?:mongosh|mongo|mongodump|mongorestore|mongoexport|mongoimport)[^\n|;&]{0,200}?\s(?:-p|--password)(?:\s+|=)` +
    String.raw`|(?:sqlcmd|bcp|osql)[^\n|;&]{0,200}?\s-P\s+` +
    String.raw`|(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)[^\n|;&]{0,200}?\s(?:-p(?=[^\s-])|--password=)` +
    // Round 25: the password as the last positional argument after `-b` (batch mode) of htpasswd and mosquitto_passwd, or after
    // the user of rabbitmqctl; the flags of zip and 7z.
    String.raw`|(?:htpasswd|mosquitto_passwd)\s+(?:-[a-zA-Z]+\s+)*?-[a-zA-Z]*b[a-zA-Z]*\s+(?:-[a-zA-Z]+\s+)*[^\s|;&]+\s+[^\s|;&-][^\s|;&]*\s+` +
    String.raw`|rabbitmqctl\s+(?:add_user|change_password)\s+[^\s|;&]+\s+` +
    String.raw`|(?:zip|unzip)\s(?:[^\n|;&]{0,80}?\s)?-P\s+|7z[a]?\s[^\n|;&]{0,80}?\s-p(?=[^\s-])` +
    String.raw`)(["']?)([^\s"']{6,128})\1(?=[\s;|&)]|$)`,
  'g',
);
/** The clients, looked for first: most texts name none. Every {@link CLI_PASSWORD} match holds one of these literals. */
export const CLIENTS = ['ldap', 'cqlsh', 'redis-cli', 'sshpass', 'mongo', 'sqlcmd', 'bcp ', 'osql', 'mysql', 'mariadb', 'htpasswd', 'mosquitto_passwd', 'rabbitmqctl', 'zip -', '7z'];
/**
 * Round 24: Oracle's tools take the login as one argument, `user/password[@connect]` (`sqlplus system/X@//10.8.3.50:1521/ORCL`,
 * `expdp hr/X@pdb1 schemas=hr`): the password is between the slash and the `@` or the end of the argument.
 */
const ORACLE_LOGIN = /(?<![\w./-])(?:sqlplus|rman|expdp|impdp|sqlldr|dgmgrl)(?:\s+-\w+)*\s+(?:userid=)?[A-Za-z_][\w$#]{0,29}\/([^\s"'`@/]{6,128})(@|(?=[\s;|&)`"']|$))/g;
export const ORACLE_CLIENTS = ['sqlplus', 'rman', 'expdp', 'impdp', 'sqlldr', 'dgmgrl'];
/** Without an `@` after it, the login must open a command: at a line's start, after a prompt, a backtick or a quote (not `sqlplus docs/x`). */
const COMMAND_START = /(?:^|\n)[ \t]*$|[$#>`"'][ \t]*$/;

/** Pushes the value of a password flag on a known client's command line: a digit or a symbol, not a variable or a placeholder. */
export function detectCommandLinePasswords(text: string, found: Detection[]): void {
  // Session 12: the clients asked through the first pass (`hasAny`), not as a regex alternation tried at most positions.
  CLI_PASSWORD.lastIndex = hasAny(text, CLIENTS) ? 0 : text.length;
  for (let match = CLI_PASSWORD.exec(text); match !== null; match = CLI_PASSWORD.exec(text)) {
    const value = match[2];
    if (/^[$%-]/.test(value) || (!/\d/.test(value) && !STRONG_SYMBOL.test(value)) || isPlaceholder(value)) continue;
    const start = match.index + match[0].length - value.length - match[1].length;
    pushSpanIfFree(found, start, value);
  }
  if (!hasAny(text, ORACLE_CLIENTS)) return;
  ORACLE_LOGIN.lastIndex = 0;
  for (let match = ORACLE_LOGIN.exec(text); match !== null; match = ORACLE_LOGIN.exec(text)) {
    const value = match[1];
    if (/^[$%]/.test(value) || (!/\d/.test(value) && !STRONG_SYMBOL.test(value)) || isPlaceholder(value)) continue;
    if (match[2] === '' && !COMMAND_START.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    const start = match.index + match[0].length - match[2].length - value.length;
    pushSpanIfFree(found, start, value);
  }
}
