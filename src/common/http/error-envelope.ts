import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, isPorticoError } from '../errors';
import { isUnstorableCharacter } from './problems';

/** The control plane's error body: `{"error": {"code", "message", "status", "requestId", "details"?}}`. */
export interface ErrorEnvelope {
  error: { code: string; message: string; status: number; requestId: string; details?: Record<string, unknown> };
}

/** Fastify's own error codes that are the caller's fault, mapped to stable Portico codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.BAD_REQUEST,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.BAD_REQUEST,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.BAD_REQUEST,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.BAD_REQUEST,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_BAD_URL: ErrorCode.BAD_REQUEST,
  FST_ERR_MAX_PARAM_LENGTH: ErrorCode.BAD_REQUEST,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.BAD_REQUEST,
  422: ErrorCode.VALIDATION_FAILED,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.NOT_READY,
};

export function toErrorEnvelope(exception: unknown, requestId: string): ErrorEnvelope {
  if (isPorticoError(exception)) {
    const details = Object.keys(exception.details).length > 0 ? exception.details : undefined;
    return envelope(exception.code, exception.message, exception.status, requestId, details);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
    return envelope(CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST), message, status, requestId);
  }
  const fastifyCode = (exception as { code?: string })?.code;
  const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
  if (fastifyCode && FASTIFY_CODES[fastifyCode] && fastifyStatus) {
    return envelope(FASTIFY_CODES[fastifyCode], (exception as Error).message, fastifyStatus, requestId);
  }
  if (isUnstorableCharacter(exception)) {
    return envelope(ErrorCode.BAD_REQUEST, 'the request holds a character that cannot be stored or searched for (e.g. U+0000)', HttpStatus.BAD_REQUEST, requestId);
  }
  return envelope(ErrorCode.INTERNAL, 'internal error; quote the request id when reporting it', HttpStatus.INTERNAL_SERVER_ERROR, requestId);
}

function envelope(code: string, message: string, status: number, requestId: string, details?: Record<string, unknown>): ErrorEnvelope {
  return { error: { code, message, status, requestId, ...(details ? { details } : {}) } };
}
