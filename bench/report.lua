-- wrk script for bench/run.sh: only a summary line at the end, so requests run at full speed (a Lua
-- request or response function would slow wrk down). Errors are socket errors plus non-2xx/3xx answers;
-- run.sh checks separately that each URL answers 200 before and after the run (a 302 to the sign-in
-- page would count as a success here).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout + errors.status))
end
