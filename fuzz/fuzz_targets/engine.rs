//! The engine on arbitrary text in all three formats: no panic, every span
//! inside the text on character boundaries, the same findings twice.
#![no_main]

use copydesk::{check, Config, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let format = match pick % 3 {
        0 => Format::Markdown,
        1 => Format::Plain,
        _ => Format::Html,
    };
    let config = Config::default();
    let findings = check(&text, format, &config);
    for f in &findings {
        assert!(
            f.span.start <= f.span.end
                && f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end),
            "{} at {:?}",
            f.rule,
            f.span
        );
    }
    assert_eq!(findings, check(&text, format, &config), "not deterministic");
});
