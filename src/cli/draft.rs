//! A draft as the CLI holds it: its name, its text, and how to turn the
//! engine's byte offsets back into the file's lines, columns and offsets.
//!
//! Reading is the only IO here. A UTF-8 byte-order mark is dropped before the
//! engine sees the text and added back to every offset we print, so offsets
//! stay those of the file while columns count what a reader sees.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::ops::Range;
use std::path::Path;
use std::str::Utf8Error;

use copydesk::line_index::{floor_char_boundary, Encoding, LineIndex};
use copydesk::Format;
use serde::Serialize;

const BOM: &str = "\u{feff}";

/// The name stdin is reported under.
pub const STDIN_NAME: &str = "<stdin>";

#[derive(Debug)]
pub struct Draft {
    /// The path as given on the command line, or `<stdin>`.
    name: String,
    format: Format,
    /// The file's text without its byte-order mark.
    text: String,
    /// Bytes of the file before `text`: 3 after a byte-order mark, else 0.
    base: usize,
    index: LineIndex,
}

/// A place in a draft, as printed: 1-based line, 1-based column in
/// characters, and the UTF-8 byte offset in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Why a draft could not be read, worded for the person at the terminal.
#[derive(Debug)]
pub struct ReadError {
    name: String,
    reason: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", self.name, self.reason)
    }
}

impl Draft {
    /// Read a file whole, or stdin for `-`. Stdin is reported as
    /// `stdin_name` (`--stdin-filename`), which also picks its format, or as
    /// `<stdin>` (Markdown).
    pub fn read(path: &Path, stdin_name: Option<&str>) -> Result<Draft, ReadError> {
        let (name, bytes) = if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let read = io::stdin().lock().read_to_end(&mut bytes);
            let name = stdin_name.unwrap_or(STDIN_NAME);
            (name.to_owned(), read.map(|_| bytes))
        } else {
            (path.display().to_string(), read_file(path))
        };
        let bytes = bytes.map_err(|e| ReadError {
            reason: describe(&e),
            name: name.clone(),
        })?;
        let format = Format::from_path(&name);
        Draft::from_bytes(name, format, bytes)
    }

    /// A draft from a file's bytes, which must be UTF-8.
    pub fn from_bytes(name: String, format: Format, bytes: Vec<u8>) -> Result<Draft, ReadError> {
        let mut text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let reason = not_utf8(e.as_bytes(), e.utf8_error());
                return Err(ReadError { name, reason });
            }
        };
        let base = if text.starts_with(BOM) { BOM.len() } else { 0 };
        text.drain(..base);
        let index = LineIndex::new(&text);
        Ok(Draft {
            name,
            format,
            text,
            base,
            index,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The text the engine checks (without a byte-order mark).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where an engine offset (into `text()`) is, in the file's terms.
    /// Out-of-range offsets clamp to the end.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.settle(offset);
        let (line, column) = self.line_col(offset, Encoding::Utf32);
        Position {
            line,
            column,
            offset: offset + self.base,
        }
    }

    /// 1-based line and column of an engine offset, the column counted in
    /// `encoding`'s units (SARIF counts UTF-16 code units by default).
    pub fn line_col(&self, offset: usize, encoding: Encoding) -> (usize, usize) {
        let at = self
            .index
            .line_col(&self.text, self.settle(offset), encoding);
        (at.line as usize + 1, at.col as usize + 1)
    }

    /// An offset clamped onto a character boundary, and moved off the middle
    /// of a `\r\n`: between the two is still the end of the line, so that
    /// columns never count the `\r` (a regex `.` does match it).
    fn settle(&self, offset: usize) -> usize {
        let offset = floor_char_boundary(&self.text, offset);
        let bytes = self.text.as_bytes();
        if offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
            offset - 1
        } else {
            offset
        }
    }

    /// The byte range in `text()` of a 1-based line's content, without its break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let line = u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX);
        self.index.line_range(&self.text, line)
    }
}

fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    // Opening a directory succeeds on Unix; reading it fails with a less
    // helpful error, so ask first.
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::other("is a directory"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// An IO error in a few plain words (not "os error 2").
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Where and why `bytes` stops being UTF-8.
fn not_utf8(bytes: &[u8], e: Utf8Error) -> String {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return "not valid UTF-8 (it looks like UTF-16; save it as UTF-8)".to_owned();
    }
    let at = e.valid_up_to();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    match (e.error_len(), bytes.get(at)) {
        (Some(_), Some(b)) => {
            format!("not valid UTF-8 (byte {b:#04x} at offset {at}, line {line})")
        }
        _ => format!("not valid UTF-8 (truncated character at offset {at}, line {line})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(bytes: &[u8]) -> Result<Draft, ReadError> {
        Draft::from_bytes("d.md".into(), Format::Markdown, bytes.to_vec())
    }

    #[test]
    fn positions_are_one_based_characters_and_file_bytes() {
        let d = draft("ab\nCafé x".as_bytes()).unwrap();
        let x = d.text().find('x').unwrap();
        assert_eq!(
            d.position(x),
            Position {
                line: 2,
                column: 6,
                offset: x
            }
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped_but_counted_in_offsets() {
        let d = draft("\u{feff}code X".as_bytes()).unwrap();
        assert_eq!(d.text(), "code X");
        assert_eq!(
            d.position(5),
            Position {
                line: 1,
                column: 6,
                offset: 8
            }
        );
    }

    #[test]
    fn columns_never_count_a_carriage_return() {
        let d = draft(b"ab\r\ncd").unwrap();
        // Offset 3 sits between `\r` and `\n`: still the end of line 1.
        assert_eq!(
            d.position(3),
            Position {
                line: 1,
                column: 3,
                offset: 2
            }
        );
        assert_eq!(d.position(4).line, 2);
        assert_eq!(d.line_range(1), 0..2);
    }

    #[test]
    fn columns_can_be_counted_in_utf16_code_units() {
        // "😀" is one character, two UTF-16 code units, four bytes.
        let d = draft("a😀 code X".as_bytes()).unwrap();
        let x = d.text().find("code").unwrap();
        assert_eq!(d.line_col(x, Encoding::Utf32), (1, 4));
        assert_eq!(d.line_col(x, Encoding::Utf16), (1, 5));
        assert_eq!(d.line_col(x, Encoding::Utf8), (1, 7));
    }

    #[test]
    fn out_of_range_offsets_clamp() {
        let d = draft("é".as_bytes()).unwrap();
        assert_eq!(d.position(1).offset, 0);
        assert_eq!(d.position(99).offset, 2);
        assert_eq!(d.line_range(99), 2..2);
    }

    #[test]
    fn bad_utf8_is_named_by_byte_offset_and_line() {
        let e = draft(b"ok\nab\xffc").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot read d.md: not valid UTF-8 (byte 0xff at offset 5, line 2)"
        );
        let e = draft(b"ab\xc3").unwrap_err();
        assert!(
            e.to_string().contains("truncated character at offset 2"),
            "{e}"
        );
        let e = draft(b"\xff\xfea\0").unwrap_err();
        assert!(e.to_string().contains("UTF-16"), "{e}");
    }
}
