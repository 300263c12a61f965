-- wrk script of Benchmarks/read-path.sh for the trivial route: counts answers by status and
-- prints rate and latency as `name = value` lines (prefix from the first argument).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) prefix = args[1] or "plain"; ok, bad, bytes = 0, 0, 0 end
function response(status, headers, body)
    if status == 200 then ok = ok + 1; bytes = bytes + #body else bad = bad + 1 end
end
function done(summary, latency, requests)
    local s = { ok = 0, bad = 0, bytes = 0 }
    local prefix = threads[1]:get("prefix")
    for _, t in ipairs(threads) do for k, _ in pairs(s) do s[k] = s[k] + (t:get(k) or 0) end end
    local e = summary.errors
    io.write(string.format("%s_ok = %d\n", prefix, s.ok))
    io.write(string.format("%s_non200 = %d\n", prefix, s.bad))
    io.write(string.format("%s_socket_errors = %d\n", prefix, e.connect + e.read + e.write + e.timeout))
    io.write(string.format("%s_body_bytes_avg = %.0f\n", prefix, s.ok > 0 and s.bytes / s.ok or 0))
    io.write(string.format("%s_rps = %.1f\n", prefix, s.ok / (summary.duration / 1e6)))
    io.write(string.format("%s_p50_ms = %.2f\n", prefix, latency:percentile(50) / 1000))
    io.write(string.format("%s_p99_ms = %.2f\n", prefix, latency:percentile(99) / 1000))
end
