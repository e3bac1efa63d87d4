//! Zed has no way to add a language server from settings alone, so this
//! minimal extension tells it to run `copydesk lsp` for Markdown and plain
//! text: the binary from `lsp.copydesk.binary.path` in Zed's settings if
//! set, else `copydesk` on the PATH of the project's shell.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result, Worktree};

struct Copydesk;

impl zed::Extension for Copydesk {
    fn new() -> Self {
        Copydesk
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.binary);
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = match configured {
            Some(path) => path,
            None => worktree.which("copydesk").ok_or_else(|| {
                "copydesk is not on PATH: install it (cargo install --path . in a copydesk \
                 checkout) or set lsp.copydesk.binary.path in Zed's settings"
                    .to_string()
            })?,
        };
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        Ok(zed::Command {
            command,
            args,
            env: Default::default(),
        })
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        // `lsp.copydesk.settings` in Zed, passed on as the server's settings.
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.settings))
    }
}

zed::register_extension!(Copydesk);
