-- wrk script: every request is a random line of the targets file ("<path> <bearer token>"), so load is spread
-- over random users and their labels. At the end, prints one JSON line with the summary and percentiles.
-- Usage: wrk … -s load.lua <url> -- <targets file>

local threads = {}
local tid = 0

function setup(thread)
  tid = tid + 1
  thread:set("tid", tid)
  table.insert(threads, thread)
end

local requests_list = {}
local n = 0

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open targets file")
  for line in file:lines() do
    local path, token = line:match("^(%S+)%s+(%S+)$")
    if path then
      n = n + 1
      -- Pre-formatted once, so the per-request cost in wrk is one random pick.
      requests_list[n] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
    end
  end
  file:close()
  assert(n > 0, "targets file is empty")
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  return requests_list[math.random(n)]
end

function done(summary, latency, requests)
  local e = summary.errors
  local p = function(q) return latency:percentile(q) end
  io.write(string.format(
    'BENCH_JSON {"durationUs":%d,"requests":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p75":%d,"p90":%d,"p95":%d,"p99":%d,"p999":%d}}\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max, p(50), p(75), p(90), p(95), p(99), p(99.9)))
end
