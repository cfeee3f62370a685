import { type Detection, eachMatch } from './detection.js';

/** The slice of compromise this detector uses (`nlp(text).people().json({ offset: true })`). */
export type NlpParser = (text: string) => { people(): { json(options: { offset: true }): Array<{ text: string; offset: { start: number; length: number } }> } };

const NAME = String.raw`\p{Lu}[\p{Ll}'’\-]+(?:-\p{Lu}[\p{Ll}]+)?`;
const PARTICLE = String.raw`(?:von|van|der|de|del|della|la|le|du|da|dos|di|y)`;
const FULL_NAME = String.raw`${NAME}(?:\s+(?:${PARTICLE}\s+)*${NAME}){0,2}`;
const TITLES = String.raw`(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Monsieur|Madame|Mademoiselle|M|Mme|Mlle|Me|Sr|Sra|Srta|Señor|Señora|Señorita|Don|Doña)`;

/** A title or a self-introduction right before a capitalised name, in EN/DE/FR/ES. */
const CUED_NAMES: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\p{L}])${TITLES}\.?\s+(${FULL_NAME})`, 'gu'),
  new RegExp(String.raw`(?:my name is|name's|i am called|mein name ist|ich heiße|ich heisse|je m'appelle|je m’appelle|mon nom est|me llamo|mi nombre es)\s+(${FULL_NAME})`, 'giu'),
  new RegExp(String.raw`(?:^|\n)\s*(?:Dear|Hi|Hello|Liebe|Lieber|Hallo|Sehr geehrte|Sehr geehrter|Cher|Chère|Bonjour|Estimado|Estimada|Querido|Querida|Hola)\s+(${FULL_NAME})(?=\s*[,!:\n])`, 'gu'),
  new RegExp(String.raw`(?:regards|grüße|grüßen|gruß|cordialement|salutations|saludos|atentamente|cheers|thanks|merci|danke|gracias),?\s*\n\s*(${FULL_NAME})(?=\s*(?:\n|$))`, 'giu'),
];
const LEADING_TITLE = new RegExp(String.raw`^${TITLES}\.?\s+`, 'u');
const TRAILING_NOISE = /(?:['’]s|[\s.,;:!?'’)"]+)$/u;
/** Capitalised words compromise sometimes takes for names at the start of a German/French/Spanish sentence. */
const NOT_NAMES = new Set(['Bitte', 'Danke', 'Hallo', 'Merci', 'Gracias', 'Hola', 'Bonjour', 'Dear', 'Hi', 'Hello', 'Thanks']);

function pushName(found: Detection[], start: number, text: string): void {
  const title = LEADING_TITLE.exec(text);
  const head = title ? title[0].length : 0;
  const name = text.slice(head).replace(TRAILING_NOISE, '');
  if (name.length < 2 || !/^\p{Lu}/u.test(name) || NOT_NAMES.has(name)) return;
  found.push({ start: start + head, end: start + head + name.length, label: 'PERSON' });
}

/**
 * Person names: compromise's `people()` (an English NLP model that also knows many foreign first
 * names), plus titles ("Herr Müller", "Mme Dubois"), self-introductions, salutations and
 * sign-offs in EN/DE/FR/ES, which compromise misses in other languages.
 */
export function createPersonDetector(nlp: NlpParser | undefined) {
  return (text: string, found: Detection[]): void => {
    if (nlp && /\p{Lu}/u.test(text)) {
      for (const person of nlp(text).people().json({ offset: true })) pushName(found, person.offset.start, text.slice(person.offset.start, person.offset.start + person.offset.length));
    }
    for (const pattern of CUED_NAMES) {
      eachMatch(pattern, text, (match) => {
        const name = match[1];
        pushName(found, match.index + match[0].lastIndexOf(name), name);
      });
    }
  };
}
