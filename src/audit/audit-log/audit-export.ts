import type { AuditRecord } from './audit-entry';

export type ExportFormat = 'jsonl' | 'csv';

/** How an entry reads in the API and in exports: flat, dates as ISO strings, hashes included for outside checks. */
export interface AuditEntryView {
  id: string;
  seq: number;
  workspaceId: string | null;
  occurredAt: string;
  actor: { kind: AuditRecord['actor']['kind']; id: string; apiKeyId: string | null; email: string | null };
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  changes: string[];
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export function toView(record: AuditRecord): AuditEntryView {
  return { ...record, occurredAt: record.occurredAt.toISOString(), before: record.before ?? null, after: record.after ?? null };
}

export const CSV_COLUMNS = [
  'seq',
  'id',
  'occurredAt',
  'workspaceId',
  'actorKind',
  'actorId',
  'actorApiKeyId',
  'actorEmail',
  'action',
  'resourceType',
  'resourceId',
  'changes',
  'before',
  'after',
  'ip',
  'userAgent',
  'requestId',
  'prevHash',
  'hash',
] as const;

/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): a value a spreadsheet would evaluate gets a leading `'`, and a value
 * with a comma, quote or line break is quoted with its quotes doubled.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvLine(view: AuditEntryView): string {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    seq: view.seq,
    id: view.id,
    occurredAt: view.occurredAt,
    workspaceId: view.workspaceId,
    actorKind: view.actor.kind,
    actorId: view.actor.id,
    actorApiKeyId: view.actor.apiKeyId,
    actorEmail: view.actor.email,
    action: view.action,
    resourceType: view.resourceType,
    resourceId: view.resourceId,
    changes: view.changes.join(' '),
    before: json(view.before),
    after: json(view.after),
    ip: view.ip,
    userAgent: view.userAgent,
    requestId: view.requestId,
    prevHash: view.prevHash,
    hash: view.hash,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`;
}

export function jsonLine(view: AuditEntryView): string {
  return `${JSON.stringify(view)}\n`;
}
