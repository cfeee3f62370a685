/**
 * Lua for {@link RedisCounterStore}. Each operation is one script, so one round trip and atomic.
 * Time comes from the Redis server (`TIME`), so replicas with skewed clocks agree on windows and expiry.
 * Integers that go back into Redis are formatted with `%d` (never Lua's float formatting).
 */

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** KEYS: window hash. ARGV: amount, limit, windowMs. Returns {allowed, remaining, resetMs}. Mirrors sliding-window.ts. */
export const CONSUME = `${NOW}
local amount = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local win = tonumber(ARGV[3])
local index = math.floor(now / win)
local h = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
local w = tonumber(h[1])
local c = tonumber(h[2]) or 0
local p = tonumber(h[3]) or 0
if w ~= index then
  if w == index - 1 then p = c else p = 0 end
  c = 0
end
local elapsed = now - index * win
local used = p * (win - elapsed) / win + c
if used + amount <= limit then
  c = c + amount
  redis.call('HSET', KEYS[1], 'w', string.format('%d', index), 'c', string.format('%d', c), 'p', string.format('%d', p))
  redis.call('PEXPIRE', KEYS[1], string.format('%d', (index + 2) * win - now))
  return {1, math.floor(math.max(0, limit - used - amount)), win - elapsed}
end
local reset
if amount > limit then
  reset = win
elseif c + amount <= limit then
  reset = math.max(1, math.ceil(win * (1 - (limit - amount - c) / p) - elapsed))
else
  reset = math.max(1, math.ceil(win - elapsed + win * (1 - (limit - amount) / c)))
end
return {0, math.floor(math.max(0, limit - used)), reset}
`;

/** Rolls the window like CONSUME. KEYS: window hash. ARGV: windowMs. Leaves h/w/c/p/elapsed/index set. */
const ROLL = `${NOW}
local win = tonumber(ARGV[1])
local index = math.floor(now / win)
local h = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
local w = tonumber(h[1])
local c = tonumber(h[2]) or 0
local p = tonumber(h[3]) or 0
if w ~= index then
  if w == index - 1 then p = c else p = 0 end
  c = 0
end
local elapsed = now - index * win
`;

/** KEYS: window hash. ARGV: windowMs, delta. Adds delta to the current window, never below 0. */
export const ADJUST = `${ROLL}
c = math.max(0, c + tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'w', string.format('%d', index), 'c', string.format('%d', c), 'p', string.format('%d', p))
redis.call('PEXPIRE', KEYS[1], string.format('%d', (index + 2) * win - now))
return 1
`;

/** KEYS: window hash. ARGV: windowMs. Returns the weighted usage, rounded up (read-only). */
export const USAGE = `${ROLL}
return math.ceil(p * (win - elapsed) / win + c)
`;

/** KEYS: lease zset (member leaseId, score expiry). ARGV: limit, ttlMs, leaseId. Returns 1 when acquired. */
export const ACQUIRE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], string.format('%d', now + ttl), ARGV[3])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`;

/** Budget scripts share KEYS: [1] totals hash (s = settled, r = reserved), [2] holds hash (id → amount), [3] expiry zset. */
const SWEEP = `${NOW}
local function drop(id)
  local amount = redis.call('HGET', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  if not amount then return false end
  redis.call('HDEL', KEYS[2], id)
  if amount ~= '0' then redis.call('HINCRBY', KEYS[1], 'r', '-' .. amount) end
  return true
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', string.format('%d', now), 'LIMIT', 0, 512)
for i = 1, #expired do drop(expired[i]) end
`;

/** ARGV: amount, limit, ttlMs, reservationId. Returns {ok, remaining}. */
export const RESERVE = `${SWEEP}
local totals = redis.call('HMGET', KEYS[1], 's', 'r')
local free = tonumber(ARGV[2]) - (tonumber(totals[1]) or 0) - (tonumber(totals[2]) or 0)
local amount = tonumber(ARGV[1])
if amount > free then return {0, free} end
redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[3], string.format('%d', now + tonumber(ARGV[3])), ARGV[4])
redis.call('HINCRBY', KEYS[1], 'r', ARGV[1])
return {1, free - amount}
`;

/** ARGV: reservationId, actual. Returns 1 when the reservation was still held. */
export const SETTLE = `${SWEEP}
local held = drop(ARGV[1])
redis.call('HINCRBY', KEYS[1], 's', ARGV[2])
if held then return 1 end
return 0
`;

/** ARGV: reservationId. */
export const CANCEL = `${SWEEP}
drop(ARGV[1])
return 1
`;

/** ARGV: settled. Raises the settled total to at least ARGV[1]. */
export const SEED = `
local s = tonumber(redis.call('HGET', KEYS[1], 's')) or 0
local v = tonumber(ARGV[1])
if v > s then redis.call('HSET', KEYS[1], 's', ARGV[1]) end
return 1
`;

/** Returns {settled, reserved}. */
export const SPENT = `${SWEEP}
local totals = redis.call('HMGET', KEYS[1], 's', 'r')
return {tonumber(totals[1]) or 0, tonumber(totals[2]) or 0}
`;
