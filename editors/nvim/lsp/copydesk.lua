-- Neovim 0.11+: `vim.lsp.enable("copydesk")` picks this up from the runtime
-- path. Override any field with vim.lsp.config("copydesk", { … }).
---@type vim.lsp.Config
return {
  cmd = { "copydesk", "lsp" },
  filetypes = { "markdown", "text" },
  root_markers = { ".git", "copydesk.toml" },
  settings = {},
}
