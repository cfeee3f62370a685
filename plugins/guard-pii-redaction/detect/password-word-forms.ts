/**
 * Round 22: how a password word is inflected or placed, apart from the words themselves (the word lists are in secret-words.ts):
 * the forms {@link passwordWordAt} (password-word-at.ts) adds to those lists.
 */

/**
 * Indonesian and Malay glue `-nya` ("the", "its") to a noun: `kodenya router …: X` is "the router's code". Tried after the "code"
 * and "key" words only, whose values still need a symbol of their own (the password words list their `-nya` forms already).
 */
export const NYA = '(?:nya)?';

/**
 * `pass` right after a network's name and a comma (`Wifi name: TheGreenes, pass X`, `SSID HomeNet_5G / pass X`): the network
 * label before the name says whose pass it is, as a user name before `pass` does in `PASS_WORD` (secret-words.ts). The verb
 * (`…, pass it on to …`) is left out: the next word must hold a digit.
 */
export const PASS_AFTER_NETWORK_NAME = String.raw`(?<=(?<![\p{L}])(?:ssid|wi-?fi|wlan|network|hotspot)(?:[ -]?name)?\s*[:=]?\s*[^\s/|,;]{1,64}\s*[,;/|]\s*)pass(?![\p{L}])(?=\s*[:：=]?\s*["'“]?[^\s"'“]*\d)`;

/**
 * A Persian password word with a possessive suffix (`رمزم` "my password", `رمز عبورت`, `پسوردش`, `گذرواژه‌ام`): the suffix is
 * glued to the word, so the word boundary the lists ask for is not there. "My code" names one's password, so `رمزم` is no
 * weak word the way `رمز` alone is.
 */
export const PERSIAN_POSSESSED_PASSWORD = String.raw`(?<![\p{L}\p{M}])(?:رمز(?: عبور)?|گذرواژه|پسورد)(?:\u200c?(?:ام|ات|اش|مان|تان|شان)|م|ت|ش|مون|تون|شون)(?![\p{L}\p{M}])`;
