-- wrk script: GET /api/search/ cycling through the query texts of a queries file, URL-encoded,
-- 10 results a page. Environment as in common.lua, and:
--   BENCH_PAGE_SIZE    page_size parameter (default 10)
--   BENCH_SEARCH_EXTRA more parameters appended as they are, e.g.
--                      "&facets=category,brand,price,rating,in_stock&highlight=true" (the shop page's)
--
-- Every request is formatted once in `init`, so wrk spends its time on the network, not in Lua.

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local function url_encode(text)
  return (text:gsub("[^%w%-%._~]", function(character)
    return string.format("%%%02X", string.byte(character))
  end))
end

local page_size = "10"
local extra = ""

replay_query_texts("search.lua", "uplyft-search",
  function()
    page_size = os.getenv("BENCH_PAGE_SIZE") or "10"
    extra = os.getenv("BENCH_SEARCH_EXTRA") or ""
  end,
  function(text)
    return wrk.format("GET", "/api/search/?q=" .. url_encode(text) .. "&page_size=" .. page_size .. extra)
  end)
