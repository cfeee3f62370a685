import { describe, expect, it } from 'vitest';
import { DEFAULT_BINDING } from '../config.schema.js';
import { createTextDetector } from './index.js';

const detector = createTextDetector({ types: ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip_address', 'secret'], binding: DEFAULT_BINDING });
const found = (text: string) => detector(text).map((detection) => [detection.label, text.slice(detection.start, detection.end)]);

describe('round 8 classes', () => {
  it.each<[string, string, string]>([
    ['UnionPay card 621483 5742735673823 declined.', 'CREDIT_CARD', '621483 5742735673823'],
    ['UATP card 1619 288868 38959 for the flights.', 'CREDIT_CARD', '1619 288868 38959'],
    ['UATP-Karte 189953965857744 verwenden.', 'CREDIT_CARD', '189953965857744'],
    ['Numer karty: 5436287519750380 04/28', 'CREDIT_CARD', '5436287519750380'],
    ['La contraseña del wifi: WPA2 Hv7k.PqeR2*91 en la pegatina.', 'SECRET', 'Hv7k.PqeR2*91'],
    ['The password is ab4%Tr9.Lmq*2, rotate it.', 'SECRET', 'ab4%Tr9.Lmq*2'],
    ['Access: 10.20.31.45 / root / gT5%hw2Kq*81', 'SECRET', 'gT5%hw2Kq*81'],
    ['sessionid=cd11cfb0abfec32c3a2aac057cfd9c29f578b19646a69b3990633dfa6647aee7', 'SECRET', 'cd11cfb0abfec32c3a2aac057cfd9c29f578b19646a69b3990633dfa6647aee7'],
    ['The deploy token PIPSLFsJSwt6nAzFliRpjjvf leaked.', 'SECRET', 'PIPSLFsJSwt6nAzFliRpjjvf'],
    ['Social Security number, as printed on the award letter and on the claim, is 287-65-4310.', 'SSN', '287-65-4310'],
    ['Faktura betales til NO8315037754219, kontakt oss på 917 45 263.', 'PHONE', '917 45 263'],
    ['Greiðist inn á IS140159260076545510730339, sími 562 4811.', 'PHONE', '562 4811'],
  ])('finds %s', (text, label, value) => {
    expect(found(text)).toContainEqual([label, value]);
  });

  it.each([
    'Muster-IBAN für das Formular: DE02 1203 0000 0000 2020 51.',
    'The Stripe tutorial uses the publishable key pk_test_TYooMQauvdEDq54NiTphI7jx.',
    'Ordre 559120-2025 er afsendt.',
    'Adószám: 24681357-1-42.',
    'Номер на поръчка 5530921187.',
    'Comanda nr. 6620184433 a fost livrată.',
    'Support line TBD: 0800 000 000.',
    'Numéro provisoire : 01 00 00 00 00.',
    'Route core.lan / 24 / vlan-10 added.',
    'The shipment 148483956545629 left the warehouse.',
    'Batch 621483 5742735673823 was archived.',
    'Release token name: releaseCandidateBuild2026 in the pipeline.',
  ])('finds nothing in %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});
