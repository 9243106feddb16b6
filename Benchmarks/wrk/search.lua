-- wrk script: GET /api/search/ cycling through the query texts of a queries file
-- (`qid<TAB>query`, as make_queries.py writes), URL-encoded, 10 results a page.
--
-- Environment:
--   BENCH_QUERIES      the queries file (required)
--   BENCH_PAGE_SIZE    page_size parameter (default 10)
--   BENCH_RESULT       file the `done` hook appends its JSON line to (default: stdout)
--   BENCH_TARGET, BENCH_CONNECTIONS, BENCH_THREADS   copied into the JSON line as labels
--
-- Every request is formatted once in `init`, so wrk spends its time on the network, not in Lua.

local thread_count = 0

-- Gives each thread a number so the threads start at different queries.
function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

local function url_encode(text)
  return (text:gsub("[^%w%-%._~]", function(character)
    return string.format("%%%02X", string.byte(character))
  end))
end

local function read_query_texts(path)
  local file = io.open(path or "", "r")
  if not file then error("search.lua: cannot read BENCH_QUERIES file '" .. tostring(path) .. "'") end
  local texts = {}
  for line in file:lines() do
    local text = line:match("^[^\t]*\t(.*)$") or line
    text = text:gsub("\r$", "")
    if text:match("%S") then texts[#texts + 1] = text end
  end
  file:close()
  if #texts == 0 then error("search.lua: no queries in '" .. path .. "'") end
  return texts
end

local requests = {}
local position = 0

function init(args)
  local page_size = os.getenv("BENCH_PAGE_SIZE") or "10"
  for _, text in ipairs(read_query_texts(os.getenv("BENCH_QUERIES"))) do
    requests[#requests + 1] = wrk.format("GET", "/api/search/?q=" .. url_encode(text) .. "&page_size=" .. page_size)
  end
  position = (thread_number or 0) * 97 % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

-- One JSON line per run. wrk counts an HTTP status above 399 as a status error; the
-- endpoints benchmarked here answer 200 or an error, so that is the non-2xx count.
function done(summary, latency, requests_unused)
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  local seconds = summary.duration / 1e6
  local line = string.format(
    '{"target":"%s","connections":%d,"threads":%d,"duration_seconds":%.3f,"requests":%d,' ..
    '"requests_per_second":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"socket_errors":%d,"timeouts":%d,"non_2xx":%d,"errors":%d,"bytes_read":%d}\n',
    os.getenv("BENCH_TARGET") or "uplyft-search", tonumber(os.getenv("BENCH_CONNECTIONS") or "0"),
    tonumber(os.getenv("BENCH_THREADS") or "0"), seconds, summary.requests,
    seconds > 0 and summary.requests / seconds or 0,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    socket_errors, errors.timeout, errors.status, socket_errors + errors.status, summary.bytes)
  local path = os.getenv("BENCH_RESULT")
  local out = path and io.open(path, "a") or io.stdout
  out:write(line)
  if path then out:close() end
end
