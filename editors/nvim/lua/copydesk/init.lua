--- copydesk for Neovim: runs `copydesk lsp` for news drafts (Markdown and
--- plain text) and lets Neovim's built-in LSP client show its diagnostics.
---
--- One client per project root, shared by every matching buffer in it.
--- Works on Neovim 0.9 and newer; on 0.11+ `vim.lsp.enable("copydesk")`
--- with the bundled `lsp/copydesk.lua` is an alternative to `setup()`.

local M = {}

--- The defaults, also what `:help copydesk-setup` documents.
M.defaults = {
  -- The server command. The LSP client talks to it over stdio.
  cmd = { "copydesk", "lsp" },
  -- Filetypes to check (Neovim's names: `markdown`, `text`, …).
  filetypes = { "markdown", "text" },
  -- Sent to the server (`workspace/didChangeConfiguration`, and the answer
  -- to `workspace/configuration`), e.g. { copydesk = { rules = { promo = "error" } } }.
  settings = {},
  -- Files or directories that mark a project root; the first found upward
  -- from the buffer wins, else the buffer's own directory.
  root_markers = { ".git", "copydesk.toml" },
}

--- The active configuration, set by `setup()`.
M.config = nil

local NAME = "copydesk"
local warned_missing = false

-- 0.11 made client functions methods (`client:stop()`); 0.9 and 0.10 have
-- plain functions (`client.stop()`), where a `self` would be taken as the
-- first argument.
local methods = vim.fn.has("nvim-0.11") == 1
local function call(client, fn, ...)
  if methods then
    return client[fn](client, ...)
  end
  return client[fn](...)
end

local function get_clients(filter)
  -- `get_active_clients` is the 0.9 name; 0.10 renamed it.
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  return vim.lsp.get_active_clients(filter)
end

--- The running copydesk clients (optionally only those attached to `bufnr`).
function M.clients(bufnr)
  return get_clients({ name = NAME, bufnr = bufnr })
end

local function check_opts(opts)
  local function is_list_of_strings(v)
    if type(v) ~= "table" or #v == 0 then
      return false
    end
    for _, s in ipairs(v) do
      if type(s) ~= "string" then
        return false
      end
    end
    return true
  end
  if opts.cmd ~= nil and not is_list_of_strings(opts.cmd) and type(opts.cmd) ~= "function" then
    error("copydesk.setup: opts.cmd must be a list of strings, e.g. { 'copydesk', 'lsp' }", 3)
  end
  if opts.filetypes ~= nil and not is_list_of_strings(opts.filetypes) then
    error("copydesk.setup: opts.filetypes must be a list of filetype names", 3)
  end
  if opts.root_markers ~= nil and not is_list_of_strings(opts.root_markers) then
    error("copydesk.setup: opts.root_markers must be a list of file names", 3)
  end
  if opts.settings ~= nil and type(opts.settings) ~= "table" then
    error("copydesk.setup: opts.settings must be a table", 3)
  end
end

--- The project root of `bufnr`: the nearest directory upward holding one of
--- the root markers, else the buffer's directory.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = vim.fs.dirname(name)
  local found = vim.fs.find(M.config.root_markers, { path = start, upward = true })[1]
  if found then
    return vim.fs.dirname(found)
  end
  return start
end

local function executable(cmd)
  if type(cmd) == "function" then
    return true
  end
  return vim.fn.executable(cmd[1]) == 1
end

--- Start (or reuse) the client for `bufnr`'s root and attach it. Returns the
--- client id, or nil when the buffer is not a file or the server is missing.
function M.attach(bufnr)
  if not M.config then
    M.setup({})
  end
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  -- Only real files: not help, terminals, scratch or unnamed buffers.
  if vim.bo[bufnr].buftype ~= "" or vim.api.nvim_buf_get_name(bufnr) == "" then
    return nil
  end
  local cmd = M.config.cmd
  if not executable(cmd) then
    if not warned_missing then
      warned_missing = true
      vim.notify(
        ("copydesk: cannot run %q: no such executable (on PATH or at that path). Install copydesk (see :help copydesk-install) "
          .. "or give its path: require('copydesk').setup({ cmd = { '/path/to/copydesk', 'lsp' } })"):format(cmd[1]),
        vim.log.levels.ERROR
      )
    end
    return nil
  end
  local root = M.root_dir(bufnr)
  -- Before 0.11, Neovim holds one position encoding per buffer and warns
  -- when its clients differ; offer UTF-16 alone there, as other servers
  -- speak it. 0.11 keeps one per client: copydesk takes UTF-8 (see
  -- docs/position-encoding.md).
  local capabilities
  if vim.fn.has("nvim-0.11") == 0 then
    capabilities = vim.lsp.protocol.make_client_capabilities()
    capabilities.general = capabilities.general or {}
    capabilities.general.positionEncodings = { "utf-16" }
  end
  return vim.lsp.start({
    name = NAME,
    cmd = cmd,
    root_dir = root,
    settings = M.config.settings,
    capabilities = capabilities,
  }, {
    bufnr = bufnr,
    -- One client per root, whatever the version's default rule is.
    reuse_client = function(client, config)
      return client.name == config.name
        and client.config.root_dir == config.root_dir
        and not call(client, "is_stopped")
    end,
  })
end

--- Send the current settings to every running client.
local function push_settings(settings)
  for _, client in ipairs(M.clients()) do
    client.config.settings = settings
    if client.settings ~= nil then
      -- 0.11 answers `workspace/configuration` from `client.settings`.
      client.settings = settings
    end
    call(client, "notify", "workspace/didChangeConfiguration", { settings = settings })
  end
end

--- Stop every copydesk client and attach the matching buffers again.
function M.restart()
  local stopping = {}
  for _, client in ipairs(M.clients()) do
    stopping[client.id] = true
    call(client, "stop")
  end
  -- Wait (briefly) until they are gone, so that the new clients do not
  -- share the screen with the old ones' last diagnostics.
  vim.wait(5000, function()
    for _, client in ipairs(M.clients()) do
      if stopping[client.id] then
        return false
      end
    end
    return true
  end, 50)
  M.attach_all()
end

--- Attach every loaded buffer whose filetype is checked.
function M.attach_all()
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

--- Configure copydesk and attach it to matching buffers, now and later.
--- Calling it again replaces the configuration; new settings reach running
--- servers at once, a new `cmd` takes effect on `:CopydeskRestart`.
---
--- @param opts? { cmd?: string[], filetypes?: string[], settings?: table, root_markers?: string[] }
function M.setup(opts)
  opts = opts or {}
  check_opts(opts)
  -- A shallow merge on purpose: a user's `filetypes = { "markdown" }` must
  -- replace the default list, not be merged into it index by index.
  local config = vim.deepcopy(M.defaults)
  for key, value in pairs(opts) do
    config[key] = vim.deepcopy(value)
  end
  local previous = M.config
  M.config = config
  warned_missing = false

  local group = vim.api.nvim_create_augroup("copydesk", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = config.filetypes,
    desc = "copydesk: attach the language server",
    callback = function(args)
      M.attach(args.buf)
    end,
  })

  if previous and not vim.deep_equal(previous.settings, config.settings) then
    push_settings(config.settings)
  end
  M.attach_all()
end

return M
