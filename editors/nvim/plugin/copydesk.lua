-- Commands only; nothing starts until require("copydesk").setup() is called
-- (or, on Neovim 0.11+, vim.lsp.enable("copydesk")).
if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command("CopydeskRestart", function()
  require("copydesk").restart()
end, { desc = "Restart the copydesk language server(s)" })

vim.api.nvim_create_user_command("CopydeskInfo", function()
  local copydesk = require("copydesk")
  local lines = {}
  for _, client in ipairs(copydesk.clients()) do
    local info = client.server_info or {}
    table.insert(lines, ("copydesk client %d: %s %s, root %s, cmd %s"):format(
      client.id,
      info.name or "?",
      info.version or "",
      client.config.root_dir or "-",
      table.concat(type(client.config.cmd) == "table" and client.config.cmd or { "?" }, " ")
    ))
  end
  if #lines == 0 then
    lines = { "copydesk: no client is running (open a Markdown or text file after setup())" }
  end
  vim.notify(table.concat(lines, "\n"), vim.log.levels.INFO)
end, { desc = "Show the running copydesk clients" })
