//! `train-tagger`: trains the tagger on UD English EWT + GUM and prints its
//! evaluation. See docs/tagger.md for the command that made model/upos.bin.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = copydesk_tagger::train::main(&args) {
        eprintln!("{e}");
        std::process::exit(2);
    }
}
