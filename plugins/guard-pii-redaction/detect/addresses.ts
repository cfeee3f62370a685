import { type Detection, eachMatch } from './detection.js';

const WORD = String.raw`\p{Lu}[\p{L}'’.\-]*`;
const CITY = String.raw`\p{Lu}[\p{L}'’\-]+(?:[ \-](?:(?:sur|am|an der|de|del)[ \-])?\p{Lu}[\p{L}'’\-]+)?`;
const EN_TYPES = 'Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Court|Ct\\.?|Place|Pl\\.?|Square|Sq\\.?|Terrace|Way|Close|Crescent|Parkway|Pkwy\\.?|Highway|Hwy\\.?|Row|Gardens|Mews';
const DE_SUFFIXES = 'straße|strasse|str\\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|kai|berg|hof|graben|wall|tor';
const FR_TYPES = ['rue', 'avenue', 'av\\.', 'boulevard', 'bd', 'place', 'chemin', 'allée', 'impasse', 'quai', 'route', 'cours', 'square', 'passage']
  .flatMap((type) => [type, type[0].toUpperCase() + type.slice(1)])
  .join('|');
const ES_TYPES = 'Calle|C/|Avenida|Avda\\.?|Av\\.|Plaza|Pza\\.?|Paseo|Camino|Carretera|Ronda|Travesía|Rambla|Carrer|Vía';

const UNIT = String.raw`(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor)\.?\s*#?\w+)?`;
const US_TAIL = String.raw`,\s*${CITY}(?:,\s*[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?`;
const UK_POSTCODE = String.raw`,?\s*(?:${CITY},?\s+)?[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b`;
const EU_TAIL = String.raw`(?:,?\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+${CITY})?`;

const ADDRESS_PATTERNS: readonly RegExp[] = [
  // 1600 Pennsylvania Avenue NW, Washington, DC 20500 · 221B Baker Street, London NW1 6XE
  new RegExp(String.raw`(?<![\w.,])\d{1,5}[A-Za-z]?\s+(?:${WORD}\s+){1,4}?(?:${EN_TYPES})(?![\p{L}])(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?${UNIT}(?:${UK_POSTCODE}|${US_TAIL})?`, 'gu'),
  // Hauptstraße 5, 10115 Berlin · Am Markt 3a
  new RegExp(String.raw`(?<![\p{L}])\p{Lu}[\p{L}\-]*(?:${DE_SUFFIXES})\s+\d{1,4}\s?[a-z]?(?![\w])${EU_TAIL}`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}])(?:Straße|Strasse|Platz|Allee) (?:des|der|am|an der) ${WORD}(?: ${WORD})?\s+\d{1,4}[a-z]?(?![\w])${EU_TAIL}`, 'gu'),
  // Am Sandtorkai 48, An der Alster 3: needs a postcode and city, "Am Montag 3" is not an address
  new RegExp(String.raw`(?<![\p{L}])(?:Am|An der|An den|Auf der|Auf dem|Im|In der|Zum|Zur|Unter den) ${WORD}(?: ${WORD})?\s+\d{1,4}\s?[a-z]?,?\s*(?:[A-Z]{1,2}-)?\d{5}\s+${CITY}`, 'gu'),
  // 12 rue de la Paix, 75002 Paris · 3 bis, avenue Victor Hugo
  new RegExp(String.raw`(?<![\w.,])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:${FR_TYPES})\s+(?:(?:de la|de l'|de l’|des|du|de|d'|d’)\s*)?${WORD}(?:[ \-]${WORD}){0,3}${EU_TAIL}`, 'gu'),
  // Calle Mayor 10, 28013 Madrid · Avenida de la Constitución, nº 5
  new RegExp(String.raw`(?<![\p{L}])(?:${ES_TYPES})\s+(?:(?:de la|de los|de las|del|de|d')\s*)?${WORD}(?:\s+${WORD}){0,3},?\s+(?:n[º°o]\.?\s*)?\d{1,4}(?:,?\s*\d{1,2}[º°]?\s*[A-Z]?)?(?![\w])${EU_TAIL}`, 'gu'),
];

/** Street addresses: a house number and a street type (EN/FR), a street suffix or type and a number (DE/ES), then an optional postcode and city. */
export function detectAddresses(text: string, found: Detection[]): void {
  for (const pattern of ADDRESS_PATTERNS) {
    eachMatch(pattern, text, (match) => {
      const value = match[0].replace(/[\s,.]+$/u, '');
      found.push({ start: match.index, end: match.index + value.length, label: 'ADDRESS' });
    });
  }
}
