//! Incremental edits and position conversion: a random text and random
//! edits in UTF-8 or UTF-16 ranges (any line and column, past the end,
//! inside surrogate pairs, backwards) through the server's document store.
//! No panic, the line index always describes the text, and every offset
//! maps to a position and back onto a character boundary inside the text.
#![no_main]

use copydesk_ls::{convert, document};

use copydesk::line_index::{Encoding, LineIndex};
use copydesk::Format;
use libfuzzer_sys::arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use copydesk_ls::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// An edit: an optional range (line, column, line, column) and new text.
type Edit = (Option<(u32, u32, u32, u32)>, String);

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(utf8) = bool::arbitrary(&mut u) else { return };
    let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let Ok(text) = String::arbitrary(&mut u) else { return };
    let Ok(edits) = Vec::<Vec<Edit>>::arbitrary(&mut u) else { return };
    let uri: Uri = "file:///fuzz.md".parse().unwrap();
    let mut store = document::DocumentStore::default();
    store.open(uri.clone(), text, 1, Format::Markdown);
    for (i, change) in edits.into_iter().enumerate() {
        let changes = change
            .into_iter()
            .map(|(range, text)| TextDocumentContentChangeEvent {
                // Small numbers most of the time, wild ones sometimes.
                range: range.map(|(a, b, c, d)| {
                    let small = |n: u32| if n > 0xFFFF_0000 { n } else { n % 64 };
                    Range::new(Position::new(small(a), small(b)), Position::new(small(c), small(d)))
                }),
                range_length: None,
                text,
            })
            .collect();
        store.change(&uri, i as i32 + 2, changes, encoding).unwrap();
        let snap = store.get(&uri).unwrap().snapshot();
        assert_eq!(*snap.line_index, LineIndex::new(&snap.text));
        let text = snap.text.as_str();
        for offset in 0..=text.len() + 1 {
            let pos = convert::position(text, &snap.line_index, offset, encoding);
            let back = convert::offset(text, &snap.line_index, pos, encoding);
            assert!(back <= text.len() && text.is_char_boundary(back));
            if text.is_char_boundary(offset.min(text.len())) {
                assert!(back <= offset.min(text.len()));
            }
        }
    }
});
