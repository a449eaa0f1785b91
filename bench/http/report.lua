-- wrk script: an optional session cookie, an optional paced rate, and a JSON summary line.
-- WRK_RATE (total requests/s over WRK_CONNS connections) paces each connection with delay();
-- 0 runs closed-loop at the peak.
local cookie = os.getenv("WRK_COOKIE") or ""
local rate = tonumber(os.getenv("WRK_RATE") or "0")
local conns = tonumber(os.getenv("WRK_CONNS") or "16")
local latency_ms = tonumber(os.getenv("WRK_LATENCY_MS") or "0")

if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept"] = "application/json"

function delay()
  if rate <= 0 then
    return 0
  end
  local gap = conns * 1000 / rate - latency_ms
  if gap < 0 then
    return 0
  end
  return gap
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d,'
      .. ' "p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %d}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
