//! The shipped promo model is what its command writes. Runs `train-promo`
//! (this package's binary, the same code as
//! `cargo run --release -p train_promo --bin train-promo`) into a temporary
//! folder and compares the written model byte for byte with the committed
//! `crates/copydesk_claims/model/promo.bin`.
//!
//! The model reads, for each training unit, whether a promo rule reported
//! it or its neighbours (docs/promo-model.md), so a rule change that moves
//! one of those findings, or a tuning session added to `tests/corpus/spent`,
//! changes what the command writes; this test is what tells.
//!
//! It needs `python3` and the SemEval-2019 data (the real tuning articles
//! are rebuilt by `tests/corpus/spent-real/materialize.py`). Without them it
//! says `SKIPPED` on stderr and passes, unless
//! `COPYDESK_CLAIM_REPRO_TEST=required` (set by `.ci/run` for both learned
//! models): then a skip is a failure.

use std::process::Command;

use train_claims::{repo_root, skip_reproducibility};

const MODEL: &str = "crates/copydesk_claims/model/promo.bin";
const REFRESH: &str = "cargo run --release -p train_promo --bin train-promo";

#[test]
fn the_shipped_promo_model_is_what_the_training_command_writes() {
    if skip_reproducibility(
        "the_shipped_promo_model_is_what_the_training_command_writes",
        "the shipped promo model",
        REFRESH,
    ) {
        return;
    }
    let tmp = std::env::temp_dir().join(format!("copydesk-promo-repro-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let model = tmp.join("promo.bin");
    let out = Command::new(env!("CARGO_BIN_EXE_train-promo"))
        .arg("--out")
        .arg(&model)
        .arg("--export-dir")
        .arg(tmp.join("export"))
        .arg("--report")
        .arg(tmp.join("report.txt"))
        .output()
        .expect("train-promo runs");
    assert!(
        out.status.success(),
        "train-promo failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(&model).expect("the written model");
    let report = std::fs::read_to_string(tmp.join("report.txt")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&tmp);
    let shipped = std::fs::read(repo_root().join(MODEL)).expect("the shipped model");
    assert!(
        written == shipped,
        "\nThe shipped promo model is not what its training command writes: the tuning \
         data or the promo rules' findings on it moved since the last retrain.\n\
         The command's report:\n{report}\n\
         To refresh the shipped file, run from the repository root:\n\n    {REFRESH}\n\n\
         It rewrites {MODEL}; commit it with the validation figures before and after \
         (docs/promo-model.md).\n"
    );
}
