import { type SpanContext, TraceFlags } from '@opentelemetry/api';

const VERSION_00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** Later versions may append fields after the flags; they must still start with the version-00 layout. */
const LATER_VERSION = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/**
 * The remote parent named by a W3C `traceparent` header (Trace Context level 1), or `undefined`
 * when the header is absent or invalid: an invalid header starts a new trace instead.
 */
export function parseTraceparent(header: string | null | undefined): SpanContext | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const fields = parseFields(value);
  if (!fields) return undefined;
  const { traceId, spanId, flags } = fields;
  if (traceId === ZERO_TRACE_ID || spanId === ZERO_SPAN_ID) return undefined;
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true };
}

function parseFields(value: string): { traceId: string; spanId: string; flags: string } | undefined {
  const current = VERSION_00.exec(value);
  if (current) return { traceId: current[1], spanId: current[2], flags: current[3] };
  const later = LATER_VERSION.exec(value);
  // Version ff is forbidden; version 00 must match exactly (checked above), so extra fields only for newer versions.
  if (!later || later[1] === 'ff' || later[1] === '00') return undefined;
  return { traceId: later[2], spanId: later[3], flags: later[4] };
}
