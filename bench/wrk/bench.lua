-- One wrk script for every run of bench/run.sh, driven by environment variables:
--   TOKEN_FILE   one token, sent as a bearer on every request (built once: no per-request Lua cost)
--   TOKENS_FILE  one token per line; each request takes the next one, so no cache can help
--   RATE, CONNS  offered load: each connection waits on average CONNS*1000/RATE ms between requests (wrk's
--                delay has whole-millisecond resolution, so the achieved rate is reported, not assumed)
--   ARRIVALS     poisson (default): each wait is drawn from an exponential distribution, so the
--                connections' requests arrive independently, as users' do; constant: every connection waits
--                exactly the mean. Constant waits keep the connections in step: they are answered in one
--                burst, wait the same time and send again together, so a request's latency measures the
--                burst (about CONNS x the server's CPU per request) more than the server.
-- done() prints one WRK_RESULT line that run.sh parses.

local tokens = nil
local next_token = 1
local delay_ms = nil
local poisson = (os.getenv("ARRIVALS") or "poisson") ~= "constant"

local function read_lines(path)
  local list = {}
  for line in io.lines(path) do
    if #line > 0 then list[#list + 1] = line end
  end
  return list
end

function init(args)
  local single = os.getenv("TOKEN_FILE")
  if single and #single > 0 then
    wrk.headers["Authorization"] = "Bearer " .. read_lines(single)[1]
  end
  local many = os.getenv("TOKENS_FILE")
  if many and #many > 0 then
    tokens = read_lines(many)
  end
  local rate = tonumber(os.getenv("RATE") or "")
  local conns = tonumber(os.getenv("CONNS") or "")
  if rate and conns and rate > 0 then
    delay_ms = conns * 1000 / rate
    if not poisson then delay_ms = math.floor(delay_ms + 0.5) end
  end
  math.randomseed(os.time())
end

if os.getenv("TOKENS_FILE") and #os.getenv("TOKENS_FILE") > 0 then
  function request()
    local t = tokens[next_token]
    next_token = next_token + 1
    if next_token > #tokens then next_token = 1 end
    wrk.headers["Authorization"] = "Bearer " .. t
    return wrk.format(nil, nil, wrk.headers)
  end
end

if tonumber(os.getenv("RATE") or "") then
  function delay()
    if not poisson then return delay_ms end
    -- An exponential wait with the mean delay_ms, rounded up or down at random so that whole
    -- milliseconds keep that mean (1 - random() is in (0, 1]: log never sees 0).
    local wait = -delay_ms * math.log(1 - math.random())
    return math.floor(wait + math.random())
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
