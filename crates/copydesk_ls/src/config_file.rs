//! Finding and reading `copydesk.toml`: the only configuration IO, shared by
//! the CLI and the server so both pick the same file for a draft.
//!
//! The file that applies to a draft is the first `copydesk.toml` found in the
//! draft's directory or one of its ancestors. Parsing is the engine's
//! (`Config::from_toml_bytes`, a pure function); this module only walks
//! directories and reads bytes.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use copydesk::config::ConfigError;
use copydesk::Config;

pub const FILE_NAME: &str = "copydesk.toml";

/// The `copydesk.toml` that applies to files in `dir`: in `dir` or the
/// nearest ancestor that has one. A relative `dir` is taken from the
/// current directory, so the walk goes above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Why a configuration file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read.
    Read { path: PathBuf, reason: String },
    /// The file was read but is not a valid configuration.
    Invalid {
        path: PathBuf,
        errors: Vec<ConfigError>,
    },
}

impl LoadError {
    /// One line per problem: `path:line:col: message` (or `path: message`).
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Read { path, reason } => {
                vec![format!("{}: cannot read: {reason}", path.display())]
            }
            LoadError::Invalid { path, errors } => errors
                .iter()
                .map(|e| format!("{}:{e}", path.display()))
                .collect(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

/// Read and parse a configuration file.
pub fn load(path: &Path) -> Result<Config, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Read {
        path: path.to_owned(),
        reason: describe(&e),
    })?;
    Config::from_toml_bytes(&bytes).map_err(|errors| LoadError::Invalid {
        path: path.to_owned(),
        errors,
    })
}

fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ if e.raw_os_error() == Some(21) => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_file_walking_up() {
        let root = tempfile::tempdir().expect("temp dir");
        let deep = root.path().join("a/b/c");
        std::fs::create_dir_all(&deep).expect("dirs");
        // Nothing inside the temporary tree yet: whatever applies above it.
        assert_eq!(find(&deep), find(root.path()));
        std::fs::write(root.path().join("a").join(FILE_NAME), "").expect("write");
        assert_eq!(find(&deep), Some(root.path().join("a").join(FILE_NAME)));
        std::fs::write(deep.join(FILE_NAME), "").expect("write");
        assert_eq!(find(&deep), Some(deep.join(FILE_NAME)));
        // A directory of that name is not a configuration file.
        std::fs::create_dir_all(root.path().join("a/b").join(FILE_NAME)).expect("dir");
        assert_eq!(
            find(&root.path().join("a/b")),
            Some(root.path().join("a").join(FILE_NAME))
        );
    }
}
