import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is at the other end of a public request (no principal yet): address, agent, request id. */
export interface ClientInfo {
  requestId: string;
  ip: string;
  userAgent: string | null;
}

export const Client = createParamDecorator((_data: unknown, execution: ExecutionContext): ClientInfo => {
  const request = execution.switchToHttp().getRequest<FastifyRequest>();
  const agent = request.headers['user-agent'];
  return { requestId: String(request.id), ip: request.ip, userAgent: typeof agent === 'string' ? agent.slice(0, 512) : null };
});
