import { type ArgumentsHost, Catch } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isPorticoError } from '../../common/errors';
import { ErrorEnvelopeFilter } from '../../common/http/error.filter';

/** The shared error envelope, plus `retry-after` when an error says how long to wait (`details.retryAfterSeconds`). */
@Catch()
export class RetryAfterFilter extends ErrorEnvelopeFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const seconds = isPorticoError(exception) ? exception.details.retryAfterSeconds : undefined;
    if (typeof seconds === 'number') void host.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(Math.ceil(seconds)));
    super.catch(exception, host);
  }
}
