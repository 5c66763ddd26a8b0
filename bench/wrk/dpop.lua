-- The DPoP runs of bench/run.sh (MODES=dpop): bench.lua (read through BENCH_LUA, for its done() and
-- delay()) with every request sending Authorization: DPoP <token> and the next proof of PROOFS_FILE.
--   DPOP_TOKEN_FILE  the DPoP-bound token (its cnf.jkt is the key the proofs are signed with)
--   PROOFS_FILE      one single-use proof per line (fresh jti, iat when minted), all for GET on the run's URL
-- A proof is never sent twice: once the file is used up the last one is repeated, the proxy refuses it as
-- replayed, and the run's non2xx says the file was too short for the run.
dofile(os.getenv("BENCH_LUA"))

local proofs = nil
local next_proof = 1
local bench_init = init

function init(args)
  bench_init(args)
  local token = nil
  for line in io.lines(os.getenv("DPOP_TOKEN_FILE")) do
    if #line > 0 then token = line break end
  end
  wrk.headers["Authorization"] = "DPoP " .. token
  proofs = {}
  for line in io.lines(os.getenv("PROOFS_FILE")) do
    if #line > 0 then proofs[#proofs + 1] = line end
  end
end

function request()
  wrk.headers["DPoP"] = proofs[next_proof]
  if next_proof < #proofs then next_proof = next_proof + 1 end
  return wrk.format(nil, nil, wrk.headers)
end
