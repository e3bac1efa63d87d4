//! Byte offsets ⇄ (line, column) positions, for the edges only.
//!
//! The engine speaks UTF-8 byte offsets; the CLI prints 1-based lines and
//! character columns, and LSP clients negotiate UTF-8 or UTF-16 code units.
//! Every conversion clamps out-of-range input instead of panicking.

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units (LSP's default).
    Utf16,
    /// Unicode scalar values (what a person calls a character).
    Utf32,
}

/// A zero-based line and a zero-based column in some `Encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The byte offset at which each line starts. Lines end at `\n`, `\r\n` or
/// a lone `\r`, as LSP counts them; the break is not part of the line's
/// columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(line_breaks(text.as_bytes()).map(|i| i + 1));
        // A server keeps one per open draft; the estimate is generous.
        starts.shrink_to_fit();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// Bring the index up to date after `start..old_end` of the text was
    /// replaced by `new_len` bytes; `text` is the text after the edit. Only
    /// the lines around the edit are scanned again (a byte is a line break
    /// depending on itself and the byte after it, so one byte either side),
    /// the starts after it are shifted: the same index as [`LineIndex::new`]
    /// on `text`, for a fraction of the cost on a long draft. Out-of-range
    /// arguments are clamped.
    pub fn edit(&mut self, text: &str, start: usize, old_end: usize, new_len: usize) {
        let start = start.min(text.len()).min(self.len);
        let old_end = old_end.clamp(start, self.len);
        let new_len = new_len.min(text.len() - start);
        // Breaks at `a..b` of the new text are found again; before `a` and
        // from `b` on (`b_old` in the old text) the bytes are unchanged.
        let a = start.saturating_sub(1);
        let b = (start + new_len + 1).min(text.len());
        let b_old = b - new_len + (old_end - start);
        let lo = self.starts.partition_point(|&s| s <= a);
        let hi = self.starts.partition_point(|&s| s <= b_old).max(lo);
        let bytes = text.as_bytes();
        let fresh = (a..b)
            .filter(|&i| bytes[i] == b'\n' || bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
            .map(|i| i + 1);
        let count = self.starts.len();
        self.starts.splice(lo..hi, fresh);
        let shifted = (lo + self.starts.len() + (hi - lo)).saturating_sub(count);
        for s in self.starts.iter_mut().skip(shifted) {
            *s = (*s + text.len()).saturating_sub(self.len);
        }
        self.len = text.len();
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: u32) -> usize {
        self.starts.get(line as usize).copied().unwrap_or(self.len)
    }

    /// The byte range of `line`'s content, without its line break.
    pub fn line_range(&self, text: &str, line: u32) -> std::ops::Range<usize> {
        let start = self.line_start(line).min(text.len());
        let mut end = self
            .starts
            .get(line as usize + 1)
            .copied()
            .unwrap_or(text.len())
            .min(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        } else if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The position of byte `offset` (clamped into the text and back onto a
    /// character boundary).
    pub fn line_col(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line].min(offset);
        let before = &text[start..offset];
        LineCol {
            line: line as u32,
            col: column_width(before, enc) as u32,
        }
    }

    /// The byte offset of a position. A line past the end gives the end of the
    /// text; a column past the end of its line gives the end of that line; a
    /// column inside a character (half a surrogate pair) gives its start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        if pos.line as usize >= self.starts.len() {
            return text.len();
        }
        let range = self.line_range(text, pos.line);
        let line = &text[range.clone()];
        range.start + byte_of_column(line, pos.col as usize, enc)
    }
}

/// Converts many offsets of one text to positions, reading each line only
/// once when the offsets come in increasing order (as a check's findings
/// do): a column is counted on from the previous position on the same line
/// instead of from the line's start, or back from it when the offset is
/// nearer to it than to the line's start (findings' ends, which do not
/// come in order when a long finding holds short ones). A megabyte-long line with thousands of
/// findings would otherwise be counted from its start for every one.
/// Gives exactly what [`LineIndex::line_col`] gives, in any order.
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    enc: Encoding,
    /// The last offset converted and its position.
    last: Option<(usize, LineCol)>,
}

impl LineIndex {
    pub fn cursor<'a>(&'a self, text: &'a str, enc: Encoding) -> Cursor<'a> {
        Cursor {
            index: self,
            text,
            enc,
            last: None,
        }
    }
}

impl Cursor<'_> {
    pub fn line_col(&mut self, offset: usize) -> LineCol {
        let lc = self
            .index
            .line_col_after(self.text, self.last, offset, self.enc);
        self.last = Some((floor_char_boundary(self.text, offset), lc));
        lc
    }
}

impl LineIndex {
    /// `line_col`, counting on from a known earlier position (`from`, an
    /// offset on a char boundary and its position) when `offset` is on the
    /// same line after it; from the line's start otherwise. Same answer.
    pub fn line_col_after(
        &self,
        text: &str,
        from: Option<(usize, LineCol)>,
        offset: usize,
        enc: Encoding,
    ) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        match from {
            Some((at, lc)) if at <= offset && self.line_start(lc.line + 1) > offset => LineCol {
                line: lc.line,
                col: lc.col + column_width(&text[at..offset], enc) as u32,
            },
            // Before the known position on its line (the end of a short
            // finding after the end of a long one): count back from it
            // when that is nearer than the line's start.
            Some((at, lc))
                if offset < at
                    && self.line_start(lc.line) <= offset
                    && at - offset < offset - self.line_start(lc.line) =>
            {
                LineCol {
                    line: lc.line,
                    col: lc.col - column_width(&text[offset..at], enc) as u32,
                }
            }
            _ => self.line_col(text, offset, enc),
        }
    }
}

/// The last byte of each line break: every `\n`, and every `\r` not
/// followed by one.
fn line_breaks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .map(|(i, _)| i)
}

/// Width of `s` in code units of `enc`, with an ASCII fast path.
pub fn column_width(s: &str, enc: Encoding) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        Encoding::Utf32 => s.chars().count(),
    }
}

/// The byte offset in `line` of column `col`, clamped to the line.
fn byte_of_column(line: &str, col: usize, enc: Encoding) -> usize {
    if line.is_ascii() || enc == Encoding::Utf8 {
        return floor_char_boundary(line, col.min(line.len()));
    }
    let mut units = 0;
    for (i, ch) in line.char_indices() {
        let w = match enc {
            Encoding::Utf16 => ch.len_utf16(),
            _ => 1,
        };
        if units + w > col {
            return i;
        }
        units += w;
    }
    line.len()
}

/// The largest char boundary ≤ `i` (stable `str::floor_char_boundary`).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str, enc: Encoding) {
        let idx = LineIndex::new(text);
        for (off, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let lc = idx.line_col(text, off, enc);
            let back = idx.offset(text, lc, enc);
            // `\r` before `\n` is not addressable as a column; it maps to the line end.
            if text[..off].ends_with('\r')
                || text[off..].starts_with("\r\n")
                || text[off..].starts_with('\n')
            {
                continue;
            }
            assert_eq!(back, off, "{text:?} at {off} via {lc:?} ({enc:?})");
        }
    }

    #[test]
    fn roundtrips_on_mixed_scripts() {
        let text = "ascii line\nCafé “quoted” — naïve\n東京で 😀 emoji 👍🏽 here\r\nlast";
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            roundtrip(text, enc);
        }
    }

    #[test]
    fn an_edited_index_is_the_index_of_the_edited_text() {
        // Every range of each text replaced by each insertion: line breaks
        // made, split (`\r|\n`), joined (`\r` + `\n`) and removed.
        let texts = [
            "",
            "a",
            "\n",
            "\r",
            "\r\n",
            "ab\r\ncd\n\re",
            "\n\n\r\r\n\n",
            "é\r😀\n",
        ];
        let inserts = ["", "x", "\n", "\r", "\r\n", "\n\r", "y\rz\n"];
        for text in texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &start in &bounds {
                for &end in bounds.iter().filter(|&&e| e >= start) {
                    for insert in inserts {
                        let mut edited = text.to_string();
                        edited.replace_range(start..end, insert);
                        let mut index = LineIndex::new(text);
                        index.edit(&edited, start, end, insert.len());
                        assert_eq!(
                            index,
                            LineIndex::new(&edited),
                            "{text:?}: {start}..{end} -> {insert:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a😀b\n";
        let idx = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(
            idx.line_col(text, b, Encoding::Utf16),
            LineCol { line: 0, col: 3 }
        );
        assert_eq!(
            idx.line_col(text, b, Encoding::Utf8),
            LineCol { line: 0, col: 5 }
        );
        assert_eq!(
            idx.line_col(text, b, Encoding::Utf32),
            LineCol { line: 0, col: 2 }
        );
        // Column 2 is inside the surrogate pair: it clamps to the emoji's start.
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 2 }, Encoding::Utf16),
            1
        );
    }

    #[test]
    fn a_cursor_agrees_with_line_col_in_any_order() {
        let text = "ascii\r\nCafé 😀 “q” 東京\n\nlast 👍🏽 line";
        let idx = LineIndex::new(text);
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        // Forwards, then backwards and jumping about.
        let mut shuffled = offsets.clone();
        shuffled.reverse();
        shuffled.extend((0..text.len()).step_by(7).chain((0..text.len()).step_by(3)));
        offsets.extend(shuffled);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let mut cursor = idx.cursor(text, enc);
            for &off in &offsets {
                assert_eq!(
                    cursor.line_col(off),
                    idx.line_col(text, off, enc),
                    "{off} {enc:?}"
                );
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        // LSP: "\n", "\r\n" and "\r" all end a line.
        let text = "one\rtwo\r\nthree\nfour\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 5);
        let at = |line, col| idx.offset(text, LineCol { line, col }, Encoding::Utf16);
        assert_eq!(at(1, 0), text.find("two").unwrap());
        assert_eq!(at(0, 99), 3);
        assert_eq!(at(2, 0), text.find("three").unwrap());
        assert_eq!(at(3, 99), text.find("four").unwrap() + 4);
        assert_eq!(at(4, 0), text.len());
        assert_eq!(
            idx.line_col(text, text.find("two").unwrap() + 1, Encoding::Utf16),
            LineCol { line: 1, col: 1 }
        );
        roundtrip(text, Encoding::Utf16);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "one\r\ntwo";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            3
        );
        assert_eq!(
            idx.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            idx.line_col(text, 999, Encoding::Utf16),
            LineCol { line: 1, col: 3 }
        );
        assert_eq!(
            idx.line_col("é", 1, Encoding::Utf8),
            LineCol { line: 0, col: 0 }
        );
    }
}
