-- wrk script: GET /api/health/, the server's cheapest JSON answer: what the HTTP layer costs
-- without a route's work. Environment as in common.lua (the queries file is read only so
-- that every script takes the same settings; each request is the same).

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

replay_query_texts("health.lua", "uplyft-health",
  function() end,
  function(_) return wrk.format("GET", "/api/health/") end)
