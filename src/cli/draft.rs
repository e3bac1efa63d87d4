//! A draft as the CLI holds it: its name, its text, and how to turn the
//! engine's byte offsets back into the file's lines, columns and offsets.
//!
//! Reading is the only IO here. A UTF-8 byte-order mark is dropped before the
//! engine sees the text and added back to every offset we print, so offsets
//! stay those of the file while columns count what a reader sees.
//!
//! Only regular files are read, and only up to a size limit (`--max-size`,
//! 64 MiB by default): a device such as `/dev/zero` never ends, a FIFO with
//! no writer blocks the open itself, and a disk image named by mistake would
//! be read whole into memory. The file type is asked before opening, and the
//! read stops one byte past the limit whatever the file claimed its size was.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::ops::Range;
use std::path::Path;
use std::str::Utf8Error;

use copydesk::line_index::{floor_char_boundary, Encoding, LineCol, LineIndex};
use copydesk::Format;
use serde::Serialize;

const BOM: &str = "\u{feff}";

/// The name stdin is reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// The largest draft or configuration file read unless `--max-size` says
/// otherwise: a thousand times a long story (a 10,000-word draft is 64 kB),
/// and small enough to refuse a disk image or a log before it is read.
pub const DEFAULT_MAX_SIZE: &str = "64M";

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
    /// The last position computed, to count on from: findings come in
    /// order, and a long line must not be re-read from its start for each.
    last: std::cell::Cell<Option<(usize, LineCol, Encoding)>>,
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
    /// Read a file whole, or stdin for `-`, refusing anything over
    /// `max_size` bytes. Stdin is reported as `stdin_name`
    /// (`--stdin-filename`), which also picks its format, or as `<stdin>`
    /// (Markdown).
    pub fn read(path: &Path, stdin_name: Option<&str>, max_size: u64) -> Result<Draft, ReadError> {
        let (name, bytes) = if path.as_os_str() == "-" {
            let read = read_limited(io::stdin().lock(), max_size, 0);
            let name = stdin_name.unwrap_or(STDIN_NAME);
            (name.to_owned(), read)
        } else {
            (path.display().to_string(), read_file(path, max_size))
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
            last: std::cell::Cell::new(None),
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
        let offset = self.settle(offset);
        let last = self.last.get().filter(|&(_, _, e)| e == encoding);
        let at = self.index.line_col_after(
            &self.text,
            last.map(|(at, lc, _)| (at, lc)),
            offset,
            encoding,
        );
        self.last.set(Some((offset, at, encoding)));
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

/// A regular file's bytes, at most `max_size` of them. Anything else is
/// refused before it is opened (following symbolic links, so a link to
/// `/dev/zero` is refused as the device it names).
pub fn read_file(path: &Path, max_size: u64) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(io::Error::other("is a directory"));
    }
    if !meta.is_file() {
        return Err(io::Error::other(format!(
            "not a regular file ({}); only files and `-` for stdin are read",
            kind_of(&meta.file_type())
        )));
    }
    if meta.len() > max_size {
        return Err(too_large(Some(meta.len()), max_size));
    }
    let file = File::open(path)?;
    read_limited(file, max_size, meta.len())
}

/// Everything `reader` holds, or an error once it passes `max_size` bytes:
/// a file can grow after it was measured, and stdin has no size at all.
fn read_limited(reader: impl Read, max_size: u64, expected: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(None, max_size));
    }
    Ok(bytes)
}

fn too_large(size: Option<u64>, max_size: u64) -> io::Error {
    let size = size.map_or_else(String::new, |size| format!("{}, ", human_size(size)));
    io::Error::other(format!(
        "{size}over the {} size limit (--max-size raises it)",
        human_size(max_size)
    ))
}

/// A size as people say it: `64 MiB`, `2.0 GiB`, `512 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// `--max-size`: bytes, or a number with `K`, `M` or `G` (powers of 1024;
/// `KiB`, `MiB`, `GiB` and `B` also accepted, in any case).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let shift = match unit.as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown unit `{unit}` (use K, M or G)")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| "expected a number of bytes, or one with K, M or G: 64M".to_owned())?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| "too large".to_owned())
}

#[cfg(unix)]
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn kind_of(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// An IO error in a few plain words (not "os error 2").
pub fn describe(e: &io::Error) -> String {
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
    fn sizes_read_as_people_write_them() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size(DEFAULT_MAX_SIZE), Ok(64 << 20));
        assert_eq!(parse_size("2 GiB"), Ok(2 << 30));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("M").is_err());
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(3 << 29), "1.5 GiB");
        assert_eq!(human_size(12), "12 bytes");
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let e = read_limited(io::repeat(b'x'), 10, 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "over the 10 bytes size limit (--max-size raises it)"
        );
        assert_eq!(read_limited(&b"0123456789"[..], 10, 10).unwrap().len(), 10);
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
