// `npm run bench:pii:dump`: every detection of guard-pii-redaction's default pattern types (e-mail, phone, card, IBAN,
// SSN, IP address, secret) on every corpus sentence and on the 256 prompts the latency benches time, one line per text
// (`<index> LABEL:start-end …`) on stdout. A change meant only for speed must leave this output byte-identical: dump the
// build before and after (BENCH_PII_OUT=<dir> builds into another folder, BENCH_PII_NO_BUILD=1 dumps the build already
// there) and diff the two files.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildPiiPlugin, OUT, promptTexts, ROOT } from './pii-build.mjs';

const PROMPT_CHARS = 2048;
const PROMPTS = 256;
const PATTERN_TYPES = ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip_address', 'secret'];
const require = createRequire(import.meta.url);

if (process.env.BENCH_PII_NO_BUILD !== '1') buildPiiPlugin();
const { createTextDetector } = require(join(OUT, 'plugins/guard-pii-redaction/detect/index.js'));
const { readCorpus } = require(join(OUT, 'plugins/guard-pii-redaction/corpus.js'));
const { DEFAULT_BINDING } = require(join(OUT, 'plugins/guard-pii-redaction/config.schema.js'));

const corpus = readCorpus(join(ROOT, 'plugins/guard-pii-redaction/__fixtures__/corpus.jsonl'));
const detect = createTextDetector({ types: PATTERN_TYPES, binding: DEFAULT_BINDING });
const texts = [...corpus.map((record) => record.text), ...promptTexts(corpus, PROMPTS, PROMPT_CHARS)];
const lines = texts.map((text, index) => `${index} ${detect(text).map((found) => `${found.label}:${found.start}-${found.end}`).join(' ')}\n`);
process.stdout.write(lines.join(''));
