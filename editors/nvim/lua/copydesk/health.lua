--- :checkhealth copydesk
local M = {}

local health = vim.health
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local err = health.error or health.report_error

function M.check()
  start("copydesk")
  if vim.fn.has("nvim-0.9") == 1 then
    ok("Neovim " .. tostring(vim.version()))
  else
    err("Neovim 0.9 or newer is required")
  end
  local copydesk = require("copydesk")
  local config = copydesk.config or copydesk.defaults
  if not copydesk.config then
    warn("setup() has not been called (fine if you use vim.lsp.enable('copydesk'))")
  end
  local cmd = config.cmd
  if type(cmd) == "table" then
    if vim.fn.executable(cmd[1]) == 1 then
      local version = vim.fn.system({ cmd[1], "--version" })
      ok(("%s: %s"):format(vim.fn.exepath(cmd[1]), vim.trim(version)))
    else
      err(("%q is not executable or not on PATH"):format(cmd[1]), {
        "Install copydesk (cargo install --path . in a copydesk checkout)",
        "or set cmd = { '/path/to/copydesk', 'lsp' } in setup()",
      })
    end
  end
  local clients = copydesk.clients()
  if #clients == 0 then
    ok("no copydesk client running yet")
  end
  for _, client in ipairs(clients) do
    ok(("client %d running for %s"):format(client.id, client.config.root_dir or "-"))
  end
end

return M
