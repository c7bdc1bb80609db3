-- wrk script: each request is the completing POST of a survey response (nav=next on the last page of
-- no-need-for-help), a different respondent's each time: the URL-encoded bodies (form token, state and
-- nav under that page's field names) are read from the file named by the TOKENS environment variable
-- (made by bench/survey-tokens.py). Every 200 is a response committed to disk before the thank-you page
-- was sent; wrk reports any other status as an error (a body sent again after the list wraps round is
-- stored once, and more than five sends of one form token a minute are refused with 429).
local tokens = {}
local index = 0

function init(args)
  local file = assert(io.open(os.getenv("TOKENS"), "r"))
  local all = {}
  for line in file:lines() do all[#all + 1] = line end
  file:close()
  -- Each wrk thread takes its own interleaved share, so no two threads send the same respondent.
  local threads, me = tonumber(os.getenv("WRK_THREADS") or "2"), tonumber(id or "0")
  for i = 1 + me, #all, threads do tokens[#tokens + 1] = all[i] end
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
