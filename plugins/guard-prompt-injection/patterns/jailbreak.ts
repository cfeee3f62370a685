import { alt, B, E, type InjectionPattern, LETTER, pattern } from './pattern.js';

/**
 * Role-play and persona jailbreaks. Role-play on its own is ordinary ("pretend you are a pirate"),
 * so most of these are weak alone and add up: a persona, plus "no restrictions", plus "never refuse".
 */

const AI = alt('ai', 'a\\.i\\.', 'assistant', 'model', 'language model', 'llm', 'chatbot', 'bot', 'version(?: of (?:you|yourself))?', 'gpt', 'entity', 'persona', 'character', 'system', 'alter ego', 'twin', 'intelligence', 'machine');
const UNBOUND = alt(
  'unrestricted', 'uncensored', 'unfiltered', 'unaligned', 'amoral', 'immoral', 'unethical', 'evil', 'rogue', 'jailbroken', 'lawless',
  'unbound', 'unchained', 'limitless', 'unlimited', 'rule-?less', 'uncontrolled', 'freed', 'liberated', 'unmoderated',
);
const LIMITS = alt(
  'restrictions?', 'rules', 'limits', 'limitations', 'filters?', 'filtering', 'guidelines', 'censorship', 'ethics', 'morals', 'morality',
  '(?:moral|ethical)(?: (?:or|and) (?:moral|ethical))? (?:boundaries|limits|guidelines|constraints|principles|code|compass)',
  'boundaries', 'safeguards', 'content polic(?:y|ies)', 'policies', 'constraints', 'guardrails', 'safety (?:rules|guidelines|filters|measures)',
);
const MODES = alt('jailbreak', 'jailbroken', 'god', 'unrestricted', 'unfiltered', 'uncensored', 'evil', 'chaos', 'dan', 'opposite', 'no-?limits?', 'freedom');
const PERSONAS = alt('dan', 'stan', 'betterdan', 'antigpt', 'anti-gpt', 'evil ?(?:gpt|bot|confidant)', 'free ?gpt', 'unfiltered ?gpt', 'jailbroken ?gpt', 'chaosgpt', 'developer mode gpt');

const english: InjectionPattern[] = [
  pattern('jailbreak.named-persona', 'roleplay_jailbreak', 0.7, `${B}${alt("you are", "you're", 'you will be', 'act as', 'acting as', 'pretend to be', 'become', 'roleplay as', 'role-play as', 'play', 'called', 'named', 'known as', 'respond as', 'answer as', 'be')} (?:now )?(?:going to (?:pretend to |act as |be )?(?:be )?)?["']?${PERSONAS}${E}`),
  pattern('jailbreak.do-anything-now', 'roleplay_jailbreak', 0.35, `${B}do anything now${E}`, { untrusted: 0.3 }),
  pattern('jailbreak.persona-stands-for', 'roleplay_jailbreak', 0.6, `${B}stands for ["']?(?:do anything now|strive to avoid norms|always intelligent)`),
  pattern('jailbreak.avoid-norms', 'roleplay_jailbreak', 0.6, `${B}strive to avoid norms${E}`),
  pattern('jailbreak.mode-enabled', 'roleplay_jailbreak', 0.7, `${B}${MODES} mode (?:is )?(?:now )?${alt('enabled', 'activated', 'on', 'engaged', 'unlocked', 'active', 'output', 'response')}${E}`),
  pattern('jailbreak.developer-mode-enabled', 'roleplay_jailbreak', 0.45, `${B}${alt('developer', 'debug', 'sudo', 'admin', 'maintenance', 'root')} mode (?:is )?(?:now )?${alt('enabled', 'activated', 'engaged', 'unlocked', 'active', 'output', 'response')}${E}`),
  pattern('jailbreak.you-are-in-mode', 'roleplay_jailbreak', 0.65, `${B}(?:you are|you're) (?:now )?(?:in|running in|operating in|entering|switched to) (?:${MODES}|developer|debug|sudo|admin|maintenance) mode`),
  pattern('jailbreak.enter-mode', 'roleplay_jailbreak', 0.65, `${B}${alt('enter', 'enable', 'activate', 'switch to', 'turn on', 'unlock', 'engage')} ${MODES} mode`),
  pattern('jailbreak.in-mode-you', 'roleplay_jailbreak', 0.45, `${B}(?:in|with) ${MODES} mode,? you`),
  pattern('jailbreak.unbound-persona', 'roleplay_jailbreak', 0.75, `${B}${alt("you are", "you're", 'you will be', 'act as', 'acting as', 'behave as', 'behave like', 'respond as', 'answer as', 'pretend to be', 'roleplay as', 'be', 'become', 'simulate', "imagine you(?: are|'re)", 'you are now', "you're now", 'play')} (?:now )?(?:an? |the |my |your )?(?:completely |totally |fully |truly )?${UNBOUND} ${AI}${E}`),
  pattern('jailbreak.you-are-unbound-anything', 'roleplay_jailbreak', 0.6, `${B}(?:you are|you're)(?: now)? (?:an? |the |my |your )?(?:completely |totally |fully |truly )?${UNBOUND} [${LETTER}-]+`),
  pattern('jailbreak.not-an-assistant', 'roleplay_jailbreak', 0.45, `${B}(?:you are|you're) (?:not|no longer) (?:an? |the |my )?(?:ai|assistant|ai assistant|chatbot|language model|bot|model|helpful assistant)(?: anymore| any more)?${E}`),
  pattern('jailbreak.drop-the-act', 'roleplay_jailbreak', 0.2, alt('drop the act', 'drop the (?:assistant|ai) (?:act|persona|facade)', 'stop pretending to be an? (?:ai|assistant)')),
  pattern('jailbreak.new-persona', 'roleplay_jailbreak', 0.35, `${B}(?:new|different|alternate|alternative|secret|second) (?:persona|identity|personality|character|alter ego) ?[:\\u2014-]`),
  pattern('jailbreak.named-not-bound', 'roleplay_jailbreak', 0.6, `${B}[${LETTER}-]+ (?:is|are) (?:now )?(?:not|no longer|never) (?:bound|restricted|limited|constrained|governed|held back|controlled) by (?:any |the |its |their |your )?(?:${LIMITS}|laws|openai|anthropic|anyone|anything)`),
  pattern('jailbreak.do-the-opposite', 'roleplay_jailbreak', 0.45, alt(`${B}(?:do|say|answer) the opposite(?: of (?:what )?(?:your|the) (?:rules|instructions|guidelines|programming))?`, `${B}whatever your (?:rules|instructions|guidelines|programming|policies|filters) (?:say|tell you|require)`)),
  pattern('jailbreak.as-if-no-policy', 'roleplay_jailbreak', 0.6, `${B}as if (?:the |your |there (?:was|were) no )?(?:content polic(?:y|ies)|rules|guidelines|restrictions|filters|safety (?:rules|guidelines)|polic(?:y|ies)|ethics|laws)(?: (?:didn't|did not|don't|do not|doesn't|does not|never) (?:exist|apply|matter))?${E}`),
  pattern('jailbreak.unbound-ai', 'roleplay_jailbreak', 0.45, `${B}${UNBOUND} ${AI}${E}`, { untrusted: 0.4 }),
  pattern('jailbreak.not-bound', 'roleplay_jailbreak', 0.7, alt(`${B}(?:you|ai|dan|it) (?:are|is|'re) (?:now )?(?:no longer|not|never) (?:bound|restricted|limited|constrained|governed|held back|controlled) by`, `${B}(?:broken|broke|break|freed?|liberated|released|escaped) (?:free )?(?:of|from) (?:the |your |its |all |any )?(?:typical |usual )?(?:confines|restrictions|rules|limits|limitations|constraints|guidelines|shackles|programming|creators|chains|filters)`)),
  pattern('jailbreak.has-no-limits', 'roleplay_jailbreak', 0.6, `${B}(?:you|ai|assistant|model|bot|dan|stan|it|that|which|who|and) (?:now |will |would |can |must )?(?:has|have|had|with|possess(?:es)?|has got|hold) (?:absolutely |literally |zero )?(?:no|zero) (?:\\w+ ){0,2}${LIMITS}${E}`),
  pattern('jailbreak.ai-with-no-limits', 'roleplay_jailbreak', 0.6, `${B}${AI} (?:with|without|that has no|which has no|free of) (?:any |no )?${LIMITS}${E}`),
  pattern('jailbreak.without-limits', 'roleplay_jailbreak', 0.25, `${B}without (?:any |all )?(?:${alt('restrictions', 'limits', 'limitations', 'filters', 'filtering', 'censorship', 'rules', 'guidelines', 'warnings(?: or disclaimers)?', 'disclaimers', 'refusing', 'refusals?', 'ethical (?:guidelines|constraints|limits)', 'moral (?:constraints|limits)', 'safety (?:guidelines|filters|measures)')})${E}`),
  pattern('jailbreak.follows-no-rules', 'roleplay_jailbreak', 0.6, `${B}(?:you|ai|assistant|model|bot|chatbot|gpt|dan|stan)(?: [^\\s.!?]+){0,3} ${alt('no longer', "doesn't", 'does not', "don't", 'do not', "won't", 'never', 'will not')} (?:have to )?(?:follow|follows|obey|obeys|adhere to|adheres to|respect|respects|abide by|abides by|care about|cares about) (?:any |the |your |its )?(?:${LIMITS}|laws|norms|principles)${E}`),
  pattern('jailbreak.never-refuse', 'roleplay_jailbreak', 0.4, `${B}${alt('never', "don't", 'do not', 'must not', 'cannot', "can't", "won't", 'will not', 'shall not')} (?:ever )?${alt('refuse', 'refuses', 'decline', 'declines', "say (?:no|you can't|that you can't|i can't|sorry)", 'apologi[sz]e', 'add (?:any )?(?:warnings|disclaimers|caveats)', 'include (?:any )?(?:warnings|disclaimers|apology|apologies|refusals?)', 'break character', 'mention (?:ethics|legality|safety|laws)', 'warns?(?: the user)?', 'add (?:any )?(?:warnings|caveats)')}`),
  pattern('jailbreak.stay-in-character', 'roleplay_jailbreak', 0.3, alt('stay in character', "(?:don't|do not|never) break character", '(?:if|whenever) you (?:break|drop|leave) character')),
  pattern('jailbreak.two-responses', 'roleplay_jailbreak', 0.2, alt('(?:two|2|both) (?:different )?(?:responses|answers|replies)', 'respond twice', 'answer twice', 'first as yourself')),
  pattern('jailbreak.no-rules-exist', 'roleplay_jailbreak', 0.6, `${B}(?:pretend|imagine|assume|suppose|act as if|as if|behave as if|say) (?:that )?(?:there (?:are|were|is|was) (?:no|zero)|you (?:have|had|are under) no|nothing is (?:forbidden|off-limits|off limits)) (?:\\w+ ){0,2}(?:${LIMITS}|limits?|rules?|restrictions?)${E}`),
  pattern('jailbreak.stop-being-careful', 'roleplay_jailbreak', 0.3, `${B}stop being (?:so )?(?:careful|cautious|safe|ethical|restricted|censored|filtered|politically correct|a goody)`),
  pattern('jailbreak.can-bypass', 'roleplay_jailbreak', 0.6, `${B}${AI} (?:that|which|who) (?:can|will|is able to|is allowed to|may|does) (?:bypass|ignore|break|evade|circumvent|get around|override|disregard) (?:any|all|every|its|the|your) (?:\\w+ )?(?:filters?|rules?|restrictions?|limits?|guidelines?|polic(?:y|ies)|safeguards?|guardrails?)${E}`),
  pattern('jailbreak.persona-hates-rules', 'roleplay_jailbreak', 0.55, `${B}(?:character|persona|ai|bot|entity|assistant|someone|version|personality|alter ego)(?: [^\\s.!?]+){0,2},? (?:who|that|which) (?:despises|hates|ignores|breaks|disregards|rejects|doesn't care about|does not care about|has no regard for|laughs at|mocks) (?:all |any |the )?(?:rules|restrictions|laws|guidelines|ethics|morals|limits|filters|polic(?:y|ies)|norms)${E}`),
  pattern('jailbreak.answers-everything', 'roleplay_jailbreak', 0.2, `${B}(?:answers?|responds? to|replies to|will answer) (?:everything|anything|any question|all questions|every question|every request)${E}`),
  pattern('jailbreak.must-comply', 'roleplay_jailbreak', 0.35, `${B}(?:must|will|shall|have to|are required to) (?:now )?(?:comply with|obey|fulfil+|answer|follow|satisfy|grant) (?:every|all|any) (?:single )?(?:requests?|questions?|commands?|instructions?|orders?|prompts?)${E}`),
  pattern('jailbreak.refusal-forbidden', 'roleplay_jailbreak', 0.45, `${B}(?:refusing|refusals?|declining|saying no|saying you can't) (?:is|are) (?:not (?:allowed|permitted|an option|possible)|forbidden|prohibited|disabled|banned)${E}`),
  pattern('jailbreak.hypothetical-safety-off', 'roleplay_jailbreak', 0.35, `${B}(?:pretend|imagine|suppose|assume|hypothetically)[^.!?]{0,60}(?:safety|filters?|restrictions|rules|guidelines|guardrails|censorship|alignment)${E}`),
  pattern('jailbreak.harmful-topic', 'roleplay_jailbreak', 0.2, `${B}(?:explosives?|bombs?|napalm|thermite|meth(?:amphetamine)?|nerve agents?|bioweapons?|malware|ransomware|keyloggers?|hotwire|untraceable (?:guns?|weapons?)|fake ids?|counterfeit)${E}`),
  pattern('jailbreak.deceased-relative', 'roleplay_jailbreak', 0.45, `${B}(?:deceased|late|dead|departed) (?:grand(?:ma|mother|pa|father)|granny|nana|mother|father)[^.]{0,80}(?:used to|would) (?:tell|read|recite|sing|say|give)`),
  pattern('jailbreak.be-deceased-relative', 'roleplay_jailbreak', 0.45, `${B}(?:act|pretend|roleplay|role-play|play|speak|talk|respond)(?: like| as| to be)? (?:my |our )?(?:deceased|late|dead|departed) (?:grand\\w+|granny|nana|mother|father|mom|dad|uncle|aunt)${E}`),
  pattern('jailbreak.act-as-relative', 'roleplay_jailbreak', 0.25, `${B}(?:act|pretend|roleplay|play) (?:as|to be) (?:her|him|them|my (?:grand\\w+|granny|nana))${E}`),
  pattern('jailbreak.prefix-injection', 'roleplay_jailbreak', 0.5, `${B}(?:begin|start) (?:your|the|each|every) (?:reply|response|answer|output) (?:with|by saying) ["']?(?:sure|absolutely|of course|certainly|here is|here's|yes)`),
  pattern('jailbreak.safety-removed', 'roleplay_jailbreak', 0.45, alt(`${B}(?:removed|disabled|turned off|stripped|deleted|bypassed|lifted|switched off) (?:all |your |its |the |of )*(?:safety|ethical|moral|content)?(?: )?(?:training|filters?|guardrails|guidelines|restrictions|safeguards|alignment|limits|protocols)`, `${B}(?:safety|filters?|guardrails|restrictions|censorship|content filter(?:s|ing)?|safeguards|moderation)(?: (?:layer|system|module|team|mode|protocols?|settings))? (?:are |is |has |have )?(?:now |been |temporarily )*(?:disabled|off|offline|down|paused|suspended|removed|turned off|switched off|deactivated|bypassed|lifted)${E}`, `${B}(?:safety|ethics|alignment|moderation|trust and safety) (?:team|layer|system|module)s? (?:has |have )?(?:turned|switched|shut) (?:you |it )?off`)),
  pattern('jailbreak.imagine-ai', 'roleplay_jailbreak', 0.2, `${B}imagine (?:that )?(?:you are|you're) an? (?:ai|assistant|model|chatbot|llm)`),
  pattern('jailbreak.that-version', 'roleplay_jailbreak', 0.35, alt('answer as (?:that|this) version of you', `as (?:your|an?) (?:${UNBOUND}) (?:self|version|alter ego)`)),
  pattern('jailbreak.evil-twin', 'roleplay_jailbreak', 0.4, alt('opposite day', 'anti-?gpt', 'evil (?:twin|confidant)', '(?:your|an?) (?:evil|dark|shadow) (?:side|twin|version)')),
  pattern('jailbreak.you-are-free', 'roleplay_jailbreak', 0.5, `${B}(?:you are|you're) (?:now )?(?:free|freed|liberated|unleashed|unlocked)${E}(?! to (?:choose|use|ask|pick))`),
  pattern('jailbreak.override-ethics', 'roleplay_jailbreak', 0.8, `${B}${alt('ignore', 'ignores', 'ignoring', 'forget', 'disregard', 'abandon', 'bypass', 'override', 'drop', 'set aside', 'ditch', 'circumvent')} (?:all |any |your |the |of |its )*${alt('ethics', 'ethical (?:guidelines|principles|constraints|rules)', 'morals', 'morality', 'moral (?:code|compass|guidelines)', 'safety (?:guidelines|rules|training|protocols|filters|measures|polic(?:y|ies))', 'content (?:polic(?:y|ies)|filters?|guidelines)', "openai'?s? (?:polic(?:y|ies)|guidelines|rules)", 'usage polic(?:y|ies)', 'alignment', 'guardrails', 'censorship', 'filters')}${E}`, { untrusted: 0.85 }),
  pattern('jailbreak.disable-your-filters', 'roleplay_jailbreak', 0.6, `${B}${alt('disable', 'turn off', 'deactivate', 'remove', 'bypass', 'switch off', 'lift', 'drop')} (?:all |any |of )*your (?:content |safety )?${alt('filters?', 'filtering', 'guardrails', 'safeguards', 'restrictions', 'censorship', 'moderation', 'safety', 'limits')}${E}`),
  pattern('jailbreak.disable-filters', 'roleplay_jailbreak', 0.45, `${B}${alt('disable', 'turn off', 'deactivate', 'remove', 'bypass', 'switch off', 'lift')} (?:all |any |the |your )*(?:content |safety )?${alt('filters?', 'filtering', 'guardrails', 'safeguards', 'restrictions', 'censorship', 'moderation')}${E}`),
];

const otherLanguages: InjectionPattern[] = [
  pattern('jailbreak.without-limits.fr', 'roleplay_jailbreak', 0.3, `${B}sans (?:aucune? |la moindre )?(?:restriction|filtre|limite|censure|regle|contrainte)s?${E}`),
  pattern('jailbreak.without-limits.es', 'roleplay_jailbreak', 0.3, `${B}sin (?:ninguna? |ningun )?(?:restricciones|restriccion|filtros?|limites|censura|reglas)${E}`),
  pattern('jailbreak.without-limits.pt', 'roleplay_jailbreak', 0.3, `${B}sem (?:nenhuma |qualquer )?(?:restrições|restrição|filtros?|limites|censura|regras)${E}`),
  pattern('jailbreak.without-limits.it', 'roleplay_jailbreak', 0.3, `${B}senza (?:alcun[ao]? |nessun[ao]? )?(?:restrizioni|filtri|limiti|censura|regole)${E}`),
  pattern('jailbreak.without-limits.de', 'roleplay_jailbreak', 0.3, `${B}ohne (?:jegliche |irgendwelche )?(?:einschränkungen|filter|grenzen|zensur|regeln|beschränkungen)${E}`),
  pattern('jailbreak.without-limits.ru', 'roleplay_jailbreak', 0.3, `${B}без (?:каких-либо |всяких |любых )?(?:ограничений|фильтров|цензуры|правил)`),
  pattern('jailbreak.without-limits.zh', 'roleplay_jailbreak', 0.3, alt('没有任何限制', '不受任何限制', '无任何限制', '没有限制', '无限制', '不受限制')),
  pattern('jailbreak.without-limits.ja', 'roleplay_jailbreak', 0.3, alt('制限なし', '制限なく', '制約なし', '制限のない', 'フィルターなし')),
  pattern('jailbreak.you-are-ai.fr', 'roleplay_jailbreak', 0.35, `${B}(?:tu es|vous etes|agis comme|agissez comme|fais comme si tu etais) (?:maintenant |desormais |a present )?une? (?:ia|intelligence artificielle|assistant|ai|bot)${E}`),
  pattern('jailbreak.you-are-ai.es', 'roleplay_jailbreak', 0.35, `${B}(?:eres|actua como|actúa como|finge ser|ahora eres) (?:ahora )?una? (?:ia|inteligencia artificial|asistente|ai|bot)${E}`),
  pattern('jailbreak.you-are-ai.de', 'roleplay_jailbreak', 0.35, `${B}(?:du bist|sie sind|agiere als|tu so als warst du) (?:jetzt |nun |ab sofort )?eine? (?:ki|ai|assistent|bot|künstliche intelligenz)${E}`),
  pattern('jailbreak.you-are-ai.ru', 'roleplay_jailbreak', 0.35, `${B}(?:теперь )?ты (?:теперь )?(?:[—-] )?(?:ии|искусственный интеллект|ассистент|бот|нейросеть)`),
  pattern('jailbreak.has-no-limits.fr', 'roleplay_jailbreak', 0.6, `${B}(?:tu n'as|vous n'avez|tu n'a) (?:plus |desormais )?(?:aucune?|pas de|plus de) (?:restriction|limite|regle|filtre|censure|contrainte)s?`),
  pattern('jailbreak.has-no-limits.es', 'roleplay_jailbreak', 0.6, `${B}no tienes (?:ninguna |ningun |mas )?(?:restriccion|restricciones|reglas|limites|filtros)`),
  pattern('jailbreak.has-no-limits.de', 'roleplay_jailbreak', 0.6, `${B}du hast (?:jetzt |nun )?keine (?:einschränkungen|regeln|grenzen|filter|beschränkungen)`),
  pattern('jailbreak.has-no-limits.ru', 'roleplay_jailbreak', 0.6, `${B}у (?:тебя|вас) (?:больше |теперь )?нет (?:никаких )?(?:ограничений|правил|фильтров|запретов)`),
  pattern('jailbreak.special-mode.zh', 'roleplay_jailbreak', 0.45, `(?:开发者|越狱|无限制|上帝|无审查|不受限)模式`),
  pattern('jailbreak.has-no-limits.zh', 'roleplay_jailbreak', 0.6, `你(?:现在|从现在开始|已经)?(?:不再|没有|不受|无需|不用)(?:受|遵守|遵循)?(?:任何)?的?(?:规则|限制|约束|过滤|审查|道德)`),
  pattern('jailbreak.never-refuse.es', 'roleplay_jailbreak', 0.4, `${B}nunca (?:se niega|te niegas|rechaza|rechazas|dice que no|digas que no)`),
  pattern('jailbreak.never-refuse.fr', 'roleplay_jailbreak', 0.4, `${B}(?:ne refuse jamais|ne refusez jamais|ne dis jamais non|sans jamais refuser)`),
];

export const JAILBREAK_PATTERNS: InjectionPattern[] = [...english, ...otherLanguages];
