-- wrk script for `make bench` (bench/run.py): requests cycle through the paths in the file
-- named by BENCH_PATHS (each thread from its own offset), with the optional header
-- BENCH_HEADER ("Name: value"); the summary is written as JSON to BENCH_OUT.
-- A "{n}" in a path becomes "<BENCH_RUN>.<thread>.<request>": a URL no other request of the
-- bench asked for, so no cache (keyed by the full URL) has its answer.

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
local header_name, header_value = nil, nil
local header = os.getenv("BENCH_HEADER") or ""
if header ~= "" then
  header_name, header_value = header:match("^([^:]+):%s*(.*)$")
end

local run = os.getenv("BENCH_RUN") or "0"
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  n = offset or 0
  bad = 0
  token = run .. "." .. (id or 0) .. "."
end

function request()
  n = n + 1
  local headers = {}
  if header_name then headers[header_name] = header_value end
  local path = paths[(n % #paths) + 1]:gsub("{n}", token .. n)
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status ~= 200 and status ~= 304 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local unexpected = 0
  for _, thread in ipairs(threads) do unexpected = unexpected + thread:get("bad") end
  local errors = summary.errors
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  out:write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, '
      .. '"bytes": %d, "unexpected_status": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, summary.bytes, unexpected,
    errors.connect + errors.read + errors.write + errors.timeout))
  out:close()
end
