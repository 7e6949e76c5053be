#!/usr/bin/env python3
"""Writes a wrk Lua script that POSTs 8 different 100-event batches to /v1/events in turn.

usage: python3 events_lua.py > events.lua
"""
import json
import random

random.seed(42)
KINDS = ["reading", "reading", "reading", "alert", "heartbeat"]
bodies = []
for b in range(8):
    events = [
        {
            "key": "sensor-%05d" % random.randrange(10000),
            "ts": 1764144000000 + b * 100 + i,
            "value": round(random.uniform(0, 100), 3),
            "kind": random.choice(KINDS),
        }
        for i in range(100)
    ]
    bodies.append(json.dumps(events, separators=(",", ":")))

print("local bodies = {")
print(",\n".join("[==[%s]==]" % body for body in bodies))
print("}")
print('''local reqs = {}
for i, b in ipairs(bodies) do
  reqs[i] = wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json"}, b)
end
local n = 0
request = function()
  n = n + 1
  return reqs[(n % #reqs) + 1]
end''')
