-- wrk script for processors/capacity/run.sh: POST the same 100-event batch to /v1/events on every request.
-- Keys come from a pool of 10,000 and values vary, like the harness's load; the body is built
-- once so that wrk measures the server, not Lua.
math.randomseed(42)
local kinds = { "reading", "reading", "reading", "alert", "heartbeat" }
local parts = {}
for i = 1, 100 do
  parts[i] = string.format('{"key":"sensor-%05d","ts":%d,"value":%.2f,"kind":"%s"}',
    math.random(0, 9999), 1764144000000 + math.random(0, 999999), math.random(0, 99999) / 100,
    kinds[math.random(1, #kinds)])
end
wrk.method = "POST"
wrk.body = "[" .. table.concat(parts, ",") .. "]"
wrk.headers["Content-Type"] = "application/json"
