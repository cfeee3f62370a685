import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { ErrorCode, PorticoError } from '../errors';

/**
 * How deep a JSON request body may nest. Real requests (tool schemas, structured messages) stay far
 * below it; far deeper input only serves to exhaust the stack of whatever walks it later (a guard,
 * a provider adapter, the call log), so it is refused at the edge with a 400 instead.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether `text` opens more than `max` arrays/objects inside one another. Strings are jumped over
 * with `indexOf` (a quote preceded by an odd run of backslashes is escaped), so the cost is mostly
 * in structure, not in content; malformed text is left to the parser.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  // Most bodies hold fewer brackets in all than the limit: counting them (native `indexOf`) settles it.
  if (bracketsAtMost(text, max)) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 0x22) {
      index = closingQuote(text, index + 1);
      if (index < 0) return false;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

function bracketsAtMost(text: string, max: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1)) if (++count > max) return false;
  }
  return true;
}

function closingQuote(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * The JSON body parser for every route (admin, `/v1`, `/apis`): Fastify's own (with the same
 * prototype-poisoning protection Nest sets up) behind a nesting-depth check. Registered with
 * `app.useBodyParser('application/json', …)`, so Nest does not add its default one.
 */
export function depthLimitedJsonParser(fastify: FastifyInstance, maxDepth = MAX_JSON_DEPTH): FastifyBodyParser<Buffer> {
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parse = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  return (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonNestsDeeperThan(text, maxDepth)) {
      done(new PorticoError(ErrorCode.BAD_REQUEST, `the JSON body nests deeper than ${maxDepth} levels`, { status: 400, details: { maxDepth } }), undefined);
      return;
    }
    parse(request, text, done);
  };
}
