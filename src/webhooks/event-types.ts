/**
 * Event types are dot-separated identifiers (`budget.threshold_reached`), as the Standard Webhooks
 * spec recommends. An endpoint subscribes with filters over them: a segment `*` matches exactly one
 * segment, and a trailing `*` matches one or more (`budget.*` matches `budget.threshold.crossed`);
 * `*` alone matches every event.
 */
const SEGMENT = '[A-Za-z0-9_]+';
export const EVENT_TYPE_PATTERN = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*$`);
export const EVENT_TYPE_FILTER_PATTERN = new RegExp(`^(${SEGMENT}|\\*)(\\.(${SEGMENT}|\\*))*$`);
export const MAX_EVENT_TYPE_LENGTH = 128;

/** Sent by `POST …/webhooks/:id/test`, whatever the endpoint's filters. */
export const TEST_EVENT_TYPE = 'webhook.test';

export function isEventType(type: string): boolean {
  return type.length <= MAX_EVENT_TYPE_LENGTH && EVENT_TYPE_PATTERN.test(type);
}

export function isEventTypeFilter(filter: string): boolean {
  return filter.length <= MAX_EVENT_TYPE_LENGTH && EVENT_TYPE_FILTER_PATTERN.test(filter);
}

export function matchesEventType(filter: string, type: string): boolean {
  const wanted = filter.split('.');
  const actual = type.split('.');
  for (let index = 0; index < wanted.length; index++) {
    const segment = wanted[index];
    if (segment === '*' && index === wanted.length - 1) return actual.length >= wanted.length;
    if (index >= actual.length || (segment !== '*' && segment !== actual[index])) return false;
  }
  return wanted.length === actual.length;
}

export function matchesAnyEventType(filters: readonly string[], type: string): boolean {
  return filters.some((filter) => matchesEventType(filter, type));
}
