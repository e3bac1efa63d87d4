//! The shipped claim model is what its command writes. Runs `train-claims`
//! (this package's binary, the same code as
//! `cargo run --release -p train_claims --bin train-claims`) with
//! `--only-write`, into a temporary folder, and compares the written model
//! and ratchet fixture byte for byte with the committed
//! `crates/copydesk_claims/model/claims.bin` and
//! `crates/copydesk_claims/tests/data/drafts.tsv`.
//!
//! The model is trained on the engine's own signals of each training
//! sentence, so an engine change that moves one of them changes what the
//! command writes (docs/claims.md §4, §6w); this test is what tells.
//!
//! It needs `python3` and the SemEval-2019 data (`SEMEVAL_DIR`, or
//! `shared/data/semeval2019-hyperpartisan` beside one of the checkout's
//! ancestors, as `training/claims/claimdata.py` looks). Without them it says
//! `SKIPPED` on stderr and passes, unless `COPYDESK_CLAIM_REPRO_TEST=required`
//! (set by `.ci/run`): then a skip is a failure.

use std::path::Path;
use std::process::Command;

use train_claims::{repo_root, skip_reproducibility};

const MODEL: &str = "crates/copydesk_claims/model/claims.bin";
const FIXTURE: &str = "crates/copydesk_claims/tests/data/drafts.tsv";
/// The model file's magic bytes, before the header's length.
const MAGIC_LEN: usize = 8;
const REFRESH: &str = "cargo run --release -p train_claims --bin train-claims";

/// The model file's text header: the data counts, the grid's best point,
/// the Platt scaling and the thresholds the command chose.
fn header(bytes: &[u8]) -> String {
    let len = bytes
        .get(MAGIC_LEN..MAGIC_LEN + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let text = bytes
        .get(MAGIC_LEN + 4..MAGIC_LEN + 4 + len)
        .unwrap_or_default();
    String::from_utf8_lossy(text)
        .lines()
        .filter(|l| !l.starts_with("copydesk claim model") && !l.starts_with("trained by"))
        .filter(|l| !l.starts_with("hyper-parameters and"))
        .map(|l| format!("    {l}\n"))
        .collect()
}

/// Up to `max` lines of `new` that differ from `old` (line by line; the
/// fixture has one sentence a line, in a fixed order).
fn moved_lines(old: &str, new: &str, max: usize) -> String {
    let (o, n): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut out = String::new();
    let mut count = 0;
    for i in 0..o.len().max(n.len()) {
        let (a, b) = (o.get(i).copied(), n.get(i).copied());
        if a != b {
            count += 1;
            if count <= max {
                out += &format!(
                    "    line {}:\n      shipped: {}\n      command: {}\n",
                    i + 1,
                    a.unwrap_or("(none)"),
                    b.unwrap_or("(none)")
                );
            }
        }
    }
    if count > max {
        out += &format!("    … and {} more\n", count - max);
    }
    if o.len() != n.len() {
        out += &format!("    ({} lines shipped, {} written)\n", o.len(), n.len());
    }
    out
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_shipped_claim_model_is_what_the_training_command_writes() {
    if skip_reproducibility(
        "the_shipped_claim_model_is_what_the_training_command_writes",
        "the shipped claim model",
        REFRESH,
    ) {
        return;
    }
    let root = repo_root();
    let tmp = std::env::temp_dir().join(format!("copydesk-claims-repro-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let (model, fixture) = (tmp.join("claims.bin"), tmp.join("drafts.tsv"));
    let out = Command::new(env!("CARGO_BIN_EXE_train-claims"))
        .arg("--only-write")
        .arg("--out")
        .arg(&model)
        .arg("--ratchet")
        .arg(&fixture)
        .arg("--export-dir")
        .arg(tmp.join("export"))
        .output()
        .expect("train-claims runs");
    assert!(
        out.status.success(),
        "train-claims failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let (new_model, new_fixture) = (read(&model), read(&fixture));
    let _ = std::fs::remove_dir_all(&tmp);
    let (old_model, old_fixture) = (read(&root.join(MODEL)), read(&root.join(FIXTURE)));
    if new_model == old_model && new_fixture == old_fixture {
        return;
    }
    let mut why = String::new();
    if new_model != old_model {
        why += &format!(
            "{MODEL} differs from what the command writes.\n  shipped header:\n{}  \
             the command's header:\n{}",
            header(&old_model),
            header(&new_model)
        );
    }
    if new_fixture != old_fixture {
        why += &format!(
            "{FIXTURE} differs (the engine's signals of these team-draft sentences moved):\n{}",
            moved_lines(
                &String::from_utf8_lossy(&old_fixture),
                &String::from_utf8_lossy(&new_fixture),
                12
            )
        );
    }
    panic!(
        "\nThe shipped claim model is not what its training command writes: the engine's \
         signals of some training sentences moved since the last retrain.\n{why}\n\
         To refresh the shipped files, run from the repository root:\n\n    {REFRESH}\n\n\
         It rewrites {MODEL} and {FIXTURE}; commit both with the engine's figures before \
         and after (docs/claims.md §6w).\n"
    );
}
