-- wrk script: one search scenario per run (BENCH_SCENARIO), with parameters drawn at random for each request.
local scenario = os.getenv("BENCH_SCENARIO")
local cursor = os.getenv("BENCH_CURSOR")
local auth = os.getenv("BENCH_AUTH")
local headers = { ["Authorization"] = "Basic " .. auth, ["Accept"] = "application/json" }
-- the seeded span of msg_time (epoch seconds), from search.sh
local span_from = tonumber(os.getenv("BENCH_SPAN_FROM"))
local span_to = tonumber(os.getenv("BENCH_SPAN_TO"))

local function user()
    if math.random(5) == 1 then
        return "heavy-" .. math.random(0, 19)
    end
    return "user-" .. math.random(0, 499999)
end

local function iso(seconds)
    return os.date("!%Y-%m-%dT%H:%M:%SZ", seconds)
end

local paths = {
    sender = function() return "/api/messages?limit=100&from=" .. user() end,
    conversation = function()
        return "/api/messages?limit=100&user=heavy-" .. math.random(0, 19) .. "&peer=user-" .. math.random(0, 1999)
    end,
    range = function()
        local from = math.random(span_from, span_to - 3600)
        return "/api/messages?limit=100&since=" .. iso(from) .. "&until=" .. iso(from + 3600)
    end,
    ["sender-day"] = function()
        local from = math.random(span_from, span_to - 86400)
        return "/api/messages?limit=100&from=heavy-" .. math.random(0, 19) .. "&since=" .. iso(from) .. "&until="
            .. iso(from + 86400)
    end,
    deep = function() return "/api/messages?limit=100&from=heavy-3&cursor=" .. cursor end,
    count = function() return "/api/messages/count?from=heavy-" .. math.random(0, 19) end,
    group = function()
        local group = math.random(5) == 1 and math.random(0, 1999) or math.random(0, 99999)
        return "/api/messages?limit=100&group=group-" .. group
    end,
}

function init(args)
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
    return wrk.format("GET", paths[scenario](), headers)
end

local non200 = 0
function response(status)
    if status ~= 200 then
        non200 = non200 + 1
    end
end

function done(summary, latency, requests)
    io.write(string.format("WRK %s requests=%d errors=%d rps=%.1f p50=%.2f p99=%.2f max=%.2f\n", scenario,
        summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
