import { describe, expect, it } from 'vitest';
import { labelledIn } from './testing/pattern-detections.js';

describe('round 20 classes (numbers)', () => {
  it.each<[string, string[]]>([
    // A Greek mobile written compact in Greek text, its cue word a name away or none.
    ['Για την παραλαβή: Ελένη Κωνσταντίνου, 6945127380, μετά τις 5.', ['PHONE:6945127380']],
    // A second number joined by a conjunction to a phone whose cue word stands before the first.
    ['Escríbele a Mariana al +56 9 6123 4478 o al 301 552 0947 si no contesta.', ['PHONE:+56 9 6123 4478', 'PHONE:301 552 0947']],
    // A port glued to an IPv6 address in a line that writes ports after its addresses; none where no port is written.
    ['conn 203.0.113.9:40112 -> fd00:12:3::a:22 closed', ['IP_ADDRESS:203.0.113.9', 'IP_ADDRESS:fd00:12:3::a']],
    ['the gateway 2001:db8::1:443 answers pings again', ['IP_ADDRESS:2001:db8::1:443']],
    // A child's number stays a phone after `kid`.
    ['text my kid 0412 345 678 when you land', ['PHONE:0412 345 678']],
  ])('%s', (text, expected) => {
    expect(labelledIn(text)).toEqual(expected);
  });

  it.each<string>([
    // A reference led by its year and month.
    'Encounter 2023-11-0412 was closed by the night nurse.',
    'See 2025-01-00382 for the signed consent form.',
    // Nordic giro payment references with a 00 head.
    'Betal med KID 0034567812345 innen 15. mars.',
    'Ange OCR-nummer 0098765432101 när du betalar fakturan.',
    // A browser's version in a user agent.
    'Chrome/124.0.6367.91 Safari/537.36 Edg/124.0.2478.51',
    // A quad after a Greek or Turkish word for software or firmware.
    'Έκδοση υλικολογισμικού 4.8.29.17-gr',
    'Cihaza yazılım 2.7.14.3 yüklendi',
  ])('%s', (text) => {
    expect(labelledIn(text)).toEqual([]);
  });
});
