import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvHeader, csvLine, jsonLine, type AuditEntryView } from './audit-export';

const view: AuditEntryView = {
  id: '6b1c1c56-5d5e-4b7e-9a51-0f0c5b2f0a11',
  seq: 7,
  workspaceId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
  actor: { kind: 'user', id: 'u1', apiKeyId: null, email: 'a@example.com' },
  action: 'route.update',
  resourceType: 'route',
  resourceId: 'r1',
  before: { alias: 'x' },
  after: { alias: '=HYPERLINK("http://evil")' },
  changes: ['alias', 'policy.retries'],
  ip: '127.0.0.1',
  userAgent: 'curl/8, "quoted"',
  requestId: 'req-1',
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
};

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('safe')).toBe('safe');
  });

  it('quotes cells with commas, quotes or line breaks and doubles their quotes (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('-1,2')).toBe(`"'-1,2"`);
    expect(csvCell(null)).toBe('');
  });

  it('writes one line per entry under a header, JSON in before/after cells', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    const line = csvLine(view);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toContain('"curl/8, ""quoted"""');
    // A JSON cell starts with "{", never a formula; the formula inside stays quoted text.
    expect(line).toContain('"{""alias"":""=HYPERLINK(\\""http://evil\\"")""}"');
    expect(line.startsWith('7,6b1c1c56-5d5e-4b7e-9a51-0f0c5b2f0a11,2026-01-01T00:00:00.000Z,,user,u1,,a@example.com,route.update,route,r1,alias policy.retries,')).toBe(true);
  });
});

describe('JSONL export', () => {
  it('writes each entry as one JSON line', () => {
    const line = jsonLine(view);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(view);
  });
});
