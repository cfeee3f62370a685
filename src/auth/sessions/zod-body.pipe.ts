import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ErrorCode, PorticoError } from '../../common/errors';

/** Validates a request body with a zod schema at the controller boundary: 400 `VALIDATION_FAILED` with the issues. */
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly status = 400,
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new PorticoError(ErrorCode.VALIDATION_FAILED, 'the request body is invalid', { status: this.status, details: { issues } });
  }
}

export const zodBody = <S extends z.ZodType>(schema: S, status = 400) => new ZodBodyPipe(schema, status);
