import { describe, expect, it } from 'vitest';
import { parseTraceparent } from './traceparent';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
  it('reads a version-00 header as a remote, sampled or unsampled parent', () => {
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-01`)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true });
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-00`)).toMatchObject({ traceFlags: 0 });
    expect(parseTraceparent(`  00-${TRACE_ID}-${SPAN_ID}-01 `)).toMatchObject({ traceId: TRACE_ID });
  });

  it('keeps only the sampled bit of the flags', () => {
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-ff`)).toMatchObject({ traceFlags: 1 });
  });

  it('accepts a later version with extra fields, but not version ff', () => {
    expect(parseTraceparent(`01-${TRACE_ID}-${SPAN_ID}-01-what-the-future-adds`)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
    expect(parseTraceparent(`ff-${TRACE_ID}-${SPAN_ID}-01`)).toBeUndefined();
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['garbage', 'not-a-traceparent'],
    ['version 00 with extra fields', `00-${TRACE_ID}-${SPAN_ID}-01-extra`],
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
    ['short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['non-hex flags', `00-${TRACE_ID}-${SPAN_ID}-0g`],
  ])('ignores an invalid header (%s)', (_label, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});
