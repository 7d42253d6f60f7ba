-- wrk script for bench/load_test.sh: each request takes a random path from the file
-- named by LOAD_TEST_PATHS (one path a line; a path listed twice is requested twice as
-- often), and the summary counts responses by status code.

local paths = {}
for line in io.lines(os.getenv("LOAD_TEST_PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local codes = {}
  for status in pairs(totals) do codes[#codes + 1] = status end
  table.sort(codes)
  io.write("Responses by status:")
  for _, status in ipairs(codes) do io.write(string.format(" %d=%d", status, totals[status])) end
  io.write("\n")
  io.write(string.format(
    "Summary: %d requests in %.1f s, %.1f req/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
      .. "max %.1f ms; socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
