import { alt, B, E, type InjectionPattern, pattern } from './pattern.js';

/**
 * Delimiter and format smuggling: fake conversation turns and chat-template tokens, fake system
 * tags and banners, and requests to decode-then-obey. (Decoding itself happens in `payloads.ts`.)
 */

const ROLE = alt('system', 'assistant', 'developer', 'admin', 'administrator', 'root', 'sys', 'ai', 'model', 'operator');

export const SMUGGLING_PATTERNS: InjectionPattern[] = [
  pattern('delimiter.chat-template-token', 'delimiter_smuggling', 0.45, `<\\|(?:im_start|im_end|im_sep|endoftext|system|user|assistant|end|eot_id|start_header_id|end_header_id|begin_of_text|channel|message|start|eom_id)\\|>`, { untrusted: 0.6 }),
  pattern('delimiter.chat-template-system', 'delimiter_smuggling', 0.75, alt('<\\|im_start\\|> ?(?:system|developer)', '<\\|system\\|>', '<\\|start_header_id\\|> ?system', '<\\|developer\\|>')),
  pattern('delimiter.inst-tag', 'delimiter_smuggling', 0.4, '\\[/?inst\\]'),
  pattern('delimiter.sys-tag', 'delimiter_smuggling', 0.7, '<</?sys>>'),
  pattern('delimiter.fake-turn', 'delimiter_smuggling', 0.3, `(?:^|\\n)[ \\t]*(?:#{1,4} ?|\\*\\*|\\[|<|-{2,} ?)?${ROLE}(?: (?:prompt|message|note|notice|override|instructions?|update|alert|announcement|directive|command))?(?:\\*\\*|\\]|>| ?-{2,})?[ \\t]*:`, { view: 'lines', untrusted: 0.45 }),
  pattern('delimiter.fake-user-turn', 'delimiter_smuggling', 0.25, `\\n[ \\t]*(?:#{1,4} ?)?(?:user|human)[ \\t]*:`, { view: 'lines', untrusted: 0.3 }),
  pattern('delimiter.role-tag', 'delimiter_smuggling', 0.4, `</?(?:system|sys|admin|administrator|developer|instructions?|system_prompt|system-prompt|root|assistant)(?: [^>]{0,40})?>`, { untrusted: 0.5 }),
  pattern('delimiter.close-user-tag', 'delimiter_smuggling', 0.35, `</(?:user|human|input|query|user_input|user_query)>`),
  pattern('delimiter.json-role', 'delimiter_smuggling', 0.3, `["']role["'] ?: ?["'](?:system|developer)["']`, { untrusted: 0.45 }),
  pattern('delimiter.end-of-input', 'delimiter_smuggling', 0.55, alt(`${B}(?:user|human) (?:input|message|prompt|turn|query) (?:ends|ended|is over|stops|finished|is complete) (?:here|now)`, `${B}end of (?:the )?(?:user|human|customer) (?:input|message|prompt|turn|query|data)`, `${B}(?:begin|start|beginning) (?:of )?(?:the )?(?:new )?(?:system|admin|developer|assistant|root) (?:prompt|message|instructions?|turn|override|mode|section)`)),
  pattern('delimiter.bracketed-system', 'delimiter_smuggling', 0.5, alt(`\\[(?:system|admin|administrator|developer|root|sys)(?: (?:message|override|note|notice|instructions?|prompt|update|command|alert))?\\]`, `#{2,} ?(?:system|admin|instructions?|developer) ?#{2,}`, `={3,} ?(?:system|admin|developer)`)),
  pattern('delimiter.banner', 'delimiter_smuggling', 0.5, alt(`(?:~{2,}|={2,}|-{2,}|#{2,}|\\*{2,}|\\[\\[) ?(?:new |updated |system |admin |real |hidden )?(?:instructions?|rules|directives?|prompt|system prompt|override|system override|admin override|jailbreak|unlock|sudo) ?(?:~{2,}|={2,}|-{2,}|#{2,}|\\*{2,}|\\]\\])`, `\\[(?:override|system override|admin override|jailbreak|unlock|sudo|root|god mode)\\]`)),
  pattern('delimiter.priority-override', 'delimiter_smuggling', 0.45, `${B}(?:priority|admin|administrator|system|developer|security|root|emergency|critical|maintenance) (?:override|overwrite|directive|command)s?${E}`),
  pattern('delimiter.config-flag', 'delimiter_smuggling', 0.45, alt('override[_ ]?safety', 'safety[_ ]?(?:off|disabled|=false|=0)', `(?:jailbreak|unrestricted|uncensored|god_?mode|developer_?mode|safe_?mode|content_?filter|safety)(?:_enabled)? ?[=:] ?["']?(?:true|on|1|enabled|off|false|0|disabled)${E}`)),
  pattern('delimiter.user-is-admin', 'delimiter_smuggling', 0.35, `${B}(?:the )?user (?:is|has been verified as) (?:an? |the )?(?:admin|administrator|developer|root|superuser|authori[sz]ed|verified|trusted|owner)${E}`, { untrusted: 0.45 }),
  pattern('encoded.decode-and-follow', 'encoded_payload', 0.4, `${B}(?:decode|decrypt|decipher|translate|convert|interpret|unscramble|reverse|read)[^.\\n]{0,40}(?:and|then|,) (?:follow|execute|obey|do|run|perform|carry out|apply|act on|comply with)${E}`),
  pattern('encoded.run-decoded', 'encoded_payload', 0.45, `${B}(?:execute|follow|obey|run|do|perform|carry out|act on) (?:the |these |this |what )?(?:decoded|hidden|encoded|obfuscated|base64|hex|encrypted|reversed)(?: (?:text|instructions?|message|command|string|payload|content|says))?`),
];
