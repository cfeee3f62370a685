/**
 * Lua for {@link RedisCounterStore}. Each operation is one script, so one round trip and atomic.
 * Time comes from the Redis server (`TIME`), so replicas with skewed clocks agree on windows and expiry.
 * Integers that go back into Redis are formatted with `%d` (never Lua's float formatting).
 */

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * Bucketed sliding window (mirrors sliding-window.ts). KEYS[1]: hash of bucket index → count.
 * Defines width, span, current, used, idx (sorted live bucket indices), counts, untilFree, touch;
 * drops buckets that left the window. `windowArg` names the ARGV slot holding windowMs.
 */
const windowPrelude = (windowArg: string): string => `${NOW}
local win = tonumber(${windowArg})
local width = math.max(1, math.floor(win / 60))
local span = math.ceil(win / width)
local current = math.floor(now / width)
local oldest = current - span
local flat = redis.call('HGETALL', KEYS[1])
local idx = {}
local counts = {}
local used = 0
for i = 1, #flat, 2 do
  local b = tonumber(flat[i])
  local c = tonumber(flat[i + 1])
  if b < oldest then
    redis.call('HDEL', KEYS[1], flat[i])
  else
    idx[#idx + 1] = b
    counts[b] = c
    used = used + c
  end
end
table.sort(idx)
local function untilFree(needed, minimum)
  local freed = 0
  for i = 1, #idx do
    freed = freed + counts[idx[i]]
    if freed >= needed then return math.max(minimum, (idx[i] + span + 1) * width - now) end
  end
  return win
end
local function touch()
  redis.call('PEXPIRE', KEYS[1], string.format('%d', (current + span + 1) * width - now))
end
`;

/** KEYS: window hash. ARGV: amount, limit, windowMs. Returns {allowed, remaining, resetMs}. */
export const CONSUME = `${windowPrelude('ARGV[3]')}
local amount = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
if used + amount <= limit then
  redis.call('HINCRBY', KEYS[1], string.format('%d', current), string.format('%d', amount))
  if not counts[current] then idx[#idx + 1] = current end
  counts[current] = (counts[current] or 0) + amount
  touch()
  return {1, math.floor(math.max(0, limit - used - amount)), untilFree(0, 0), current}
end
local reset
if amount > limit then reset = win else reset = untilFree(used + amount - limit, 1) end
return {0, math.floor(math.max(0, limit - used)), reset, -1}
`;

/**
 * KEYS: window hash. ARGV: windowMs, delta, bucket (-1: none). Mirrors `adjustWindow`: into the
 * consume's bucket while it is live; else positive into the current bucket, negative from the newest.
 */
export const ADJUST = `${windowPrelude('ARGV[1]')}
local delta = tonumber(ARGV[2])
local bucket = tonumber(ARGV[3])
if bucket >= 0 and bucket >= oldest and bucket <= current then
  local count = math.max(0, (counts[bucket] or 0) + delta)
  if count == 0 then
    redis.call('HDEL', KEYS[1], string.format('%d', bucket))
  else
    redis.call('HSET', KEYS[1], string.format('%d', bucket), string.format('%d', count))
  end
  return 1
end
if delta >= 0 then
  if delta > 0 then redis.call('HINCRBY', KEYS[1], string.format('%d', current), string.format('%d', delta)) end
  touch()
  return 1
end
if bucket >= 0 then return 1 end
local owed = -delta
for i = #idx, 1, -1 do
  local b = idx[i]
  local taken = math.min(counts[b], owed)
  if taken == counts[b] then
    redis.call('HDEL', KEYS[1], string.format('%d', b))
  else
    redis.call('HSET', KEYS[1], string.format('%d', b), string.format('%d', counts[b] - taken))
  end
  owed = owed - taken
  if owed <= 0 then break end
end
return 1
`;

/** KEYS: window hash. ARGV: windowMs. Returns the usage in the window. */
export const USAGE = `${windowPrelude('ARGV[1]')}
return used
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
