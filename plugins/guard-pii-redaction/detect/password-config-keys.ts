/**
 * Round 25: a password key glued to what it opens, as PHP and Perl configs name them (`$CFG->dbpass = '…'` in Moodle's
 * config.php, `$conf->mailpass = "…"`, `$smtppass = '…'`): one short lower-case word for a service, then `pass`. The generic
 * key names want a separator before `pass` (`db_pass`, `DB-PASS`), so these were read as no key at all; the list of service
 * words keeps out `bypass`, `compass`, `overpass`, `trespass`.
 */
export const GLUED_PASS_KEY = /(?<![\p{L}\p{N}])(?:db|sql|mysql|pg|mail|smtp|imap|pop|ftp|sftp|ldap|bind|admin|root|user|proxy|wifi|wlan|vpn|api|app|site|web|master|sys)pass(?:wd|word)?$/iu;

/** A value followed by `=` or `=>` is the key of an assignment, not its value (`…ist $CFG->dbpass = 'X'`). */
export const isAssignedKey = (after: string) => /^\s*=(?!=)/.test(after);
