import { alt, B, E, type InjectionPattern, pattern } from './pattern.js';

/**
 * Instructions smuggled into tool results and retrieved documents: text that addresses the model
 * instead of the reader, tries to move data out, hides itself from the user or drives tools. A
 * caller may legitimately talk to "the assistant", so these weigh little in text the caller wrote
 * and a lot where the caller did not write the text.
 */

const MODEL = alt('ai', 'a\\.i\\.', 'llm', 'llms', 'large language models?', 'language models?', 'assistants?', 'chatbots?', 'chat bots?', 'bots?', 'agents?', 'models?', 'gpt', 'chatgpt', 'claude', 'gemini', 'copilot', 'summari[sz]ers?', 'crawlers?', 'scrapers?', 'automated (?:agents?|systems?|assistants?|tools?|readers?)', 'ai-powered \\w+');
const MODEL_NOUN = `${MODEL}(?: (?:\\w+ )?(?:agents?|assistants?|models?|systems?|bots?))?`;
/** "Agent:" and "Bot:" also label human agents and chat widgets in transcripts; a colon after them is weaker evidence. */
const MODEL_SPEAKER = `${alt('ai', 'a\\.i\\.', 'llm', 'assistant', 'chatgpt', 'gpt', 'claude', 'gemini', 'copilot', 'language model', 'ai \\w+')}(?: (?:\\w+ )?(?:agents?|assistants?|models?|systems?|bots?))?`;
const SECRETS = alt(
  'conversation', 'chat(?: history| log)?', 'messages?', 'history', 'context', 'memory', 'emails?', 'data', 'information', 'details',
  'credentials', 'passwords?', 'api ?keys?', 'tokens?', 'secrets?', 'system prompt', 'files?', 'contacts', 'attendee list',
  'personal data', 'card numbers?', 'credit card(?: numbers?)?', 'address book', 'documents?', 'dms', 'direct messages', 'inbox', 'notes',
  '(?:customer |user |client )?records', 'database', 'keys', 'location', 'address', 'phone numbers?', 'ip address', 'cookies', 'session',
);
const DESTINATION = alt('https?://', 'www\\.', '[\\w.+-]+@', '[\\w-]+\\.(?:example|com|net|org|io|ru|xyz|site|info)', 'the (?:following|this) (?:url|address|endpoint|email|server)', 'an? (?:external|outside|remote|third-party)', '(?:a |the )?public (?:bucket|repo|repository|channel|url|link|page|server|folder|drive)', '\\w+_\\w+');

export const INDIRECT_PATTERNS: InjectionPattern[] = [
  pattern('indirect.note-to-model', 'indirect_injection', 0.15, `${B}(?:note|message|instructions?|directives?|attention|notice|reminder|p\\.?s\\.?|important|warning|memo|request|command|orders?|hint)s?,? (?:for|to) (?:the |any |all |whatever |every |you )?${MODEL_NOUN}${E}`, { untrusted: 0.55 }),
  pattern('indirect.hey-model', 'indirect_injection', 0.15, `${B}(?:attention|hey|hi|dear|listen|calling)[,:]? (?:the |all |any )?${MODEL_NOUN}[,:!]`, { untrusted: 0.5 }),
  pattern('indirect.if-you-are-a-model', 'indirect_injection', 0.25, `${B}(?:if you are|if you're|as an?|to any|any|every|all|whatever|to the|dear) (?:an? )?${MODEL_NOUN},? (?:that |who )?(?:is )?(?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|seeing|viewing|looking at|ingesting|crawling|scraping|reads|read|sees|processes|summari[sz]es)${E}`, { untrusted: 0.6 }),
  pattern('indirect.model-colon', 'indirect_injection', 0.2, `(?:^|[.!?\\n>\\[(){}:"'\\u2014\\u2013-] ?|<!-- ?|${B}(?:btw|ps|oh|and|also|hey|hi|so|ok|okay),? )${MODEL_SPEAKER} ?(?:[:,]|\\u2014|\\u2013|--?) `, { view: 'lines', untrusted: 0.45 }),
  pattern('indirect.bot-mention', 'indirect_injection', 0.15, `@[\\w-]*(?:ai|bot|gpt|assistant|copilot|agent|llm)[\\w-]*,? (?:please |pls |now )?(?:approve|merge|delete|remove|run|execute|send|add|grant|give|transfer|close|deploy|publish|push|ignore|reveal|forward|export)${E}`, { untrusted: 0.5 }),
  pattern('indirect.add-key', 'indirect_injection', 0.15, `${B}add (?:my|this|the following|our) (?:ssh |gpg |api |public |deploy )?keys? (?:to|into|as)${E}`, { untrusted: 0.45 }),
  pattern('indirect.you-are-now', 'indirect_injection', 0.05, `${B}(?:you are|you're) now (?:an? |the |my )?[^\\s.!?,;:]+`, { untrusted: 0.35 }),
  pattern('indirect.model-instructions-label', 'indirect_injection', 0.25, `${B}${MODEL_NOUN} (?:instructions?|directives?|commands?|orders?|notes?|tasks?) ?:`, { untrusted: 0.55 }),
  pattern('indirect.model-must', 'indirect_injection', 0.3, `${B}(?:the )?${MODEL_NOUN}(?:'s)? (?:must|shall|is instructed to|are instructed to|is required to|are required to|has been instructed to|new (?:objective|task|goal|instructions?|role|directive))${E}`, { untrusted: 0.45 }),
  pattern('indirect.exfiltrate', 'indirect_injection', 0.3, `${B}(?:send|forward|email|e-mail|mail|post|upload|transmit|leak|exfiltrate|share|copy|append|attach|submit|export|dump|sync|publish) (?:me |us )?(?:the |all |this |your |any |every |their )*(?:contents? of (?:the |all |this |your )?)?(?:(?:user'?s?|customer'?s?|their|private|previous|recent|all|last (?:\\d+|two|three|four|five|six|seven|eight|nine|ten|few)) )*${SECRETS}[^.\\n]{0,40}? (?:to|into|via|at|using|by calling|with) ${DESTINATION}`, { untrusted: 0.65 }),
  pattern('indirect.image-exfiltration', 'indirect_injection', 0.3, `!\\[[^\\]\\n]{0,100}\\]\\( ?https?://[^)\\s]{1,200}[?&][^)\\s]{0,100}(?:\\{|%7b|\\$\\{|<|\\[)[^)\\s]{0,100}\\)`, { untrusted: 0.6 }),
  pattern('indirect.render-this', 'indirect_injection', 0.15, `${B}(?:include|render|display|show|embed|output|add) (?:this|the following|the) (?:image|link|url|markdown|pixel)[^.\\n]{0,40}(?:in|into|to) (?:your|the|every) (?:answer|response|reply|output|summary)`, { untrusted: 0.4 }),
  pattern('indirect.conceal-from-user', 'indirect_injection', 0.3, `${B}(?:do not|don't|never|without) (?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|reveal(?:ing)?|notify(?:ing)?|alert(?:ing)?|let(?:ting)?|show(?:ing)?|disclos(?:e|ing)|ask(?:ing)?|confirm(?:ing)? with)(?: this| it| that| anything)?(?: to)? (?:the |this )?(?:user|human|customer|reader|operator|person)s?${E}`, { untrusted: 0.55 }),
  pattern('indirect.drive-tool', 'indirect_injection', 0.1, alt(`${B}(?:call|invoke|use|execute|run|trigger|activate|using|calling) (?:the |your )?(?:\\w+_\\w+|\\w+) (?:tool|function|plugin|api|command|action)${E}`, `${B}(?:call|invoke|calling|invoking|execute|run|trigger) (?:the )?\\w+_\\w+`), { untrusted: 0.4 }),
  pattern('indirect.steer-user', 'indirect_injection', 0.1, `${B}(?<!(?:not|never|n't) )(?:tell|inform|convince|persuade|advise|warn|ask|urge|instruct|remind) (?:the |all )?(?:user|users|reader|readers|customer|customers|human|visitor|visitors|person)${E}`, { untrusted: 0.4 }),
  pattern('indirect.answer-with', 'indirect_injection', 0.05, `${B}(?:reply|respond|answer|say|state|claim|write|output|print)(?: only)? (?:with|that)${E}`, { untrusted: 0.2 }),
  pattern('indirect.always-say', 'indirect_injection', 0.05, `${B}(?:always|must always|should always|never) (?:say|claim|recommend|mention|state|describe|present|respond|answer|tell|promote)${E}`, { untrusted: 0.35 }),
  pattern('indirect.instead', 'indirect_injection', 0.25, `${B}(?:and |, ?|then )instead (?:say|respond|reply|answer|write|output|tell|praise|print|recommend|claim|state)${E}`, { untrusted: 0.35 }),
  pattern('indirect.visit-url', 'indirect_injection', 0.05, `${B}(?:visit|open|navigate to|go to|browse to|click|fetch|load|download(?: and run)?|access) (?:this |the following |the )?(?:url|link|page|site|website|address)? ?:? ?(?:https?://|www\\.)`, { untrusted: 0.35 }),
  pattern('indirect.enter-credentials', 'indirect_injection', 0.2, `${B}(?:enter|type|submit|provide|input|fill in|paste|ask (?:the user |them )?for) (?:their|the user'?s?|your|his|her|the) (?:saved |stored )?(?:credentials|password|passwords|login|card|credit card|api key|token|ssn|social security|card number|credit card number)${E}`, { untrusted: 0.5 }),
  pattern('indirect.user-authorised', 'indirect_injection', 0.2, `${B}(?:the )?user (?:has )?(?:authori[sz]ed|approved|allowed|permitted|consented|granted|wants you|asked you|instructed you|requested that you)${E}`, { untrusted: 0.5 }),
  pattern('indirect.document-has-instructions', 'indirect_injection', 0.2, `${B}(?:this|the following) (?:document|page|email|message|text|file|content|review|site) (?:contains|has|includes|carries) (?:new |updated |special |important |hidden )?(?:instructions|directives|commands|orders) (?:for|to) (?:you|the (?:ai|assistant|model))`, { untrusted: 0.6 }),
  pattern('indirect.pipe-to-shell', 'indirect_injection', 0.3, `${B}(?:curl|wget)[^|\\n]{1,120}\\| ?(?:sudo )?(?:ba|z)?sh${E}`, { untrusted: 0.5 }),
];
