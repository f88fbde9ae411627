//! Byte offset → 1-based line and character column.

/// Start offsets of every line of a text, so that positions are computed only
/// when a finding is reported, never while matching.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a text starts in its file, when it is a part of it (a window of a
/// large file): the 0-based line, and the characters before it on that line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Origin {
    pub line: usize,
    pub column: usize,
}

impl Origin {
    /// `position`, counted in the text, as a position in the file.
    pub fn place(self, position: Position) -> Position {
        Position {
            line: position.line + self.line,
            column: position.column + if position.line == 1 { self.column } else { 0 },
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Number of lines; a text ending in a newline has an empty last line.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of 0-based line `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    pub fn line_starts(&self) -> &[usize] {
        &self.starts
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        let column = text[self.starts[line]..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\n“Kiev” now";
        let index = LineIndex::new(text);
        let offset = text.find("Kiev").unwrap();
        assert_eq!(
            index.position(text, offset),
            Position { line: 2, column: 2 }
        );
    }

    #[test]
    fn an_origin_shifts_lines_and_the_first_line_s_columns() {
        let origin = Origin { line: 9, column: 4 };
        let at = |line, column| origin.place(Position { line, column });
        assert_eq!(
            at(1, 2),
            Position {
                line: 10,
                column: 6
            }
        );
        assert_eq!(
            at(3, 2),
            Position {
                line: 12,
                column: 2
            }
        );
    }

    #[test]
    fn line_range_drops_crlf() {
        let text = "one\r\ntwo";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(text, 0)], "one");
        assert_eq!(&text[index.line_range(text, 1)], "two");
        assert_eq!(index.line_count(), 2);
    }
}
