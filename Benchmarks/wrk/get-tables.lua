-- wrk script of Benchmarks/read-path.sh: with -t N -c N, connection K reads the tables of unit
-- B000K as its drafter: GET /v1/tables/{id} (a full table, 30 indicators).
--   wrk ... -s get-tables.lua URL -- DATAFILE      (lines "<unit index> <table id>")
local threads = {}
local count = 0

function setup(thread)
    count = count + 1
    thread:set("unit", count)
    table.insert(threads, thread)
end

function init(args)
    local token = string.format("jx_bench_%058d", unit)
    paths = {}
    for line in io.lines(args[1]) do
        local u, t = line:match("^(%d+) (%d+)$")
        if tonumber(u) == unit then paths[#paths + 1] = "/v1/tables/" .. t end
    end
    if #paths == 0 then error("no tables for unit " .. unit) end
    headers = { ["Authorization"] = "Bearer " .. token }
    ok, bad, bytes = 0, 0, 0
    math.randomseed(unit * 104729 + os.time())
end

function request()
    return wrk.format("GET", paths[math.random(#paths)], headers)
end

function response(status, headers, body)
    if status == 200 then ok = ok + 1; bytes = bytes + #body else bad = bad + 1 end
end

function done(summary, latency, requests)
    local s = { ok = 0, bad = 0, bytes = 0 }
    for _, t in ipairs(threads) do for k, _ in pairs(s) do s[k] = s[k] + (t:get(k) or 0) end end
    local e = summary.errors
    io.write(string.format("get_table_ok = %d\n", s.ok))
    io.write(string.format("get_table_non200 = %d\n", s.bad))
    io.write(string.format("get_table_socket_errors = %d\n", e.connect + e.read + e.write + e.timeout))
    io.write(string.format("get_table_body_bytes_avg = %.0f\n", s.ok > 0 and s.bytes / s.ok or 0))
    io.write(string.format("get_table_rps = %.1f\n", s.ok / (summary.duration / 1e6)))
    io.write(string.format("get_table_p50_ms = %.2f\n", latency:percentile(50) / 1000))
    io.write(string.format("get_table_p99_ms = %.2f\n", latency:percentile(99) / 1000))
end
