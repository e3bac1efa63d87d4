//! Reading a `copydesk.toml` for the CLI: the same file the server would
//! find (`copydesk_ls::config_file::find`), read with the drafts' guards.
//!
//! `--config /dev/zero` must not read until memory runs out, nor `--config`
//! a FIFO block forever: the file is read by `draft::read_file` (regular
//! files only, up to `--max-size`), then parsed by the engine.

use std::path::Path;

use copydesk::Config;
use copydesk_ls::config_file::LoadError;

use super::draft;

/// Read and parse a configuration file, refusing special and oversized files.
pub fn load(path: &Path, max_size: u64) -> Result<Config, LoadError> {
    let bytes = draft::read_file(path, max_size).map_err(|e| LoadError::Read {
        path: path.to_owned(),
        reason: draft::describe(&e),
    })?;
    Config::from_toml_bytes(&bytes).map_err(|errors| LoadError::Invalid {
        path: path.to_owned(),
        errors,
    })
}
