-- wrk script of the comments section (bench/comments.ts): every request is another guest's comment, POSTed to /comments.
-- The comments are written by bench/comments.ts as form bodies, one a line, with "{n}" where the commenter's number
-- goes (their e-mail, a phrase of the text); this script only numbers them, gives each its own X-Forwarded-For
-- (the per-IP flood check and limit then count per commenter) and, when asked, paces them.
-- Arguments (after --): bodies file, first commenter number of this run, comments per second (0: as fast as answered),
-- a file for the first refusal (its status and body, so that the bench can say why a run stopped), wrk's threads.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } quire_timespec;
int clock_gettime(int clock, quire_timespec *time);
]]
local CLOCK_MONOTONIC = 1
local now_ts = ffi.new("quire_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

-- setup runs in wrk's main state before each thread's init: each thread numbers its commenters apart from the others.
local threads = 0
function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

local bodies = {}
local base = 0
local interval_ms = 0
local fail_file = nil
local failed = false
local count = 0
local next_slot = nil

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then bodies[#bodies + 1] = line end
  end
  if #bodies == 0 then error("no comment bodies in " .. tostring(args[1])) end
  -- Threads of one run: 65,536 commenters apart (a run never posts that many per thread).
  base = tonumber(args[2]) + (thread_index or 0) * 65536
  local rate = tonumber(args[3]) or 0
  local thread_count = tonumber(args[5]) or 1
  -- Paced (each thread its share of the rate): wrk looks for delay() after init, so an unpaced run has none and
  -- sends each request as soon as the last answer is in. Each request takes the next free slot of the schedule,
  -- never one in the past: a server that falls behind is not sent a burst to catch up.
  if rate > 0 then
    interval_ms = 1000 * thread_count / rate
    function delay()
      local now = now_ms()
      if next_slot == nil or next_slot < now then next_slot = now end
      local wait = next_slot - now
      next_slot = next_slot + interval_ms
      return wait
    end
  end
  fail_file = args[4]
  -- The other headers (Content-Type, Accept, Origin…) come from the command line (-H).
  wrk.method = "POST"
end

function request()
  local n = base + count
  count = count + 1
  local body = bodies[(n % #bodies) + 1]:gsub("{n}", tostring(n))
  -- 10.x.y.z from the number: 16 million addresses, one a commenter.
  local ip = n % 16777216
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(ip / 65536), math.floor(ip / 256) % 256, ip % 256)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 201 and not failed and fail_file then
    failed = true
    local file = io.open(fail_file, "w")
    if file then
      file:write(tostring(status), "\n", body or "")
      file:close()
    end
  end
end
