-- wrk script of Benchmarks/write-path.sh: run with -t N -c N (one connection per thread), so that
-- each connection is one client that owns one unit (bdrafterK of unit B000K, K = thread number)
-- and changes random indicators of that unit's tables through
-- PATCH /v1/tables/{id}/indicators/{iid} with If-Match and a reason. Versions are tracked from
-- the ETag of each answer (a 409 carries the current version as its ETag: the re-read).
--   wrk ... -s patch-indicators.lua URL -- DATAFILE
-- DATAFILE lines: "<unit index> <table id> <indicator id> <version>".
local threads = {}
local count = 0

function setup(thread)
    count = count + 1
    thread:set("unit", count)
    table.insert(threads, thread)
end

function init(args)
    token = string.format("jx_bench_%058d", unit)
    picks, versions = {}, {}
    for line in io.lines(args[1]) do
        local u, t, i, v = line:match("^(%d+) (%d+) (%d+) (%d+)$")
        if tonumber(u) == unit then
            picks[#picks + 1] = { t, i }
            versions[i] = tonumber(v)
        end
    end
    if #picks == 0 then error("no indicators for unit " .. unit) end
    ok, conflicts, client_errors, server_errors, no_etag = 0, 0, 0, 0, 0
    math.randomseed(unit * 7919 + os.time())
end

function request()
    current = picks[math.random(#picks)]
    local body = string.format('{"value": "%d", "reason": "基准写入 %d"}', math.random(1, 100), unit)
    return wrk.format("PATCH", "/v1/tables/" .. current[1] .. "/indicators/" .. current[2], {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["If-Match"] = '"' .. versions[current[2]] .. '"',
    }, body)
end

function response(status, headers, body)
    if status == 200 then ok = ok + 1
    elseif status == 409 then conflicts = conflicts + 1
    elseif status >= 500 then server_errors = server_errors + 1
    else client_errors = client_errors + 1 end
    local etag = headers["etag"] or headers["ETag"] or headers["Etag"]
    local v = etag and etag:match("(%d+)")
    if v then versions[current[2]] = tonumber(v) elseif status == 200 or status == 409 then no_etag = no_etag + 1 end
end

function done(summary, latency, requests)
    local sum = { ok = 0, conflicts = 0, client_errors = 0, server_errors = 0, no_etag = 0 }
    for _, t in ipairs(threads) do
        for k, _ in pairs(sum) do sum[k] = sum[k] + (t:get(k) or 0) end
    end
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format("wrk_requests = %d\n", summary.requests))
    io.write(string.format("wrk_seconds = %.2f\n", seconds))
    io.write(string.format("wrk_ok = %d\n", sum.ok))
    io.write(string.format("wrk_409 = %d\n", sum.conflicts))
    io.write(string.format("wrk_4xx_other = %d\n", sum.client_errors))
    io.write(string.format("wrk_5xx = %d\n", sum.server_errors))
    io.write(string.format("wrk_no_etag = %d\n", sum.no_etag))
    io.write(string.format("wrk_socket_errors = %d\n", e.connect + e.read + e.write + e.timeout))
    io.write(string.format("wrk_ok_per_s = %.1f\n", sum.ok / seconds))
    io.write(string.format("wrk_p50_ms = %.2f\n", latency:percentile(50) / 1000))
    io.write(string.format("wrk_p99_ms = %.2f\n", latency:percentile(99) / 1000))
end
