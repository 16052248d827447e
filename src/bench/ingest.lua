-- wrk script: signed C2C.CallbackAfterSendMsg callbacks with unique MsgKeys, every 10th one a duplicate delivery (the
-- same message, MsgTime included, as Tencent redelivers it: a different MsgTime would be another record since V15).
local signs = dofile(os.getenv("BENCH_SIGNS"))
local prefix = os.getenv("BENCH_PREFIX")
local token_path = "/tencent/callback?SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg"
    .. "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=Web"
local body = '{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"%s-%d","To_Account":"peer-%d",'
    .. '"MsgSeq":%d,"MsgRandom":%d,"MsgTime":%d,"MsgKey":"%s-%d-%d","OnlineOnlyFlag":0,"SendMsgResult":0,'
    .. '"ErrorInfo":"send msg succeed","UnreadMsgNum":1,'
    .. '"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello from the benchmark"}}]}'
local headers = { ["Content-Type"] = "application/json" }

local threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    made = 0
    sent_at = 0
    duplicates = 0
    ok = 0
    failed = 0
end

function request()
    made = made + 1
    local n = made
    if made % 10 == 0 then
        n = made - 1
        duplicates = duplicates + 1
    end
    local now = os.time()
    if n == made then
        sent_at = now
    end
    local path = token_path .. "&RequestTime=" .. now .. "&Sign=" .. signs[now]
    local payload = string.format(body, prefix, id, n % 997, n % 4294967296, n * 7 % 4294967296, sent_at, prefix, id,
        n)
    return wrk.format("POST", path, headers, payload)
end

function response(status, headers, body)
    if status == 200 then
        ok = ok + 1
    else
        failed = failed + 1
    end
end

function done(summary, latency, requests)
    local made_total, dup_total, ok_total, failed_total = 0, 0, 0, 0
    for _, thread in ipairs(threads) do
        made_total = made_total + thread:get("made")
        dup_total = dup_total + thread:get("duplicates")
        ok_total = ok_total + thread:get("ok")
        failed_total = failed_total + thread:get("failed")
    end
    io.write(string.format("WRK made=%d duplicates=%d ok=%d failed=%d rps=%.1f p50=%.2f p99=%.2f max=%.2f\n",
        made_total, dup_total, ok_total, failed_total, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
