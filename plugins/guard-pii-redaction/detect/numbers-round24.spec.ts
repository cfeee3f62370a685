import { describe, expect, it } from 'vitest';
import { foundIn } from './testing/pattern-detections.js';

const valuesOf = (text: string, label: string) => foundIn(text).filter(([found]) => found === label).map(([, value]) => value);

describe('round 24 B: a compact card number right before an amount field of a CSV row', () => {
  it.each<[string, string]>([
    ['date,holder,ref,amount,currency\n2025-04-02,guest,4556730188249371,249.50,NOK', '4556730188249371'],
    ['ord_5521,5227194600381278,74.90,EUR,captured', '5227194600381278'],
    ['2025-02-03,walk-in,4556730188249371,87,EUR,ok', '4556730188249371'],
  ])('finds the card in %s', (text, card) => {
    expect(valuesOf(text, 'CREDIT_CARD')).toEqual([card]);
  });

  it.each([
    // Luhn fails.
    'date,holder,pan,amount\n2025-04-02,guest,4556730188249372,249.50',
    // A decimal fraction: digits after `0,`, and a long number with one decimal group.
    'ratio 0,4556730188249371 after scaling',
    'total 4556730188249371,5 units',
  ])('finds no card in %s', (text) => {
    expect(valuesOf(text, 'CREDIT_CARD')).toEqual([]);
  });
});

describe('round 24 B: an on-call word more than a context before the name and the number', () => {
  it.each<[string, string]>([
    ['On-call this week (backup rota): Ingrid Halvorsen, 926 41 877', '926 41 877'],
    ['Bereitschaft am langen Wochenende: Annegret Schellenberg, 0151 23847716', '0151 23847716'],
    ['Pikett diese Woche, Zweitbesetzung: Reto Casutt, 079 412 55 83', '079 412 55 83'],
  ])('finds the phone in %s', (text, phone) => {
    expect(valuesOf(text, 'PHONE')).toEqual([phone]);
  });

  it.each([
    // A number of its own ends the roster entry: the amount after it is no phone.
    'On-call this week (backup rota): Ingrid Halvorsen, week 14, 926 41 877 kr',
    // Another line: the on-call word is not this line's.
    'On-call this week (backup rota): Ingrid\nbudget 926 41 877',
  ])('finds no phone in %s', (text) => {
    expect(valuesOf(text, 'PHONE')).toEqual([]);
  });
});

describe('round 24 B: quads of a release after the component upgraded, and its sibling builds', () => {
  it.each([
    'Upgraded to collector 5.11.3.208 on Friday; 5.11.3.190 dropped spans.',
    'Rolled back to sidecar 2.7.14.3 last night; 2.7.14.5 leaked file handles.',
  ])('finds no address in %s', (text) => {
    expect(valuesOf(text, 'IP_ADDRESS')).toEqual([]);
  });

  it.each<[string, string[]]>([
    // A network word before the quad keeps it an address.
    ['Upgraded the firmware, then pinged gateway 10.20.30.1', ['10.20.30.1']],
    ['Upgrade to server 10.1.2.3 first, then 10.1.2.4', ['10.1.2.3', '10.1.2.4']],
    // An address of the same /24 as another address is no build.
    ['ssh 192.168.7.20 and then 192.168.7.21', ['192.168.7.20', '192.168.7.21']],
  ])('finds the addresses in %s', (text, addresses) => {
    expect(valuesOf(text, 'IP_ADDRESS')).toEqual(addresses);
  });
});
