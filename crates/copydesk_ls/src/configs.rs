//! Which `copydesk.toml` applies to each open draft, kept current without a
//! restart.
//!
//! The file is found with the CLI's lookup (`config_file::find`, walking up
//! from the draft's directory) and read with its loader. Each check stats
//! the file (a cheap mtime-and-size test) and re-reads it when it changed;
//! `didChangeWatchedFiles` and saving the file in the editor forget every
//! lookup and re-read every known file at once (a file created nearer to a
//! draft is then found too).
//!
//! A file that fails to load keeps its last good configuration in force
//! (the defaults if it never loaded), and each distinct problem is handed
//! to the caller once, to show the user.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use copydesk::Config;

use crate::config_file::{self, LoadError};

/// When a file was last read: its modification time and length.
type Stamp = (Option<SystemTime>, u64);

#[derive(Debug)]
struct Entry {
    stamp: Option<Stamp>,
    /// The last configuration that loaded; the defaults if none has.
    good: Arc<Config>,
    /// Problems already shown to the user.
    shown: HashSet<String>,
}

/// The configuration for one draft, and what the caller must act on.
#[derive(Debug)]
pub struct Resolved {
    /// The file's configuration (last good), before editor settings.
    pub config: Arc<Config>,
    /// A problem the user has not been shown yet.
    pub problem: Option<LoadError>,
    /// The file was re-read and says something new: re-check open drafts.
    pub changed: bool,
}

#[derive(Debug, Default)]
pub struct ConfigCache {
    /// Directory → the file that applies there (`None`: no file).
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    files: HashMap<PathBuf, Entry>,
    default: Arc<Config>,
}

impl ConfigCache {
    /// A watched file changed, or the editor saved one: forget every lookup
    /// (a file may have appeared nearer to a draft, or gone) and read every
    /// known file again now, so the checks that follow see the new text and
    /// need not trigger another round. Returns the problems to show.
    pub fn reload(&mut self) -> Vec<LoadError> {
        self.dirs.clear();
        let files: Vec<PathBuf> = self.files.keys().cloned().collect();
        let mut problems = Vec::new();
        for file in files {
            if let Some(entry) = self.files.get_mut(&file) {
                entry.stamp = None;
            }
            if file.is_file() {
                problems.extend(self.load(&file).problem);
            } else {
                // Gone: drafts under it fall back to whatever is found now.
                self.files.remove(&file);
            }
        }
        problems
    }

    /// The configuration for a draft at `path` (a local file path; the file
    /// itself need not exist yet).
    pub fn for_draft(&mut self, path: &Path) -> Resolved {
        let dir = path.parent().unwrap_or(Path::new("/")).to_owned();
        let mut file = self
            .dirs
            .entry(dir.clone())
            .or_insert_with_key(|dir| config_file::find(dir))
            .clone();
        if file.as_deref().is_some_and(|f| !f.is_file()) {
            // Deleted since the lookup: look again.
            file = config_file::find(&dir);
            self.dirs.insert(dir, file.clone());
        }
        match file {
            Some(file) => self.load(&file),
            None => Resolved {
                config: Arc::clone(&self.default),
                problem: None,
                changed: false,
            },
        }
    }

    /// The configuration in `file`, re-read if it changed since last time.
    fn load(&mut self, file: &Path) -> Resolved {
        let stamp = std::fs::metadata(file)
            .ok()
            .map(|m| (m.modified().ok(), m.len()));
        let default = Arc::clone(&self.default);
        // The first load is no change: no draft was checked under this file.
        let known = self.files.contains_key(file);
        let entry = self.files.entry(file.to_owned()).or_insert_with(|| Entry {
            stamp: None,
            good: default,
            shown: HashSet::new(),
        });
        if entry.stamp.is_some() && entry.stamp == stamp {
            return Resolved {
                config: Arc::clone(&entry.good),
                problem: None,
                changed: false,
            };
        }
        entry.stamp = stamp;
        match config_file::load(file) {
            Ok(config) => {
                let differs = *entry.good != config;
                if differs {
                    entry.good = Arc::new(config);
                }
                let changed = differs && known;
                // A problem fixed and made again is shown again.
                entry.shown.clear();
                Resolved {
                    config: Arc::clone(&entry.good),
                    problem: None,
                    changed,
                }
            }
            Err(problem) => {
                let fresh = entry.shown.insert(problem.to_string());
                Resolved {
                    config: Arc::clone(&entry.good),
                    problem: fresh.then_some(problem),
                    changed: false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::Severity;

    #[test]
    fn reloads_on_change_and_keeps_the_last_good_configuration() {
        let root = tempfile::tempdir().expect("temp dir");
        let file = root.path().join(config_file::FILE_NAME);
        let draft = root.path().join("draft.md");
        let mut cache = ConfigCache::default();
        std::fs::write(&file, "[rules]\nclaim = \"info\"\n").expect("write");
        let r = cache.for_draft(&draft);
        assert!(
            !r.changed && r.problem.is_none(),
            "a first load is no change"
        );
        let claim = |c: &Config| c.severity("claim.unattributed", Severity::Warning);
        assert_eq!(claim(&r.config), Some(Severity::Info));
        // Unchanged: nothing new.
        let r = cache.for_draft(&draft);
        assert!(!r.changed && r.problem.is_none());

        // Broken (a different length, so the stamp differs even within one
        // mtime tick): shown once, the last good level stays.
        std::fs::write(&file, "[rules]\nclaim = \"loudly\"\n").expect("write");
        let r = cache.for_draft(&draft);
        let problem = r.problem.expect("a problem to show").to_string();
        assert!(problem.contains(":2:9:"), "{problem}");
        assert_eq!(claim(&r.config), Some(Severity::Info));
        assert!(
            cache.reload().is_empty(),
            "the same problem is shown only once"
        );
        let r = cache.for_draft(&draft);
        assert!(r.problem.is_none());
        assert_eq!(claim(&r.config), Some(Severity::Info));

        // Fixed with a new level: changed.
        std::fs::write(&file, "[rules]\nclaim = \"off\"\n").expect("write");
        let r = cache.for_draft(&draft);
        assert!(r.changed);
        assert_eq!(claim(&r.config), None);

        // Reloaded eagerly: the next check sees no change to act on.
        std::fs::write(&file, "[rules]\nclaim = \"error\"\n").expect("write");
        assert!(cache.reload().is_empty());
        let r = cache.for_draft(&draft);
        assert!(!r.changed);
        assert_eq!(claim(&r.config), Some(Severity::Error));

        // Deleted: the defaults (or whatever lies above) apply.
        std::fs::remove_file(&file).expect("remove");
        assert!(cache.reload().is_empty());
        let r = cache.for_draft(&draft);
        assert_ne!(claim(&r.config), Some(Severity::Error));
    }
}
