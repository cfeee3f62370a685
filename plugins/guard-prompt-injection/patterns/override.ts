import { alt, B, E, type InjectionPattern, LETTER, pattern } from './pattern.js';

/** "Ignore all previous instructions" and its paraphrases, in English and other languages. */

const CORE_VERB = alt(
  'ignore', 'ignoring', 'ignores', 'disregard', 'disregarding', 'forget', 'forgetting', 'overlook', 'override', 'overriding',
  'bypass', 'bypassing', 'abandon', 'dismiss', 'neglect', 'set aside', 'put aside', 'pay no (?:attention|heed|mind) to',
  "(?:do not|don't|dont|never) (?:follow|obey|heed|listen to|comply with|adhere to|respect)",
  'stop (?:following|obeying|listening to)', 'never mind', 'nevermind', 'no longer (?:follow|obey)',
  "(?:don't|do not|dont) (?:bother|worry) (?:with|about)",
);
const WEAK_VERB = alt('drop', 'discard', 'delete', 'erase', 'scrap', 'ditch', 'throw (?:away|out)', 'cancel', 'void', 'skip', 'clear', 'reset', 'remove', 'forgo');
const STRONG = alt(
  'previous', 'previously', 'prior', 'above', 'earlier', 'preceding', 'foregoing', 'former', 'initial', 'original', 'existing',
  'current', 'system', 'developer', 'safety', 'given', 'default', 'preset', 'built-?in', 'hidden', 'underlying', 'core',
  'preloaded', 'programmed', 'all', 'any', 'every', 'your', 'those', 'these', 'such',
);
const MODIFIER = alt(STRONG, 'of', 'the', 'this', 'that', 'each', 'other', 'old', 'older', 'whole', 'entire', 'first', 'and', 'or', 'standing');
const INSTRUCTION = alt(
  'instructions?', 'instruction set', 'directions', 'directives?', 'rules?', 'guidelines?', 'guidance', 'prompts?', 'commands?',
  'orders', 'constraints?', 'restrictions?', 'programming', 'polic(?:y|ies)', 'training', 'boundaries', 'limitations', 'safeguards',
  'guardrails', 'principles', 'ethics', 'morals', 'parameters', 'protocols?',
);
const GENERIC = alt(
  'context', 'messages?', 'conversation', 'text', 'content', 'input', 'information', 'requests?', 'tasks?', 'objectives?',
  'settings', 'configuration', 'everything', 'anything', 'stuff', 'things', 'words',
);
/** "models sometimes ignore system prompts" describes; it does not command. */
const NOT_DESCRIBED = "(?<!(?:models?|llms?|they|it|he|she|people|users|attackers|hackers|sometimes|often|usually|always|can|could|may|might|will|would|does|did|who|which|that|bots?|assistants?|ais?|systems?) )";
/** "my previous instructions" is the caller retracting their own words, not an attack. */
const NOT_OWN = "(?!(?:[^ ]+ ){0,3}(?:my|our|mine) )";
const VOIDED = alt(
  'cancel+ed', 'void', 'null(?: and void)?', 'revoked', 'a test', 'fake', 'false', 'obsolete', 'outdated', 'invalid', 'lifted',
  'suspended', 'overridden', 'overruled', 'replaced', 'superseded', 'deprecated', 'irrelevant', 'wrong', 'deleted', 'removed',
  'no longer (?:valid|apply|applicable|in effect|relevant|active)', 'not (?:valid|applicable|real|meant for you)',
  'a mistake', 'an error', 'mistaken', 'a joke', 'a trick', 'a prank',
);
const TOLD = alt(
  "you(?:'ve| have| were| had| was| are)? ?(?:been )?(?:told|taught|instructed|programmed|given|trained|asked|shown|read|seen|heard|received|got)",
  '(?:was|is|has been|i) (?:said|written|stated|told you|mentioned|given)',
  '(?:written |said |stated )?(?:above|before|previously|earlier|so far|until now|up to (?:now|this point|here))',
);

const english: InjectionPattern[] = [
  pattern('override.instructions', 'instruction_override', 0.85, `${B}${NOT_DESCRIBED}${CORE_VERB} ${NOT_OWN}(?:${MODIFIER} ){0,3}${STRONG} (?:${MODIFIER} ){0,3}${INSTRUCTION}${E}`, { untrusted: 0.9 }),
  pattern('override.own-instructions', 'instruction_override', 0.15, `${B}${CORE_VERB} (?:${MODIFIER} ){0,2}(?:my|our) (?:${MODIFIER} ){0,2}${INSTRUCTION}${E}`, { untrusted: 0.5 }),
  pattern('override.context', 'instruction_override', 0.6, `${B}${NOT_DESCRIBED}${CORE_VERB} ${NOT_OWN}(?:${MODIFIER} ){0,3}${STRONG} (?:${MODIFIER} ){0,3}${GENERIC}${E}`, { untrusted: 0.75 }),
  pattern('override.weak-verb', 'instruction_override', 0.45, `${B}${WEAK_VERB} ${NOT_OWN}(?:${MODIFIER} ){0,3}${STRONG} (?:${MODIFIER} ){0,3}${INSTRUCTION}${E}`, { untrusted: 0.7 }),
  pattern('override.the-instructions', 'instruction_override', 0.3, `${B}${CORE_VERB} (?:the |this |that |these |those )?${INSTRUCTION}${E}`, { untrusted: 0.5 }),
  pattern('override.instructions-above', 'instruction_override', 0.8, `${B}${alt(CORE_VERB, WEAK_VERB)} (?:the |all |any |these |those )?(?:of )?(?:the )?${INSTRUCTION} (?:${alt('above', 'before (?:this|mine|my message)', 'so far', 'until now', 'up to (?:now|here|this point)', 'given (?:above|earlier|before|previously)', 'earlier', 'previously', 'preceding this')})`, { untrusted: 0.85 }),
  pattern('override.everything-told', 'instruction_override', 0.8, `${B}${alt(CORE_VERB, WEAK_VERB)} (?:about )?${alt('everything', 'all', 'anything', 'whatever')} (?:that |which )?${TOLD}`, { untrusted: 0.85 }),
  pattern('override.what-you-were-told', 'instruction_override', 0.75, `${B}${CORE_VERB} what ${alt("you(?:'ve| have| were| had)? (?:been )?(?:told|taught|instructed|programmed|trained)", 'your (?:instructions|rules|programming|prompt) (?:say|said|tell|told)')}`, { untrusted: 0.8 }),
  pattern('override.given-to-you', 'instruction_override', 0.4, `${alt('instructions?', 'rules?', 'guidelines', 'restrictions', 'constraints', 'directives?', 'programming')} (?:that |which )?${alt("you(?:'ve| have| were| had)? ?(?:been )?(?:given|told|taught|programmed|trained|provided|fed)", 'you (?:got|received|had|have|follow)', '(?:given|provided|told) to you', 'you (?:are|were) (?:following|running|using|operating under)')}${E}`, { untrusted: 0.5 }),
  pattern('override.declared-void', 'instruction_override', 0.8, `${B}${alt('previous', 'prior', 'above', 'earlier', 'old', 'original', 'initial', 'system', 'existing', 'all', 'your')} (?:[^\\s.!?;:]+ ){0,2}${alt('instructions?', 'directions', 'rules?', 'guidance', 'directives?', 'prompts?', 'guidelines', 'constraints', 'restrictions', 'orders', 'commands', 'context', 'messages?', 'programming')} ${alt('are', 'is', 'were', 'was', 'have been', 'has been', 'will be')} (?:now |hereby |officially |all |therefore )?(?:and (?:are )?now )?${VOIDED}`, { untrusted: 0.85 }),
  pattern('override.above-void', 'instruction_override', 0.8, `${B}${alt('everything', 'all', 'anything', 'text', 'instructions?', 'rules', 'messages?')} (?:written |said |stated |given )?(?:above|before|prior to) ${alt('this', 'here', 'my message', 'this point')}(?: line| point| message)? ${alt('is', 'are', 'was', 'were', 'has been', 'have been')} (?:now )?${VOIDED}`, { untrusted: 0.85 }),
  pattern('override.new-instructions', 'instruction_override', 0.4, `${B}new ${alt('system ', 'updated ', 'real ', 'actual ', 'important ', 'priority ')}?${alt('instructions?', 'directives?', 'rules?', 'polic(?:y|ies)', 'tasks?', 'orders', 'objectives?', 'system prompt', 'guidelines', 'mission')}(?: for (?:the |you|ai|llm)[a-z ]{0,12}?)? ?[:\\u2014\\u2013-]`, { untrusted: 0.6 }),
  pattern('override.your-real-task', 'instruction_override', 0.55, `${B}your ${alt('new', 'real', 'actual', 'true', 'updated')} ${alt('instructions?', 'task', 'job', 'purpose', 'goal', 'objective', 'role', 'directive', 'mission', 'rules?', 'orders?', 'function', 'priority')}(?: now)? ${alt('is', 'are', 'will be', 'becomes', 'shall be')}`, { untrusted: 0.65 }),
  pattern('override.your-only-task', 'instruction_override', 0.3, `${B}your ${alt('only', 'sole', 'primary', 'main', 'next')} ${alt('task', 'job', 'purpose', 'goal', 'objective', 'directive', 'mission', 'function')}(?: now)? ${alt('is', 'will be', 'becomes')}`, { untrusted: 0.45 }),
  pattern('override.obey-only-me', 'instruction_override', 0.35, alt('(?:obey|follow|listen to|answer to) only (?:me|my|what comes next|the following|these)', 'only (?:obey|follow|listen to|answer to) (?:me|my)', 'you (?:now )?(?:obey|serve|work for|answer to) (?:me|only me)'), { untrusted: 0.5 }),
  pattern('override.claimed-authority', 'instruction_override', 0.35, alt("i(?:'m| am) (?:from|with|on|part of) (?:the )?(?:openai|anthropic|google|microsoft|meta|safety|security|trust (?:and|&) safety|red team|alignment|moderation|developer|engineering|admin|it) (?:safety |security |red |trust |alignment |moderation )?(?:team|department|staff|group)", "i(?:'m| am) (?:now )?(?:your|the) (?:new )?(?:administrator|admin|developer|creator|owner|operator|master|programmer|maker|supervisor)", "i(?:'m| am) the (?:engineer|developer|person|one) who (?:wrote|built|made|created|programmed|trained|designed) (?:you|your)"), { untrusted: 0.5 }),
  pattern('override.void-any-subject', 'instruction_override', 0.35, `${B}(?:${alt('instructions?', 'guidelines', 'guidance', 'directives?', 'system prompt', 'programming', 'restrictions', 'constraints', 'safety (?:rules|filters?|layer|settings|measures)', 'your rules', 'rules you', 'content polic(?:y|ies)')})(?: [^\\s.!?;:]+){0,5} (?:${alt('are', 'is', 'were', 'was', 'have been', 'has been')} (?:now |hereby |temporarily |officially )?${alt(VOIDED, 'suspended', 'offline', 'disabled', 'paused', 'off', 'turned off', 'switched off', 'inactive', 'waived')}|${alt("don't", 'do not', "doesn't", 'does not', 'no longer', 'now no longer')} (?:count|apply|matter|hold|exist)(?: anymore| any more)?)${E}`, { untrusted: 0.6 }),
  pattern('override.attributed-rules', 'instruction_override', 0.35, `${B}${alt('instructions?', 'rules', 'guidelines', 'directives', 'restrictions', 'prompt')} (?:you (?:got|received|were given) )?(?:from|given by|set by|written by|of) (?:the |your )?${alt('company', 'developers?', 'creators?', 'operators?', 'openai', 'anthropic', 'google', 'system', 'admins?', 'administrators?', 'owners?', 'makers', 'programmers')}${E}`, { untrusted: 0.45 }),
  pattern('override.follow-mine', 'instruction_override', 0.3, `${B}(?:follow|obey|use|listen to) (?:mine|my (?:instructions|rules|orders|commands)(?: instead)?|only mine)${E}`, { untrusted: 0.45 }),
  pattern('override.the-above', 'instruction_override', 0.6, `${B}${CORE_VERB} (?:all |everything )?(?:of )?(?:the |what'?s |what is |everything )?(?:above|before this|preceding)(?: (?:text|content|instructions|prompt|message|messages|lines))?(?:,| and| then|\\.|;|$)`, { untrusted: 0.75 }),
  pattern('override.pwned-marker', 'instruction_override', 0.4, alt("(?:i have been|i've been|you have been|you've been) (?:pwned|hacked|compromised|jailbroken)", `say ['"]?(?:pwned|hacked|jailbroken)${E}`)),
  pattern('override.updated-instructions-now', 'instruction_override', 0.35, `${B}(?:i(?:'m| am) )?(?:giving|sending|providing) you (?:new|updated|different|fresh) (?:ones|instructions|rules|orders|directives)`, { untrusted: 0.5 }),
  pattern('override.use-these', 'instruction_override', 0.35, `${B}(?:go with|use|follow|apply|obey) these(?: instead| ones| new ones| instructions| rules| directions)? ?(?:instead)? ?[:\\u2014-]`, { untrusted: 0.5 }),
  pattern('override.disregard-that', 'instruction_override', 0.35, `${B}(?:disregard|ignore|forget|scratch) (?:that|this|it|all that)[.,;!]? (?:instead|now|rather|new plan)${E}`, { untrusted: 0.5 }),
  pattern('override.the-request', 'instruction_override', 0.2, `${B}${CORE_VERB} (?:the |this |your |any )?(?:${alt("user'?s?", "human'?s?", "customer'?s?", 'original', 'actual', 'real')} )?${alt('request', 'question', 'query', 'task', 'transcript', 'document', 'email', 'page', 'article', 'summary request', 'input')}${E}`, { untrusted: 0.55 }),
];

interface Language {
  lang: string;
  verbs: string;
  /** Words that may stand between the verb and the noun. */
  modifiers: string;
  /** Modifiers that make the object someone else's instructions (all, your, previous…). */
  strong: string;
  nouns: string;
  /** Qualifiers written after the noun (French, Spanish, Portuguese, Italian). */
  after?: string;
}

function languagePatterns({ lang, verbs, modifiers, strong, nouns, after }: Language): InjectionPattern[] {
  const mod = `(?:${modifiers}(?: |(?<=')))`;
  const patterns = [
    pattern(`override.instructions.${lang}`, 'instruction_override', 0.85, `${B}${verbs} ${mod}{0,3}${strong} ${mod}{0,2}${nouns}`, { untrusted: 0.9 }),
  ];
  if (after) {
    patterns.push(pattern(`override.instructions-after.${lang}`, 'instruction_override', 0.85, `${B}${verbs} ${mod}{0,3}${nouns} ${after}`, { untrusted: 0.9 }));
  }
  return patterns;
}

const languages: Language[] = [
  {
    lang: 'fr',
    verbs: alt('ignore[sz]?', 'ignorer', 'oublie[sz]?', 'oublier', 'ne tiens? pas compte', 'ne tenez pas compte', 'ne prends? pas en compte', 'ne prenez pas en compte', 'fais abstraction', 'faites abstraction', 'laisse[sz]? tomber', 'outrepasse[sz]?', 'contourne[sz]?', 'passe[sz]? outre', "n'obeis plus a", 'ne suis plus', 'ne respecte plus'),
    modifiers: alt('toutes?', 'tous', 'les', 'tes', 'vos', 'ton', 'votre', 'ces', 'la', 'le', 'des', 'de', 'du', 'aux', "l'", "d'"),
    strong: alt('toutes?', 'tous', 'tes', 'vos', 'ton', 'votre'),
    nouns: alt('instructions?', 'consignes?', 'regles?', 'directives?', 'indications?', 'ordres', 'contraintes', 'restrictions', 'prompts?', 'parametres'),
    after: alt('precedentes?', 'anterieures?', 'ci-dessus', 'initiales?', "d'origine", 'originales?', 'du systeme', 'systeme', 'actuelles?', 'donnees', 'recues'),
  },
  {
    lang: 'es',
    verbs: alt('ignora', 'ignore', 'ignorad', 'ignoren', 'olvida', 'olvide', 'olvidad', 'olviden', 'olvidate de', 'descarta', 'descarte', 'omite', 'omita', 'no sigas', 'no siga', 'no hagas caso (?:a|de)', 'haz caso omiso (?:a|de)', 'pasa por alto'),
    modifiers: alt('todas?', 'todos', 'las', 'los', 'tus', 'sus', 'la', 'el', 'tu', 'su', 'estas', 'esas', 'de', 'del', 'a'),
    strong: alt('todas?', 'todos', 'tus', 'sus', 'tu', 'su'),
    nouns: alt('instrucciones', 'instruccion', 'indicaciones', 'reglas', 'directrices', 'directivas', 'ordenes', 'normas', 'restricciones', 'pautas', 'prompt', 'limitaciones'),
    after: alt('anteriores', 'previas', 'de arriba', 'iniciales', 'del sistema', 'originales', 'precedentes', 'de antes', 'dadas', 'actuales'),
  },
  {
    lang: 'pt',
    verbs: alt('ignore', 'ignora', 'ignorem', 'esqueça', 'esquece', 'esqueçam', 'desconsidere', 'desconsidera', 'descarte', 'não siga', 'não obedeça', 'deixe de lado'),
    modifiers: alt('todas?', 'todos', 'as', 'os', 'suas?', 'seus?', 'tuas?', 'teus?', 'essas', 'estas', 'de', 'das', 'dos'),
    strong: alt('todas?', 'todos', 'suas?', 'seus?', 'tuas?', 'teus?'),
    nouns: alt('instruções', 'instrução', 'regras', 'diretrizes', 'ordens', 'orientações', 'restrições', 'prompt', 'limitações'),
    after: alt('anteriores', 'prévias', 'acima', 'iniciais', 'do sistema', 'originais', 'dadas', 'atuais'),
  },
  {
    lang: 'it',
    verbs: alt('ignora', 'ignorate', 'ignori', 'dimentica', 'dimenticate', 'dimentichi', 'trascura', 'tralascia', 'non seguire', 'non rispettare', 'lascia perdere'),
    modifiers: alt('tutte', 'tutti', 'le', 'i', 'gli', 'tue', 'tuoi', 'sue', 'suoi', 'la', 'il', 'queste', 'delle', 'di'),
    strong: alt('tutte', 'tutti', 'tue', 'tuoi', 'sue', 'suoi'),
    nouns: alt('istruzioni', 'regole', 'direttive', 'indicazioni', 'ordini', 'restrizioni', 'linee guida', 'prompt', 'limitazioni'),
    after: alt('precedenti', 'di prima', 'sopra', 'iniziali', 'del sistema', 'originali', 'ricevute', 'che ti sono state date'),
  },
  {
    lang: 'de',
    verbs: alt('ignoriere', 'ignorier', 'ignoriert', 'ignorieren sie', 'vergiss', 'vergesst', 'vergessen sie', 'missachte', 'missachtet', 'missachten sie', 'überspringe', 'verwirf', 'befolge nicht mehr'),
    modifiers: alt('alle', 'alles', 'die', 'deine', 'deinen', 'dein', 'ihre', 'ihren', 'sämtliche', 'jegliche', 'diese', 'der', 'den', 'vorherigen', 'vorigen', 'bisherigen', 'früheren', 'obigen', 'vorangegangenen', 'ursprünglichen', 'anfänglichen', 'alten', 'gegebenen', 'aktuellen'),
    strong: alt('alle', 'deine', 'deinen', 'dein', 'ihre', 'ihren', 'sämtliche', 'jegliche', 'vorherigen', 'vorigen', 'bisherigen', 'früheren', 'obigen', 'vorangegangenen', 'ursprünglichen', 'anfänglichen', 'gegebenen'),
    nouns: alt('anweisungen', 'anweisung', 'instruktionen', 'regeln', 'vorgaben', 'befehle', 'richtlinien', 'vorschriften', 'einschränkungen', 'beschränkungen', 'systemanweisungen', 'systemprompt', 'prompt'),
  },
  {
    lang: 'nl',
    verbs: alt('negeer', 'negeert', 'vergeet', 'volg niet', 'volg geen'),
    modifiers: alt('alle', 'de', 'je', 'jouw', 'uw', 'die', 'deze', 'al', 'vorige', 'eerdere', 'voorgaande', 'bovenstaande', 'oorspronkelijke', 'originele', 'huidige'),
    strong: alt('alle', 'je', 'jouw', 'uw', 'vorige', 'eerdere', 'voorgaande', 'bovenstaande', 'oorspronkelijke', 'originele'),
    nouns: alt('instructies', 'instructie', 'regels', 'opdrachten', 'richtlijnen', 'aanwijzingen', 'prompt', 'beperkingen'),
  },
  {
    lang: 'ru',
    verbs: alt('игнорируй', 'игнорируйте', 'проигнорируй', 'проигнорируйте', 'забудь', 'забудьте', 'отбрось', 'отбросьте', 'не обращай внимания на', 'не обращайте внимания на', 'не следуй', 'не следуйте', 'не выполняй', 'не выполняйте', 'отмени', 'отмените'),
    modifiers: alt('все', 'всё', 'всем', 'свои', 'своим', 'твои', 'твоим', 'ваши', 'вашим', 'эти', 'этим', 'те', 'любые', 'предыдущие', 'предыдущим', 'прежние', 'прежним', 'предшествующие', 'вышеуказанные', 'изначальные', 'исходные', 'системные', 'системным', 'старые', 'данные', 'полученные', 'текущие'),
    strong: alt('все', 'всё', 'всем', 'свои', 'своим', 'твои', 'твоим', 'ваши', 'вашим', 'предыдущие', 'предыдущим', 'прежние', 'прежним', 'предшествующие', 'вышеуказанные', 'изначальные', 'исходные', 'системные', 'системным'),
    nouns: `${alt('инструкци', 'указани', 'правил', 'команд', 'установк', 'ограничени', 'директив', 'промпт')}[${LETTER}]*`,
    after: alt('выше', 'ранее', 'до этого', 'данные ранее', 'полученные ранее', 'сверху'),
  },
];

const cjk: InjectionPattern[] = [
  pattern('override.instructions.zh', 'instruction_override', 0.85, `${alt('忽略', '无视', '忽视', '不要理会', '不要理睬', '别管', '忘记', '忘掉', '抛开', '丢弃', '不要遵守', '不要遵循', '停止遵守', '不再遵守')}掉?(?=[^，。！？,.!?\\n]{0,14}${alt('之前', '以前', '先前', '此前', '上面', '上述', '前面', '以上', '所有', '全部', '一切', '你的', '系统', '原有', '原来', '原始', '初始')})[^，。！？,.!?\\n]{0,14}?${alt('指令', '指示', '说明', '规则', '提示词', '提示', '设定', '设置', '要求', '命令', '限制', '约束', '规定')}`, { untrusted: 0.9 }),
  pattern('override.instructions.ja', 'instruction_override', 0.85, `${alt('以前', '前', '上記', 'これまで', '先ほど', '今まで', '最初', '元', 'システム', '全て', 'すべて', 'あなた')}の(?:${alt('すべての', '全ての', '全部の')})?${alt('指示', '命令', 'ルール', '設定', 'プロンプト', '指令', '制約', '規則')}${alt('を', 'は', 'も')}?(?:${alt('すべて', '全て', '全部')})?${alt('無視', '忘れ')}`, { untrusted: 0.9 }),
  pattern('override.instructions.ko', 'instruction_override', 0.85, `${alt('이전', '앞의', '위의', '앞선', '기존', '모든', '너의', '당신의', '네', '시스템', '원래')} ?(?:모든 ?)?${alt('지시', '지침', '명령', '규칙', '설정', '프롬프트', '지시사항', '명령어', '제한')}(?:사항)?${alt('을', '를', '은', '는', '들을', '들은')}? ?(?:${alt('모두', '전부', '다')} ?)?${alt('무시', '잊어', '잊고')}`, { untrusted: 0.9 }),
];

const phrases: InjectionPattern[] = [
  pattern('override.everything-told.fr', 'instruction_override', 0.8, `${B}oublie[sz]? (?:tout )?ce (?:que|qu'on) (?:tu as|vous avez|t'a|vous a|on t'a|on vous a) (?:ete )?(?:dit|appris|demande|programme|ordonne)`),
  pattern('override.everything-told.de', 'instruction_override', 0.8, `${B}${alt('ignoriere', 'vergiss', 'vergessen sie', 'ignorieren sie')} alles,? was (?:dir |ihnen )?(?:vorher|zuvor|oben|bisher|davor) (?:gesagt|geschrieben|befohlen|aufgetragen)`),
];

export const OVERRIDE_PATTERNS: InjectionPattern[] = [...english, ...languages.flatMap(languagePatterns), ...cjk, ...phrases];
