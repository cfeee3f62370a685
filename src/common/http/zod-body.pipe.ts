import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseBody } from './problems';

/** Validates a request body with a zod schema at the controller boundary: `VALIDATION_FAILED` listing the issues. */
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly status = 400,
  ) {}

  transform(value: unknown): z.output<S> {
    return parseBody(this.schema, value, this.status);
  }
}

export const zodBody = <S extends z.ZodType>(schema: S, status = 400) => new ZodBodyPipe(schema, status);
