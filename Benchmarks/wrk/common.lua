-- What search.lua and chat.lua share: the queries file, one request per query text formatted
-- once in `init`, threads starting at different texts, and the JSON line of the `done` hook.
--
-- Environment:
--   BENCH_QUERIES      the queries file, `qid<TAB>text` lines as make_queries.py writes (required)
--   BENCH_RESULT       file the `done` hook appends its JSON line to (default: stdout)
--   BENCH_TARGET, BENCH_CONNECTIONS, BENCH_THREADS   copied into the JSON line as labels

local function read_query_texts(script, path)
  local file = io.open(path or "", "r")
  if not file then error(script .. ": cannot read BENCH_QUERIES file '" .. tostring(path) .. "'") end
  local texts = {}
  for line in file:lines() do
    local text = line:match("^[^\t]*\t(.*)$") or line
    text = text:gsub("\r$", "")
    if text:match("%S") then texts[#texts + 1] = text end
  end
  file:close()
  if #texts == 0 then error(script .. ": no queries in '" .. path .. "'") end
  return texts
end

-- Defines wrk's setup, init, request and done hooks. `prepare` runs first in each thread's
-- `init` (headers, options); `format(text)` returns the request for one query text.
function replay_query_texts(script, default_target, prepare, format)
  local threads = {}
  -- Gives each thread a number so the threads start at different texts, and keeps the
  -- threads so that `done` can read their counts of non-2xx answers.
  function setup(thread)
    thread:set("thread_number", #threads)
    threads[#threads + 1] = thread
  end

  local requests = {}
  local position = 0
  function init(args)
    prepare()
    for _, text in ipairs(read_query_texts(script, os.getenv("BENCH_QUERIES"))) do
      requests[#requests + 1] = format(text)
    end
    position = (thread_number or 0) * 97 % #requests
  end

  function request()
    position = position % #requests + 1
    return requests[position]
  end

  -- wrk's own status count takes only 4xx and 5xx; a redirect or a 1xx is no answer
  -- either, so every status outside 200-299 is counted here, per thread.
  non_2xx = 0
  function response(status, headers_unused, body_unused)
    if status < 200 or status > 299 then non_2xx = non_2xx + 1 end
  end

  -- One JSON line per run, with the non-2xx count summed over the threads.
  function done(summary, latency, requests_unused)
    local errors = summary.errors
    local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
    local non_2xx_total = 0
    for _, thread in ipairs(threads) do non_2xx_total = non_2xx_total + (thread:get("non_2xx") or 0) end
    local seconds = summary.duration / 1e6
    local line = string.format(
      '{"target":"%s","connections":%d,"threads":%d,"duration_seconds":%.3f,"requests":%d,' ..
      '"requests_per_second":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
      '"socket_errors":%d,"timeouts":%d,"non_2xx":%d,"errors":%d,"bytes_read":%d}\n',
      os.getenv("BENCH_TARGET") or default_target, tonumber(os.getenv("BENCH_CONNECTIONS") or "0"),
      tonumber(os.getenv("BENCH_THREADS") or "0"), seconds, summary.requests,
      seconds > 0 and summary.requests / seconds or 0,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      socket_errors, errors.timeout, non_2xx_total, socket_errors + non_2xx_total, summary.bytes)
    local path = os.getenv("BENCH_RESULT")
    local out = path and io.open(path, "a") or io.stdout
    out:write(line)
    if path then out:close() end
  end
end
