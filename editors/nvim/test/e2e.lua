-- Headless end-to-end test of the copydesk Neovim plugin against a real
-- `copydesk` binary. Run by test/run.sh:
--
--   nvim --headless --clean -l test/e2e.lua MODE DRAFT.md
--
-- MODE `setup`: require("copydesk").setup(); the draft and a plain-text copy
--   in one project share one client, a second project gets its own; the
--   diagnostics match `copydesk check`, follow an edit, and code actions are
--   requested, must be offered (two or more per finding), and one applied.
-- MODE `late`: setup() after the draft is open, as lazy.nvim's `ft =` does.
-- MODE `enable` (Neovim 0.11+): vim.lsp.enable("copydesk") with the plugin's
--   lsp/copydesk.lua, UTF-16 positions forced, diagnostics match.
-- MODE `two` (Neovim 0.11+): copydesk beside a UTF-16-only server
--   (test/utf16_stub.py) on one buffer; diagnostics, hover and code actions
--   of both work, and Neovim prints no warning.
--
-- Environment: COPYDESK_BIN (the server binary), COPYDESK_E2E_TIMEOUT_MS.
-- Prints one line per check; exits non-zero on the first failure.

local mode, draft_src = arg[1], arg[2]
local bin = os.getenv("COPYDESK_BIN")
local timeout = tonumber(os.getenv("COPYDESK_E2E_TIMEOUT_MS") or "") or 30000

local function say(fmt, ...)
  io.stdout:write(("[nvim %s] " .. fmt .. "\n"):format(mode, ...))
  io.stdout:flush()
end

-- Leave through :cquit / :qall, not os.exit(), so that Neovim removes its
-- temporary directory on the way out.
local function fail(fmt, ...)
  say("FAIL: " .. fmt, ...)
  vim.cmd("cquit 1")
end

if not (mode and draft_src and bin) then
  io.stderr:write("usage: COPYDESK_BIN=… nvim --headless --clean -l test/e2e.lua setup|late|enable DRAFT.md\n")
  vim.cmd("cquit 2")
end

-- The plugin under test: this file's ../, first on the runtime path.
local here = vim.fs.dirname(vim.fs.normalize(debug.getinfo(1, "S").source:sub(2)))
local plugin = vim.fs.dirname(vim.fn.fnamemodify(here, ":p"):gsub("/$", ""))
vim.opt.runtimepath:prepend(plugin)
vim.cmd("filetype on")
vim.cmd("runtime! plugin/copydesk.lua")
say("Neovim %s, plugin at %s, server %s", tostring(vim.version()), plugin, bin)

-- ---------------------------------------------------------------- fixtures

local uv = vim.uv or vim.loop
local scratch = vim.fn.tempname()

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function write(path, text)
  vim.fn.mkdir(vim.fs.dirname(path), "p")
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

local draft_text = read(draft_src)
local function project(name, files)
  local root = scratch .. "/" .. name
  vim.fn.mkdir(root .. "/.git", "p") -- a root marker
  for file, text in pairs(files) do
    write(root .. "/" .. file, text)
  end
  return vim.fn.resolve(root)
end

-- ---------------------------------------------------- what check reports

--- 0-based line and byte column of a UTF-8 byte offset.
local function line_col(text, offset)
  local before = text:sub(1, offset)
  local line = select(2, before:gsub("\n", ""))
  local last_nl = before:match(".*()\n")
  return line, last_nl and (offset - last_nl) or offset
end

local SEVERITY = { error = 1, warning = 2, info = 3, hint = 4 }

local function expected_for(path)
  local out = vim.fn.system({ bin, "check", "--format", "json", path })
  if vim.v.shell_error > 1 then
    fail("copydesk check %s exited %d: %s", path, vim.v.shell_error, out)
  end
  local text = read(path)
  local list = {}
  for _, f in ipairs(vim.json.decode(out)) do
    local lnum, col = line_col(text, f.start.offset)
    local end_lnum, end_col = line_col(text, f["end"].offset)
    table.insert(list, {
      code = f.rule,
      lnum = lnum,
      col = col,
      end_lnum = end_lnum,
      end_col = end_col,
      severity = SEVERITY[f.severity],
      message = f.message,
    })
  end
  return list
end

-- ------------------------------------------------- what Neovim holds

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function seen_for(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "copydesk" then
      table.insert(list, {
        code = code_of(d),
        lnum = d.lnum,
        col = d.col,
        end_lnum = d.end_lnum,
        end_col = d.end_col,
        severity = d.severity,
        message = d.message,
      })
    end
  end
  return list
end

local function key(d)
  return ("%05d:%05d:%05d:%05d:%s:%d:%s"):format(d.lnum, d.col, d.end_lnum, d.end_col, d.code, d.severity, d.message)
end

local function keys(list)
  local out = {}
  for _, d in ipairs(list) do
    table.insert(out, key(d))
  end
  table.sort(out)
  return out
end

local function shifted(list, lines)
  local out = {}
  for _, d in ipairs(list) do
    local c = vim.deepcopy(d)
    c.lnum, c.end_lnum = c.lnum + lines, c.end_lnum + lines
    table.insert(out, c)
  end
  return out
end

--- Wait until `buf`'s copydesk diagnostics are exactly `expected`.
local function expect_diagnostics(buf, expected, what)
  local want = keys(expected)
  local got
  local ok = vim.wait(timeout, function()
    got = keys(seen_for(buf))
    return vim.deep_equal(got, want)
  end, 50)
  if not ok then
    for _, k in ipairs(want) do
      if not vim.tbl_contains(got, k) then
        say("  missing:    %s", k)
      end
    end
    for _, k in ipairs(got) do
      if not vim.tbl_contains(want, k) then
        say("  unexpected: %s", k)
      end
    end
    fail("%s: the diagnostics in Neovim differ from copydesk check (%d seen, %d expected)", what, #got, #want)
  end
  if #want == 0 then
    fail("%s: copydesk check reports nothing for this draft; pick one with findings", what)
  end
  local codes = {}
  for _, d in ipairs(expected) do
    codes[d.code] = true
  end
  local names = vim.tbl_keys(codes)
  table.sort(names)
  say("ok: %s: %d diagnostic(s) match copydesk check (%s)", what, #want, table.concat(names, ", "))
end

local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function copydesk_clients(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ name = "copydesk", bufnr = bufnr })
end

local methods = vim.fn.has("nvim-0.11") == 1
local function call(client, fn, ...)
  if methods then
    return client[fn](client, ...)
  end
  return client[fn](...)
end

-- ------------------------------------------------------------ code actions

local function code_actions(buf, client)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "copydesk" then
      table.insert(diagnostics, d)
    end
  end
  local offered = client.server_capabilities.codeActionProvider
  say("server advertises codeActionProvider: %s", vim.inspect(offered or false))
  local total, applied = 0, false
  for _, d in ipairs(diagnostics) do
    local lsp_diag = d.user_data and d.user_data.lsp
    local range = lsp_diag and lsp_diag.range
      or {
        start = { line = d.lnum, character = d.col },
        ["end"] = { line = d.end_lnum, character = d.end_col },
      }
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = range,
      context = { diagnostics = lsp_diag and { lsp_diag } or {}, only = nil },
    }
    -- Ask the server directly, even when it advertises nothing: the request
    -- must come back (a result or an error), not hang or kill the server.
    local response, err = call(client, "request_sync", "textDocument/codeAction", params, 5000, buf)
    if response == nil then
      fail("textDocument/codeAction got no answer: %s", tostring(err))
    end
    local actions = response.result or {}
    if response.err then
      say("codeAction at %d:%d: server answered %s", d.lnum + 1, d.col + 1, response.err.message or vim.inspect(response.err))
    end
    total = total + #actions
    if not applied and #actions > 0 then
      local action = actions[1]
      local before = vim.api.nvim_buf_get_changedtick(buf)
      if action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      end
      local command = action.command
      if type(command) == "table" and command.command then
        call(client, "request_sync", "workspace/executeCommand", command, 5000, buf)
      elseif type(action.command) == "string" then
        call(client, "request_sync", "workspace/executeCommand", action, 5000, buf)
      end
      applied = true
      say("applied code action %q (buffer %s)", action.title, vim.api.nvim_buf_get_changedtick(buf) ~= before and "changed" or "unchanged")
      -- The diagnostics must then be those of the edited text.
      local name = vim.api.nvim_buf_get_name(buf)
      local copy = scratch .. "/after-action/" .. vim.fn.fnamemodify(name, ":t")
      write(copy, table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n")
      expect_diagnostics(buf, expected_for(copy), "after the code action")
    end
  end
  -- The README promises quick fixes: every finding has at least its two
  -- suppression comments.
  if #diagnostics > 0 and total < 2 * #diagnostics then
    fail("the server offered %d code action(s) for %d diagnostic(s); at least two each expected", total, #diagnostics)
  end
  say("ok: the server offered %d code action(s) for %d diagnostic(s); one applied", total, #diagnostics)
  -- The server must still be alive after all that.
  if call(client, "is_stopped") then
    fail("the server stopped after the code action requests")
  end
  return applied
end

-- ------------------------------------------------------------------ modes

local function run_setup()
  local a = project("a", { ["draft.md"] = draft_text, ["notes.txt"] = draft_text })
  local b = project("b", { ["draft.md"] = draft_text })

  -- 0. A missing binary is reported clearly, once, and nothing starts.
  local notes = {}
  local real_notify = vim.notify
  vim.notify = function(msg, level)
    table.insert(notes, { msg = msg, level = level })
  end
  require("copydesk").setup({ cmd = { scratch .. "/no-such-copydesk", "lsp" } })
  open(a .. "/draft.md")
  open(a .. "/notes.txt")
  vim.notify = real_notify
  if #notes ~= 1 or notes[1].level ~= vim.log.levels.ERROR or not notes[1].msg:find("cannot run", 1, true) then
    fail("expected one error about the missing binary, got %s", vim.inspect(notes))
  end
  if #copydesk_clients() ~= 0 then
    fail("a client started without a binary")
  end
  say("ok: a missing binary is reported once: %s", notes[1].msg:gsub("\n", " "))
  vim.cmd("silent %bwipeout!")

  require("copydesk").setup({
    cmd = { bin, "lsp" },
    settings = { copydesk = { rules = { ["source.anonymous"] = "info" } } },
  })

  -- 1. The draft: diagnostics arrive and match, positions included.
  local buf = open(a .. "/draft.md")
  if vim.bo[buf].filetype ~= "markdown" then
    fail("filetype of draft.md is %q", vim.bo[buf].filetype)
  end
  expect_diagnostics(buf, expected_for(a .. "/draft.md"), "a/draft.md")
  local clients = copydesk_clients(buf)
  if #clients ~= 1 then
    fail("%d copydesk clients attached to a/draft.md", #clients)
  end
  local client = clients[1]
  say("ok: client %d, root %s, position encoding %s, server %s %s", client.id, client.config.root_dir,
    client.offset_encoding, (client.server_info or {}).name or "?", (client.server_info or {}).version or "?")
  if client.config.root_dir ~= a then
    fail("root is %s, expected %s", tostring(client.config.root_dir), a)
  end

  -- 2. An edit: a line inserted above moves every finding down by one.
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { "Editor's note: this story was updated." })
  expect_diagnostics(buf, shifted(expected_for(a .. "/draft.md"), 1), "after inserting a line")
  vim.api.nvim_buf_set_lines(buf, 0, 1, false, {})
  expect_diagnostics(buf, expected_for(a .. "/draft.md"), "after removing it again")

  -- 3. Code actions: requested; applied if offered.
  code_actions(buf, client)

  -- 4. Another file in the same root reuses the client; plain text is checked too.
  local txt = open(a .. "/notes.txt")
  if vim.bo[txt].filetype ~= "text" then
    fail("filetype of notes.txt is %q", vim.bo[txt].filetype)
  end
  expect_diagnostics(txt, expected_for(a .. "/notes.txt"), "a/notes.txt (plain text)")
  if #copydesk_clients() ~= 1 or copydesk_clients(txt)[1].id ~= client.id then
    fail("notes.txt did not reuse the client of its root (%d clients)", #copydesk_clients())
  end
  say("ok: one client serves both files of root a")

  -- 5. A second root gets its own client.
  local other = open(b .. "/draft.md")
  expect_diagnostics(other, expected_for(b .. "/draft.md"), "b/draft.md")
  local all = copydesk_clients()
  if #all ~= 2 then
    fail("%d clients for two roots", #all)
  end
  say("ok: a second root starts a second client")

  -- 6. New settings reach running servers without a restart, and the
  --    servers apply them: promo findings come back at error severity.
  local new_settings = { copydesk = { rules = { promo = "error" } } }
  local sent = {}
  for _, c in ipairs(copydesk_clients()) do
    -- Record what each client sends, then send it as before.
    local notify = c.notify
    c.notify = function(...)
      local args = { ... }
      local method, params = args[methods and 2 or 1], args[methods and 3 or 2]
      if method == "workspace/didChangeConfiguration" then
        sent[c.id] = params.settings
      end
      return notify(...)
    end
  end
  require("copydesk").setup({ cmd = { bin, "lsp" }, settings = new_settings })
  for _, c in ipairs(copydesk_clients()) do
    if not vim.deep_equal(sent[c.id], new_settings) then
      fail("client %d did not send the new settings: %s", c.id, vim.inspect(sent[c.id]))
    end
  end
  say("ok: re-running setup() sent workspace/didChangeConfiguration with the new settings to both servers")
  if #copydesk_clients() ~= 2 then
    fail("re-running setup() changed the number of clients to %d", #copydesk_clients())
  end
  vim.api.nvim_buf_set_lines(other, 0, 0, false, { "" })
  local raised = shifted(expected_for(b .. "/draft.md"), 1)
  for _, d in ipairs(raised) do
    if d.code:match("^promo%.") then
      d.severity = vim.diagnostic.severity.ERROR
    end
  end
  expect_diagnostics(other, raised, "after new settings")
  say("ok: re-running setup() with new settings: the servers report promo findings as errors")

  -- 7. :CopydeskRestart brings the clients back and diagnostics return.
  local old_ids = {}
  for _, c in ipairs(copydesk_clients()) do
    old_ids[c.id] = true
  end
  vim.cmd("CopydeskRestart")
  vim.wait(timeout, function()
    return #copydesk_clients() == 2
  end, 50)
  if #copydesk_clients() ~= 2 then
    fail(":CopydeskRestart left %d clients", #copydesk_clients())
  end
  for _, c in ipairs(copydesk_clients()) do
    if old_ids[c.id] then
      fail(":CopydeskRestart kept client %d running", c.id)
    end
  end
  -- The restarted clients start with the settings in force (promo = error).
  expect_diagnostics(other, raised, "after :CopydeskRestart")
  say("ok: :CopydeskRestart restarted %d client(s)", #copydesk_clients())

  -- 8. :help copydesk resolves.
  --    (Tags are generated in a scratch copy, not in the source tree.)
  local docs = scratch .. "/rtp"
  write(docs .. "/doc/copydesk.txt", read(plugin .. "/doc/copydesk.txt"))
  vim.cmd("helptags " .. vim.fn.fnameescape(docs .. "/doc"))
  vim.opt.runtimepath:append(docs)
  for _, tag in ipairs({ "copydesk", "copydesk-setup", "copydesk.setup()", ":CopydeskRestart", "copydesk-lsp-enable" }) do
    local ok, err = pcall(vim.cmd.help, tag)
    if not ok then
      fail(":help %s: %s", tag, err)
    end
  end
  say("ok: :help copydesk and its sections resolve (%s)", vim.fn.expand("%:t"))

  -- 9. :checkhealth copydesk and :CopydeskInfo work.
  vim.cmd("silent checkhealth copydesk")
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  if not report:find("copydesk", 1, true) or report:find("ERROR", 1, true) then
    fail(":checkhealth copydesk:\n%s", report)
  end
  local info = {}
  vim.notify = function(msg)
    table.insert(info, msg)
  end
  vim.cmd("CopydeskInfo")
  vim.notify = real_notify
  if not (info[1] and info[1]:find("copydesk 0", 1, true)) then
    fail(":CopydeskInfo said %s", vim.inspect(info))
  end
  say("ok: :checkhealth copydesk and :CopydeskInfo (%s)", (info[1]:gsub("\n", "; ")))
end

--- As lazy.nvim does with `ft = …`: the buffer is open (and has its
--- filetype) before the plugin is loaded and set up.
local function run_late()
  local a = project("l", { ["draft.md"] = draft_text })
  local buf = open(a .. "/draft.md")
  if #copydesk_clients() ~= 0 then
    fail("a client is running before setup()")
  end
  require("copydesk").setup({ cmd = { bin, "lsp" } })
  expect_diagnostics(buf, expected_for(a .. "/draft.md"), "a buffer opened before setup()")
end

local function run_enable()
  if vim.fn.has("nvim-0.11") ~= 1 then
    say("skipped: vim.lsp.enable needs Neovim 0.11+")
    return
  end
  local a = project("e", { ["draft.md"] = draft_text })
  local shipped = vim.lsp.config.copydesk
  if not shipped or not vim.deep_equal(shipped.filetypes, { "markdown", "text" }) then
    fail("lsp/copydesk.lua was not found on the runtime path: %s", vim.inspect(shipped))
  end
  say("ok: lsp/copydesk.lua provides cmd %s, filetypes %s", table.concat(shipped.cmd, " "), table.concat(shipped.filetypes, ", "))
  vim.lsp.config("copydesk", {
    cmd = { bin, "lsp" },
    -- Offer UTF-16 only, so this run also checks the other position encoding
    -- (the draft has multi-byte characters before some findings).
    before_init = function(params)
      params.capabilities.general = params.capabilities.general or {}
      params.capabilities.general.positionEncodings = { "utf-16" }
    end,
  })
  vim.lsp.enable("copydesk")
  local buf = open(a .. "/draft.md")
  expect_diagnostics(buf, expected_for(a .. "/draft.md"), "draft.md via vim.lsp.enable")
  local client = copydesk_clients(buf)[1]
  if client.offset_encoding ~= "utf-16" then
    fail("position encoding is %s, expected utf-16", client.offset_encoding)
  end
  say("ok: position encoding utf-16, root %s", client.config.root_dir)
end

--- copydesk beside a second server on the same Markdown buffer, as most
--- Neovim users run it (harper-ls, marksman): the other speaks UTF-16 only
--- (test/utf16_stub.py stands in for it), copydesk takes the UTF-8 Neovim
--- offers. Diagnostics, hover and code actions must all work, each client
--- in its own encoding, and Neovim must print no warning.
local function run_two()
  if vim.fn.has("nvim-0.11") ~= 1 then
    say("skipped: per-client position encodings need Neovim 0.11+")
    return
  end
  local warnings = {}
  local real_notify = vim.notify
  vim.notify = function(msg, level, opts)
    if (level or vim.log.levels.INFO) >= vim.log.levels.WARN then
      table.insert(warnings, msg)
    end
    return real_notify(msg, level, opts)
  end
  -- An emoji (4 bytes, 2 UTF-16 units) and an accent (2 bytes, 1 unit)
  -- before a finding: where the encodings' columns differ most.
  local text = draft_text .. "\nCafé owners 😀 say: use code SAVE20 at checkout.\n"
  local root = project("two", { ["draft.md"] = text })
  local stub = here .. "/utf16_stub.py"
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "markdown",
    callback = function(ev)
      vim.lsp.start({ name = "utf16-stub", cmd = { "python3", stub }, root_dir = root }, { bufnr = ev.buf })
    end,
  })
  require("copydesk").setup({ cmd = { bin, "lsp" } })
  local path = root .. "/draft.md"
  local buf = open(path)
  local mine, other
  vim.wait(timeout, function()
    mine = copydesk_clients(buf)[1]
    other = vim.lsp.get_clients({ name = "utf16-stub", bufnr = buf })[1]
    return mine ~= nil and other ~= nil and mine.initialized and other.initialized
  end, 50)
  if not (mine and other) then
    fail("expected copydesk and utf16-stub on the buffer, got %s and %s", tostring(mine), tostring(other))
  end
  if other.offset_encoding ~= "utf-16" then
    fail("the stub's position encoding is %s, expected utf-16", other.offset_encoding)
  end
  say("ok: two servers on one buffer: copydesk in %s, utf16-stub in %s", mine.offset_encoding, other.offset_encoding)

  -- Diagnostics: copydesk's equal `copydesk check`; the stub's land on the
  -- first non-ASCII character of their line, so its UTF-16 columns were
  -- converted as UTF-16 and copydesk's as its own.
  expect_diagnostics(buf, expected_for(path), "beside a UTF-16 server")
  local stub_seen = {}
  vim.wait(timeout, function()
    stub_seen = vim.tbl_filter(function(d)
      return d.source == "utf16-stub"
    end, vim.diagnostic.get(buf))
    return #stub_seen > 0
  end, 50)
  if #stub_seen == 0 then
    fail("no diagnostics from utf16-stub")
  end
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for _, d in ipairs(stub_seen) do
    local want = lines[d.lnum + 1]:find("[\128-\255]") - 1
    if d.col ~= want then
      fail("utf16-stub's diagnostic on line %d is at byte %d, expected %d", d.lnum + 1, d.col, want)
    end
  end
  say("ok: utf16-stub's %d diagnostic(s) sit on their characters", #stub_seen)

  -- The copydesk finding with the most multi-byte characters before it on
  -- its line: where the two encodings' columns differ most.
  local target, most = nil, -1
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "copydesk" then
      local before = lines[d.lnum + 1]:sub(1, d.col)
      local wide = #before - vim.str_utfindex(before, "utf-16")
      if wide > most then
        target, most = d, wide
      end
    end
  end
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  say("cursor on %s at %d:%d (%d bytes more than UTF-16 units before it)", code_of(target), target.lnum + 1, target.col + 1, most)

  -- Hover, as K does it: both servers answer, each asked at its own column.
  vim.lsp.buf.hover()
  local hover_text
  vim.wait(timeout, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= "" then
        local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), "\n")
        if text:find("utf16-stub", 1, true) and text:find(code_of(target), 1, true) then
          hover_text = text
          return true
        end
      end
    end
    return false
  end, 50)
  if not hover_text then
    fail("no hover with both servers' answers (copydesk's naming %s)", code_of(target))
  end
  say("ok: hover shows both servers' answers")
  vim.cmd("fclose!")

  -- Code actions, as gra does it: both servers' are offered; copydesk's
  -- first is applied, in copydesk's encoding.
  local offered
  local real_select = vim.ui.select
  vim.ui.select = function(items, _, on_choice)
    offered = items
    for i, item in ipairs(items) do
      if item.ctx and item.ctx.client_id == mine.id then
        on_choice(item, i)
        return
      end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  vim.wait(timeout, function()
    return offered ~= nil
  end, 50)
  vim.ui.select = real_select
  if not offered then
    fail("no code actions were offered")
  end
  local from = {}
  for _, item in ipairs(offered) do
    local client = vim.lsp.get_client_by_id(item.ctx.client_id)
    from[client.name] = (from[client.name] or 0) + 1
  end
  if not (from.copydesk and from["utf16-stub"]) then
    fail("code actions from both servers expected, got %s", vim.inspect(from))
  end
  say("ok: code actions: %d from copydesk, %d from utf16-stub; copydesk's first applied", from.copydesk, from["utf16-stub"])
  local copy = scratch .. "/two-after/draft.md"
  write(copy, table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n")
  expect_diagnostics(buf, expected_for(copy), "after copydesk's code action, beside a UTF-16 server")

  vim.notify = real_notify
  local messages = vim.api.nvim_exec2("messages", { output = true }).output
  if #warnings > 0 or messages:lower():find("encoding", 1, true) then
    fail("Neovim warned: %s %s", vim.inspect(warnings), messages)
  end
  say("ok: no warnings (messages: %q)", messages)
  for _, client in ipairs(vim.lsp.get_clients({ name = "utf16-stub" })) do
    call(client, "stop")
  end
end

local ok, err = xpcall(function()
  if mode == "setup" then
    run_setup()
  elseif mode == "late" then
    run_late()
  elseif mode == "enable" then
    run_enable()
  elseif mode == "two" then
    run_two()
  else
    fail("unknown mode %s", mode)
  end
end, debug.traceback)
if not ok then
  fail("%s", err)
end
for _, client in ipairs(copydesk_clients()) do
  call(client, "stop")
end
vim.wait(2000, function()
  return #copydesk_clients() == 0
end, 50)
vim.fn.delete(scratch, "rf")
say("PASS")
vim.cmd("qall!")
