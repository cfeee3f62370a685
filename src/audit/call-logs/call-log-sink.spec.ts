import { describe, expect, it } from 'vitest';
import { CallRecordEncodingError } from './call-log-columns';
import { classifyWriteFailure } from './call-log-sink';

const pgError = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });
const queryFailed = (code: string) => Object.assign(new Error('QueryFailedError'), { driverError: { code } });

describe('classifyWriteFailure', () => {
  it('rejects what the data itself causes: data exceptions, constraint violations, unencodable records, code choking on a record', () => {
    for (const code of ['22003', '22P02', '22P05', '23502', '23514']) expect(classifyWriteFailure(pgError(code))).toBe('rejected');
    expect(classifyWriteFailure(queryFailed('22003'))).toBe('rejected');
    expect(classifyWriteFailure(new CallRecordEncodingError('id', new TypeError('circular')))).toBe('rejected');
    expect(classifyWriteFailure(new TypeError("Cannot read properties of undefined (reading 'length')"))).toBe('rejected');
  });

  it('retries everything else: connections, shutdowns, timeouts, deadlocks, a missing table, unknown errors', () => {
    for (const code of ['08006', '57P01', '57P03', '53300', '40P01', '40001', '42P01', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']) {
      expect(classifyWriteFailure(pgError(code))).toBe('unavailable');
    }
    expect(classifyWriteFailure(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(classifyWriteFailure(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(classifyWriteFailure(undefined)).toBe('unavailable');
  });
});
