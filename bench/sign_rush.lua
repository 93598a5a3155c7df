-- wrk script for bench/sign_rush.py: each thread walks its own share of the request list,
-- so concurrent POSTs sign different invitations (as a real morning rush would).
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  local path, nthreads = args[1], tonumber(args[2])
  method = args[3]
  items = {}
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == id then items[#items + 1] = line end
    i = i + 1
  end
  n = 0
end

function request()
  n = n % #items + 1
  local item = items[n]
  if method == "GET" then
    return wrk.format("GET", item)
  end
  local target, body = item:match("^(%S+) (.+)$")
  return wrk.format("POST", target, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"socket_errors":%d,"status_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
