//! Which drafts a `copydesk check` run reads: the command-line paths, with
//! directories walked the way ripgrep walks them.
//!
//! A directory is walked with the `ignore` crate: `.gitignore` (inside a git
//! repository), `.ignore` and `.git/info/exclude` are honoured, hidden files
//! and directories are skipped, and symbolic links are not followed. Of the
//! files found, drafts are those ending `.md`, `.markdown`, `.txt`, `.html`
//! or `.htm` (any case) — or, when `--include` globs are given, those matching
//! one of them instead. `--exclude` globs drop files and whole directories.
//! Globs are gitignore-style and relative to the directory given.
//!
//! A file named on the command line is always checked, whatever its name:
//! that is how pre-commit and editors call the tool. Files found in one
//! directory are checked in sorted path order, so output never depends on the
//! order the file system lists them in.
//!
//! This module only lists paths; reading them is `draft`'s job.

use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;

/// Extensions of the files a directory walk checks (compared without case).
pub const DRAFT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

/// `--include` and `--exclude`, as typed.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// One thing to check, in the order it will be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// `-`: standard input.
    Stdin,
    /// A file named on the command line, or found in a directory.
    File(PathBuf),
    /// A file or directory that could not be listed, with the reason, worded
    /// for the person at the terminal. Reported in its place in the run.
    Unreadable(String),
}

/// A glob that does not parse: a usage error, reported before anything runs.
#[derive(Debug)]
pub struct BadGlob(pub String);

impl Filter {
    /// Check every glob once, so a typo is a usage error rather than a
    /// complaint per directory.
    pub fn validate(&self) -> Result<(), BadGlob> {
        self.overrides(Path::new(".")).map(|_| ())
    }

    fn overrides(&self, root: &Path) -> Result<Override, BadGlob> {
        let mut builder = OverrideBuilder::new(root);
        let globs = self.include.iter().map(|g| (g, g.clone()));
        let negated = self.exclude.iter().map(|g| (g, format!("!{g}")));
        for (typed, glob) in globs.chain(negated) {
            builder
                .add(&glob)
                .map_err(|e| BadGlob(format!("bad glob `{typed}`: {}", glob_reason(&e))))?;
        }
        builder
            .build()
            .map_err(|e| BadGlob(format!("bad globs: {}", glob_reason(&e))))
    }

    fn is_draft(&self, path: &Path) -> bool {
        // With `--include`, the overrides have already chosen.
        if !self.include.is_empty() {
            return true;
        }
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DRAFT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
    }
}

/// The inputs for `paths`, in command-line order, directories expanded.
pub fn inputs(paths: &[PathBuf], filter: &Filter) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, filter, &mut inputs);
        } else {
            // Missing and unreadable files are named when `draft` reads them.
            inputs.push(Input::File(path.clone()));
        }
    }
    inputs
}

fn walk(dir: &Path, filter: &Filter, inputs: &mut Vec<Input>) {
    let overrides = match filter.overrides(dir) {
        Ok(o) => o,
        Err(BadGlob(e)) => {
            inputs.push(Input::Unreadable(e));
            return;
        }
    };
    let mut files = Vec::new();
    let mut trouble = Vec::new();
    for entry in WalkBuilder::new(dir).overrides(overrides).build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && filter.is_draft(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(e) => trouble.push(Input::Unreadable(walk_error(dir, &e))),
        }
    }
    if files.is_empty() && trouble.is_empty() {
        // A typo in a CI path should not pass as "no findings".
        trouble.push(Input::Unreadable(format!(
            "no drafts found in {} (looked for {}{})",
            dir.display(),
            if filter.include.is_empty() {
                DRAFT_EXTENSIONS
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                filter.include.join(", ")
            },
            ", skipping hidden and ignored files"
        )));
    }
    files.sort();
    inputs.extend(trouble);
    inputs.extend(files.into_iter().map(Input::File));
}

/// A walk error in a few plain words, naming the path when the error does.
fn walk_error(dir: &Path, e: &ignore::Error) -> String {
    let mut err = e;
    let mut path = None;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = Some(p.clone());
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            _ => break,
        }
    }
    let reason = match err {
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "permission denied".to_owned()
        }
        ignore::Error::Loop { .. } => "symbolic link loop".to_owned(),
        other => other.to_string(),
    };
    let path = path.unwrap_or_else(|| dir.to_path_buf());
    format!("cannot read {}: {reason}", path.display())
}

fn glob_reason(e: &ignore::Error) -> String {
    match e {
        ignore::Error::Glob { err, .. } => err.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(root: &Path, rel: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "x\n").unwrap();
    }

    fn listed(root: &Path, filter: &Filter) -> Vec<String> {
        inputs(&[root.to_path_buf()], filter)
            .into_iter()
            .map(|i| match i {
                Input::File(p) => p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_walk_finds_drafts_sorted_and_skips_hidden_ignored_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.md",
            "a.markdown",
            "notes.TXT",
            "page.htm",
            "sub/z.html",
            "sub/a.md",
            "image.png",
            "Cargo.toml",
            ".hidden.md",
            ".drafts/secret.md",
            "built/out.md",
            "scratch.md",
        ] {
            touch(root, f);
        }
        // `.gitignore` counts inside a git repository; `.ignore` everywhere.
        fs::create_dir(root.join(".git")).unwrap();
        fs::write(root.join(".gitignore"), "built/\n").unwrap();
        fs::write(root.join(".ignore"), "scratch.md\n").unwrap();
        assert_eq!(
            listed(root, &Filter::default()),
            [
                "a.markdown",
                "b.md",
                "notes.TXT",
                "page.htm",
                "sub/a.md",
                "sub/z.html"
            ]
        );
    }

    #[test]
    fn include_replaces_the_extensions_and_exclude_drops_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a.md",
            "b.rst",
            "archive/old.md",
            "archive/old.rst",
            "c.txt",
        ] {
            touch(root, f);
        }
        let filter = Filter {
            include: vec!["*.rst".into(), "*.md".into()],
            exclude: vec!["archive/".into()],
        };
        assert_eq!(listed(root, &filter), ["a.md", "b.rst"]);
        let filter = Filter {
            include: vec![],
            exclude: vec!["*.txt".into()],
        };
        assert_eq!(listed(root, &filter), ["a.md", "archive/old.md"]);
    }

    #[test]
    fn files_named_on_the_command_line_are_kept_whatever_their_name() {
        let paths = [PathBuf::from("story.rst"), PathBuf::from("-")];
        let filter = Filter {
            include: vec![],
            exclude: vec!["*.rst".into()],
        };
        assert_eq!(
            inputs(&paths, &filter),
            [Input::File("story.rst".into()), Input::Stdin]
        );
    }

    #[test]
    fn a_directory_without_drafts_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "image.png");
        let found = inputs(&[dir.path().to_path_buf()], &Filter::default());
        assert!(
            matches!(&found[..], [Input::Unreadable(m)] if m.starts_with("no drafts found in ")),
            "{found:?}"
        );
    }

    #[test]
    fn an_unreadable_subdirectory_is_named_and_the_rest_still_listed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "a.md");
        touch(root, "locked/b.md");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = root.join("locked");
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
            let readable = fs::read_dir(&locked).is_ok();
            let found = listed(root, &Filter::default());
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
            if readable {
                // Running as root: permissions do not stop a read here.
                return;
            }
            assert_eq!(found.len(), 2, "{found:?}");
            assert!(
                found[0].starts_with("Unreadable(\"cannot read ")
                    && found[0].ends_with("locked: permission denied\")"),
                "{found:?}"
            );
            assert_eq!(found[1], "a.md");
        }
    }

    #[test]
    fn a_bad_glob_is_a_usage_error() {
        let filter = Filter {
            include: vec!["a[".into()],
            exclude: vec![],
        };
        let BadGlob(msg) = filter.validate().unwrap_err();
        assert!(msg.starts_with("bad glob `a[`"), "{msg}");
    }
}
