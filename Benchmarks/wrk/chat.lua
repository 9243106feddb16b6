-- wrk script: POST /api/chat/ as one signed-in shopper, the messages drawn in turn from the
-- query texts of a queries file. Environment as in common.lua, and:
--   BENCH_TOKEN        the access token sent as `Authorization: Bearer ...` (required)
--
-- Every request is formatted once in `init`, so wrk spends its time on the network, not in Lua.

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(character)
    if character == '"' then return '\\"' end
    if character == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(character))
  end) .. '"'
end

replay_query_texts("chat.lua", "uplyft-chat",
  function()
    local token = os.getenv("BENCH_TOKEN")
    if not token or token == "" then error("chat.lua: set BENCH_TOKEN to an access token") end
    wrk.headers["Authorization"] = "Bearer " .. token
    wrk.headers["Content-Type"] = "application/json"
  end,
  function(text)
    return wrk.format("POST", "/api/chat/", nil, '{"message":' .. json_string(text) .. '}')
  end)
