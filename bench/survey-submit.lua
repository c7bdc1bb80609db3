-- wrk script: each request is the completing POST of a survey response (nav=next on the last page of
-- no-need-for-help), with a different respondent's state field each time, read from the file named by
-- the TOKENS environment variable (made by bench/survey-tokens.py). Every 200 is a response committed
-- to disk before the thank-you page was sent; wrk reports any other status as an error.
local tokens = {}
local index = 0

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local file = assert(io.open(os.getenv("TOKENS"), "r"))
  local all = {}
  for line in file:lines() do all[#all + 1] = line end
  file:close()
  -- Each wrk thread takes its own interleaved share, so no two threads send the same respondent.
  local threads, me = tonumber(os.getenv("WRK_THREADS") or "2"), tonumber(id or "0")
  for i = 1 + me, #all, threads do tokens[#tokens + 1] = "state=" .. urlencode(all[i]) .. "&nav=next" end
end

function setup(thread)
  setup_count = (setup_count or 0)
  thread:set("id", tostring(setup_count))
  setup_count = setup_count + 1
end

function request()
  index = index % #tokens + 1
  return wrk.format("POST", "/en/s/no-need-for-help", { ["Content-Type"] = "application/x-www-form-urlencoded" }, tokens[index])
end
