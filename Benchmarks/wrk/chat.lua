-- wrk script: POST /api/chat/ as one signed-in shopper, the messages drawn in turn from the
-- query texts of a queries file (`qid<TAB>query`).
--
-- Environment:
--   BENCH_QUERIES      the queries file (required)
--   BENCH_TOKEN        the access token sent as `Authorization: Bearer ...` (required)
--   BENCH_RESULT       file the `done` hook appends its JSON line to (default: stdout)
--   BENCH_TARGET, BENCH_CONNECTIONS, BENCH_THREADS   copied into the JSON line as labels
--
-- Every request is formatted once in `init`, so wrk spends its time on the network, not in Lua.

local thread_count = 0

-- Gives each thread a number so the threads start at different messages.
function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(character)
    if character == '"' then return '\\"' end
    if character == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(character))
  end) .. '"'
end

local function read_query_texts(path)
  local file = io.open(path or "", "r")
  if not file then error("chat.lua: cannot read BENCH_QUERIES file '" .. tostring(path) .. "'") end
  local texts = {}
  for line in file:lines() do
    local text = line:match("^[^\t]*\t(.*)$") or line
    text = text:gsub("\r$", "")
    if text:match("%S") then texts[#texts + 1] = text end
  end
  file:close()
  if #texts == 0 then error("chat.lua: no queries in '" .. path .. "'") end
  return texts
end

local requests = {}
local position = 0

function init(args)
  local token = os.getenv("BENCH_TOKEN")
  if not token or token == "" then error("chat.lua: set BENCH_TOKEN to an access token") end
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  for _, text in ipairs(read_query_texts(os.getenv("BENCH_QUERIES"))) do
    requests[#requests + 1] = wrk.format("POST", "/api/chat/", nil, '{"message":' .. json_string(text) .. '}')
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
    os.getenv("BENCH_TARGET") or "uplyft-chat", tonumber(os.getenv("BENCH_CONNECTIONS") or "0"),
    tonumber(os.getenv("BENCH_THREADS") or "0"), seconds, summary.requests,
    seconds > 0 and summary.requests / seconds or 0,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    socket_errors, errors.timeout, errors.status, socket_errors + errors.status, summary.bytes)
  local path = os.getenv("BENCH_RESULT")
  local out = path and io.open(path, "a") or io.stdout
  out:write(line)
  if path then out:close() end
end
