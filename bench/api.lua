-- wrk script for `bench/run.sh api`: calls of the products' API on members drawn from the data set.
-- Arguments (after wrk's "--"): <kind> <file of members> <lines to use> <threads>
--   kind: ping | details | details-304 | authorize | batch
--   file: one member a line, "<user id> <team id> [etag]", in random order (run.sh draws them in SQL)
-- Thread i of n takes lines i, i + n, i + 2n, ... wrapping at the end: with more lines than the run makes
-- requests, no member is asked for twice (the cold rows: every call misses the role cache; run.sh checks
-- that the run did not wrap); with a few lines, the same members again and again (the warm rows). The API
-- key comes with -H Authorization. Output: one RESULT line, as report.lua's.

local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local kind, lines, position, step
local privileges = { "benchcrm.doc.read", "benchcrm.doc.delete" }
-- the product's own privileges and a platform one (another product's would be refused: 400)
local batch_privileges = { "benchcrm.doc.read", "benchcrm.doc.write", "benchcrm.doc.delete", "benchcrm.report.view",
  "team.read" }

function init(args)
  kind = args[1]
  local limit = tonumber(args[3] or "0")
  lines = {}
  for line in io.lines(args[2]) do
    local user, team, etag = line:match("^(%S+) (%S+) ?(%S*)$")
    table.insert(lines, { user = user, team = team, etag = etag })
    if limit > 0 and #lines >= limit then break end
  end
  step = tonumber(args[4])
  position = id
end

local function next_member()
  local member = lines[(position % #lines) + 1]
  position = position + step
  return member
end

-- wrk.format takes the headers given instead of wrk.headers (the -H ones, with the key): a fresh table of both
local function headers(extra)
  local all = {}
  for name, value in pairs(wrk.headers) do all[name] = value end
  for name, value in pairs(extra) do all[name] = value end
  return all
end

local json = { ["Content-Type"] = "application/json" }

function request()
  if kind == "ping" then
    return wrk.format("GET", "/api/v1/ping")
  end
  local m = next_member()
  if kind == "details" then
    return wrk.format("GET", "/api/v1/users/" .. m.user .. "/details?teamId=" .. m.team)
  elseif kind == "details-304" then
    return wrk.format("GET", "/api/v1/users/" .. m.user .. "/details?teamId=" .. m.team, headers({ ["If-None-Match"] = m.etag }))
  elseif kind == "authorize" then
    -- every other call asks for a privilege no role carries: half allowed, half refused
    local privilege = privileges[math.floor(position / step) % 2 + 1]
    return wrk.format("POST", "/api/v1/authorize", headers(json),
      string.format('{"userId":"%s","teamId":"%s","privilege":"%s"}', m.user, m.team, privilege))
  elseif kind == "batch" then
    local checks = {}
    for i = 1, 10 do
      checks[i] = string.format('{"userId":"%s","teamId":"%s","privilege":"%s"}', m.user, m.team,
        batch_privileges[(i - 1) % #batch_privileges + 1])
    end
    return wrk.format("POST", "/api/v1/authorize/batch", headers(json), '{"checks":[' .. table.concat(checks, ",") .. ']}')
  end
  error("unknown kind " .. tostring(kind))
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout + errors.status))
end
