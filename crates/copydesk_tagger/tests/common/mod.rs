//! What the tagger's data-reading tests share.

use std::path::PathBuf;

/// The UD English treebanks: `COPYDESK_UD_DATA`, or `shared/data/ud-english`
/// beside the repository; `None` when neither is there.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("COPYDESK_UD_DATA") {
        return Some(PathBuf::from(d));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/data/ud-english"))
        .find(|d| d.join("ewt").is_dir())
}
