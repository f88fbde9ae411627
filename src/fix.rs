//! Fixes: applying the edits that findings carry to a file's bytes, linting
//! again until nothing changes, writing the result atomically, and showing it
//! as a unified diff. Nothing here prints.
//!
//! Every byte outside the fixed spans stays as it was: line endings, a
//! byte-order mark, the final newline or its absence. The one exception keeps
//! deleted captions and credits from leaving holes: a deletion that covers
//! whole lines (only spaces or tabs beside it on its first and last line)
//! removes those lines with their line breaks, and the blank lines around
//! them are thinned so that what remains is separated as before:
//!
//! - between two remaining lines, the longest run of blank lines that stood
//!   between them is kept (a paragraph break stays one; a line inside a
//!   paragraph leaves none);
//! - at the start of the file, the blank lines that came before the deleted
//!   lines are kept; at the end, those that came after;
//! - when the last line goes and it had no line break, the new last line
//!   loses its line break, so the file ends as it did.
//!
//! Only UTF-8 files are fixed: [`apply`] refuses a file whose bytes are not
//! the document's text (with or without a byte-order mark).

use crate::finding::{Applicability, Finding, Fix};
use crate::lint::{Linter, Outcome};
use crate::source::Document;
use std::fmt;
use std::io::Write;
use std::ops::{Range, RangeInclusive};
use std::path::Path;

const UTF8_BOM: &str = "\u{FEFF}";

/// Rounds of lint-and-fix in [`fix`]: a fix can make way for another (two
/// credits that overlapped), but fixes that undo each other must not loop.
const MAX_ROUNDS: usize = 5;

/// Why [`apply`] left a file alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8;

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("fixes are applied only to UTF-8 files; this one was not fixed")
    }
}

impl std::error::Error for NotUtf8 {}

/// The file's bytes after one round of fixes.
#[derive(Debug)]
pub struct Patched {
    pub bytes: Vec<u8>,
    /// The findings whose fixes were applied, in file order.
    pub applied: Vec<Finding>,
}

/// Applies the fixes of `findings` that are at least as trusted as `level`
/// (`Safe`, or `Unsafe` which includes the safe ones; display-only fixes are
/// never applied) to `bytes`, the file `doc` was read from.
///
/// When fixes overlap, the one that starts first wins, then the longest, then
/// the lowest rule id; the others are skipped (a later round may apply them).
pub fn apply(
    bytes: &[u8],
    doc: &Document,
    findings: &[Finding],
    level: Applicability,
) -> Result<Patched, NotUtf8> {
    let (file, body_start) = utf8_file(bytes, doc)?;
    let chosen = choose(candidates(file, body_start, doc, findings, level));
    let edits: Vec<FileEdit> = chosen.iter().flat_map(|c| c.edits.clone()).collect();
    let edits = delete_whole_lines(file, &lines(file, body_start), edits);
    let mut applied: Vec<Finding> = chosen.into_iter().map(|c| c.finding.clone()).collect();
    applied.sort_by_key(|f| f.span.start);
    Ok(Patched {
        bytes: splice(file, edits),
        applied,
    })
}

/// The file as text, and where its text starts (after a byte-order mark),
/// when it is the document's text in UTF-8.
fn utf8_file<'a>(bytes: &'a [u8], doc: &Document) -> Result<(&'a str, usize), NotUtf8> {
    let file = std::str::from_utf8(bytes).map_err(|_| NotUtf8)?;
    let body = file.strip_prefix(UTF8_BOM).unwrap_or(file);
    if body == doc.source_text() {
        Ok((file, file.len() - body.len()))
    } else {
        Err(NotUtf8)
    }
}

/// One replacement, in byte offsets of the file.
#[derive(Debug, Clone)]
struct FileEdit<'a> {
    range: Range<usize>,
    replacement: &'a str,
}

/// A finding's fix mapped to the file: applied whole or not at all.
struct Candidate<'a> {
    finding: &'a Finding,
    edits: Vec<FileEdit<'a>>,
    span: Range<usize>,
}

/// A safe fix whose span holds markup (`touching <em>the</em> base`) would
/// drop the markup with the words: it counts as unsafe.
fn effective(fix: &Fix, doc: &Document) -> Applicability {
    let holds_markup = fix
        .edits
        .iter()
        .any(|e| doc.source_text()[doc.source_span(&e.range)] != doc.text[e.range.clone()]);
    if holds_markup {
        fix.applicability.min(Applicability::Unsafe)
    } else {
        fix.applicability
    }
}

fn candidates<'a>(
    file: &str,
    body_start: usize,
    doc: &Document,
    findings: &'a [Finding],
    level: Applicability,
) -> Vec<Candidate<'a>> {
    findings
        .iter()
        .filter_map(|finding| {
            let fix = finding.fix.as_ref()?;
            if effective(fix, doc) < level || fix.applicability == Applicability::Display {
                return None;
            }
            let edits: Vec<FileEdit> = fix
                .edits
                .iter()
                .map(|e| FileEdit {
                    range: doc.file_span(&e.range),
                    replacement: &e.replacement,
                })
                .collect();
            // A range off the text's character boundaries would corrupt the
            // file; such a fix is left out rather than trusted.
            let sound = |r: &Range<usize>| {
                body_start <= r.start
                    && r.start <= r.end
                    && file.is_char_boundary(r.start)
                    && file.is_char_boundary(r.end)
            };
            if edits.is_empty() || !edits.iter().all(|e| sound(&e.range)) {
                return None;
            }
            let start = edits.iter().map(|e| e.range.start).min()?;
            let end = edits.iter().map(|e| e.range.end).max()?;
            Some(Candidate {
                finding,
                edits,
                span: start..end,
            })
        })
        .collect()
}

/// Picks fixes that do not overlap: earliest start first, then the longest,
/// then the lowest rule id (then the order the engine reported them in).
fn choose(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    candidates.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.len().cmp(&a.span.len()))
            .then(a.finding.rule.cmp(&b.finding.rule))
    });
    let mut chosen: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        let clashes = candidate.edits.iter().any(|e| {
            chosen
                .iter()
                .flat_map(|c| &c.edits)
                .any(|taken| clash(&e.range, &taken.range))
        });
        if !clashes {
            chosen.push(candidate);
        }
    }
    chosen
}

/// Two edits clash when they overlap or start at the same place (two
/// insertions there would have no defined order).
fn clash(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start == b.start || overlap(a, b)
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A line of the file: `start..end` with its line break, `start..content_end`
/// without it.
#[derive(Debug, Clone)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

impl Line {
    fn has_break(&self) -> bool {
        self.content_end < self.end
    }
}

/// The lines of `file` from `body_start` (after a byte-order mark). A final
/// line break does not start another line.
fn lines(file: &str, body_start: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = body_start;
    for line in file[body_start..].split_inclusive('\n') {
        let content = line
            .strip_suffix('\n')
            .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        out.push(Line {
            start,
            content_end: start + content.len(),
            end: start + line.len(),
        });
        start += line.len();
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineFate {
    Kept,
    /// Whitespace only, and no edit touches it: it may be thinned.
    Blank,
    /// Covered by a whole-line deletion.
    Deleted,
}

/// Replaces each deletion that covers whole lines by the removal of those
/// lines with their breaks, and thins the blank lines around them (see the
/// module documentation).
fn delete_whole_lines<'a>(
    file: &str,
    lines: &[Line],
    edits: Vec<FileEdit<'a>>,
) -> Vec<FileEdit<'a>> {
    let (fates, mut rest) = line_fates(file, lines, edits);
    let mut removals = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && fates[i] != LineFate::Kept {
            i += 1;
        }
        if start < i {
            removals.extend(thin_run(lines, &fates, start..i));
        }
        i += 1;
    }
    // Only a kept line's break can meet another edit; that edit wins.
    removals.retain(|r| !rest.iter().any(|e| overlap(r, &e.range)));
    rest.extend(removals.into_iter().map(|range| FileEdit {
        range,
        replacement: "",
    }));
    rest
}

/// What happens to each line, and the edits that are not whole-line
/// deletions. A whole-line deletion counts only when no other edit reaches
/// into its lines.
fn line_fates<'a>(
    file: &str,
    lines: &[Line],
    edits: Vec<FileEdit<'a>>,
) -> (Vec<LineFate>, Vec<FileEdit<'a>>) {
    let mut fates = vec![LineFate::Kept; lines.len()];
    let mut rest = Vec::new();
    for (k, edit) in edits.iter().enumerate() {
        let whole = whole_lines(file, lines, edit).filter(|covered| {
            let full = lines[*covered.start()].start..lines[*covered.end()].end;
            !edits
                .iter()
                .enumerate()
                .any(|(other, e)| other != k && overlap(&full, &e.range))
        });
        match whole {
            Some(covered) => covered.for_each(|i| fates[i] = LineFate::Deleted),
            None => rest.push(edit.clone()),
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let untouched = !rest
            .iter()
            .any(|e| e.range.start <= line.end && line.start <= e.range.end);
        if fates[i] == LineFate::Kept
            && untouched
            && file[line.start..line.content_end].trim().is_empty()
        {
            fates[i] = LineFate::Blank;
        }
    }
    (fates, rest)
}

/// The lines a deletion covers whole, if it does.
fn whole_lines(file: &str, lines: &[Line], edit: &FileEdit) -> Option<RangeInclusive<usize>> {
    let r = &edit.range;
    if !edit.replacement.is_empty() || r.is_empty() {
        return None;
    }
    let first = lines.partition_point(|l| l.end <= r.start);
    let last = lines.partition_point(|l| l.content_end < r.end);
    let (first_line, last_line) = (lines.get(first)?, lines.get(last)?);
    let spaces = |s: &str| s.bytes().all(|b| b == b' ' || b == b'\t');
    let whole = last_line.start <= r.end
        && spaces(&file[first_line.start..r.start])
        && spaces(&file[r.end..last_line.content_end]);
    whole.then_some(first..=last)
}

/// The byte ranges to remove for one maximal run of deleted and blank lines.
fn thin_run(lines: &[Line], fates: &[LineFate], run: Range<usize>) -> Vec<Range<usize>> {
    let deleted = |i: &usize| fates[*i] == LineFate::Deleted;
    let (Some(first), Some(last)) = (run.clone().find(deleted), run.clone().rfind(deleted)) else {
        return Vec::new();
    };
    let at_start = run.start == 0;
    let at_end = run.end == lines.len();
    let keep = match (at_start, at_end) {
        (true, true) => 0..0,
        (true, false) => run.start..first,
        (false, true) => last + 1..run.end,
        (false, false) => longest_blank_stretch(fates, run.clone()),
    };
    let mut out: Vec<Range<usize>> = run
        .clone()
        .filter(|i| !keep.contains(i))
        .map(|i| lines[i].start..lines[i].end)
        .collect();
    let last_line_goes = at_end && keep.is_empty();
    if last_line_goes && !at_start && !lines[run.end - 1].has_break() {
        let before = &lines[run.start - 1];
        out.push(before.content_end..before.end);
    }
    out
}

/// The first longest stretch of consecutive blank lines in `run`.
fn longest_blank_stretch(fates: &[LineFate], run: Range<usize>) -> Range<usize> {
    let mut best = run.start..run.start;
    let mut start = run.start;
    for i in run {
        if fates[i] != LineFate::Blank {
            start = i + 1;
        } else if i + 1 - start > best.len() {
            best = start..i + 1;
        }
    }
    best
}

/// The file with the edits made; they must not overlap.
fn splice(file: &str, mut edits: Vec<FileEdit>) -> Vec<u8> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(file.len());
    let mut at = 0;
    for edit in edits {
        debug_assert!(at <= edit.range.start, "edits overlap");
        out.push_str(&file[at..edit.range.start]);
        out.push_str(edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&file[at..]);
    out.into_bytes()
}

/// A file after [`fix`].
pub struct Fixed {
    /// The lint of the fixed bytes: the findings that remain.
    pub outcome: Outcome,
    pub original: Vec<u8>,
    pub fixed: Vec<u8>,
    /// The findings whose fixes were applied, over all rounds (the spans of
    /// later rounds' findings are offsets into that round's text).
    pub applied: Vec<Finding>,
    /// Set when fixes were not applied because the file is not UTF-8.
    pub not_fixed: Option<NotUtf8>,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        self.original != self.fixed
    }
}

/// Lints `bytes` (the file `path`) and applies fixes at `level` (see
/// [`apply`]), linting again after each round until a round changes nothing,
/// so that fixing the result again changes nothing.
pub fn fix(linter: &Linter, path: &str, original: Vec<u8>, level: Applicability) -> Fixed {
    let mut bytes = original.clone();
    let mut applied = Vec::new();
    let mut not_fixed = None;
    let mut outcome = linter.lint_bytes(path, bytes.clone());
    for _ in 0..MAX_ROUNDS {
        let Outcome::Linted { doc, findings } = &outcome else {
            break;
        };
        let patched = match apply(&bytes, doc, findings, level) {
            Ok(patched) if patched.bytes != bytes => patched,
            Ok(_) => break,
            Err(e) => {
                not_fixed = Some(e);
                break;
            }
        };
        bytes = patched.bytes;
        applied.extend(patched.applied);
        outcome = linter.lint_bytes(path, bytes.clone());
    }
    Fixed {
        outcome,
        original,
        fixed: bytes,
        applied,
        not_fixed,
    }
}

/// Replaces the file at `path` by `bytes` all at once: a temporary file in
/// the same folder gets the bytes and the original's permissions, is synced
/// to disk, and is renamed over the original, so a reader sees the old file
/// or the new one, never half of one. A symbolic link is followed, so the
/// file it points to is replaced and the link stays.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let metadata = std::fs::metadata(&target)?;
    // Renaming over a device or a FIFO would replace it with a regular file.
    if !metadata.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a device, FIFO or socket): mtlint writes only regular files",
        ));
    }
    let permissions = metadata.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().set_permissions(permissions)?;
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    sync_folder(folder)
}

/// Makes the rename itself durable: on Unix it is recorded in the folder.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

/// A unified diff of `old` and `new` (three lines of context), headed with
/// `path` on both sides; empty when they are equal.
pub fn unified_diff(path: &str, old: &[u8], new: &[u8]) -> String {
    let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Fix, Severity};
    use crate::source::OffsetMap;

    fn finding(rule: &str, span: Range<usize>, replacement: &str, level: Applicability) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Warning,
            message: String::new(),
            help: None,
            span: span.clone(),
            replacements: vec![replacement.into()],
            fix: Some(Fix {
                edits: vec![Edit {
                    range: span,
                    replacement: replacement.into(),
                }],
                applicability: level,
            }),
        }
    }

    /// Deletes the first occurrence of each of `lines` (a line's whole
    /// content) and returns the file after one round.
    fn delete(file: &str, targets: &[&str]) -> String {
        let doc = Document::new("t.txt", file.to_string());
        let findings: Vec<Finding> = targets
            .iter()
            .map(|t| {
                let at = file.find(t).expect("target is in the file");
                finding("r", at..at + t.len(), "", Applicability::Safe)
            })
            .collect();
        let patched = apply(file.as_bytes(), &doc, &findings, Applicability::Safe).unwrap();
        String::from_utf8(patched.bytes).unwrap()
    }

    #[test]
    fn a_deleted_line_inside_a_paragraph_leaves_no_blank() {
        assert_eq!(delete("A\nCREDIT\nB\n", &["CREDIT"]), "A\nB\n");
        assert_eq!(delete("A\r\n  CREDIT \r\nB", &["CREDIT"]), "A\r\nB");
    }

    #[test]
    fn a_deleted_paragraph_leaves_one_paragraph_break() {
        assert_eq!(delete("A\n\nCREDIT\n\nB\n", &["CREDIT"]), "A\n\nB\n");
        assert_eq!(
            delete("A\n\nONE\n\nTWO\n\nB\n", &["ONE", "TWO"]),
            "A\n\nB\n"
        );
        assert_eq!(delete("A\n\nONE\nTWO\n\nB\n", &["ONE", "TWO"]), "A\n\nB\n");
    }

    #[test]
    fn deleted_first_and_last_lines_leave_no_blank_edge() {
        assert_eq!(delete("CREDIT\n\nA\n", &["CREDIT"]), "A\n");
        assert_eq!(delete("A\n\nCREDIT\n", &["CREDIT"]), "A\n");
        assert_eq!(delete("A\n\nCREDIT\n\n", &["CREDIT"]), "A\n\n");
    }

    #[test]
    fn a_deleted_last_line_without_break_keeps_the_end_without_break() {
        assert_eq!(delete("A\n\nCREDIT", &["CREDIT"]), "A");
        assert_eq!(delete("A\r\nCREDIT", &["CREDIT"]), "A");
    }

    #[test]
    fn a_deletion_inside_a_line_keeps_the_line() {
        assert_eq!(delete("A (AP) B\n", &["(AP)"]), "A  B\n");
        assert_eq!(delete("A\nCREDIT x\nB\n", &["CREDIT"]), "A\n x\nB\n");
    }

    #[test]
    fn overlapping_fixes_keep_the_earliest_then_the_longest_then_the_lowest_id() {
        let file = "one two three\n";
        let doc = Document::new("t.txt", file.to_string());
        let findings = vec![
            finding("z", 4..7, "2", Applicability::Safe),
            finding("b", 0..7, "1-2", Applicability::Safe),
            finding("a", 0..7, "one+two", Applicability::Safe),
            finding("c", 0..3, "1", Applicability::Safe),
        ];
        let patched = apply(file.as_bytes(), &doc, &findings, Applicability::Safe).unwrap();
        assert_eq!(patched.bytes, b"one+two three\n");
        assert_eq!(patched.applied.len(), 1);
        assert_eq!(&*patched.applied[0].rule, "a");
    }

    #[test]
    fn unsafe_fixes_need_the_unsafe_level_and_display_fixes_never_apply() {
        let file = "Kiev Kiev Kiev";
        let doc = Document::new("t.txt", file.to_string());
        let findings = vec![
            finding("s", 0..4, "Kyiv", Applicability::Safe),
            finding("u", 5..9, "Kyiv", Applicability::Unsafe),
            finding("d", 10..14, "Kyiv", Applicability::Display),
        ];
        let safe = apply(file.as_bytes(), &doc, &findings, Applicability::Safe).unwrap();
        assert_eq!(safe.bytes, b"Kyiv Kiev Kiev");
        let all = apply(file.as_bytes(), &doc, &findings, Applicability::Unsafe).unwrap();
        assert_eq!(all.bytes, b"Kyiv Kyiv Kiev");
    }

    #[test]
    fn a_bom_is_kept_and_spans_are_shifted_past_it() {
        let file = "\u{FEFF}Kiev\n";
        let mut doc = Document::new("t.txt", "Kiev\n".to_string());
        doc.encoding = OffsetMap::shifted(3);
        let findings = vec![finding("k", 0..4, "Kyiv", Applicability::Safe)];
        let patched = apply(file.as_bytes(), &doc, &findings, Applicability::Safe).unwrap();
        assert_eq!(patched.bytes, "\u{FEFF}Kyiv\n".as_bytes());
    }

    #[test]
    fn a_file_in_another_encoding_is_not_fixed() {
        // Latin-1 "Kiev café": the document holds the decoded text.
        let bytes = b"Kiev caf\xE9";
        let doc = Document::new("t.txt", "Kiev café".to_string());
        let findings = vec![finding("k", 0..4, "Kyiv", Applicability::Safe)];
        assert_eq!(
            apply(bytes, &doc, &findings, Applicability::Safe).unwrap_err(),
            NotUtf8
        );
    }

    #[test]
    fn the_diff_is_unified_and_empty_without_changes() {
        let diff = unified_diff("a.txt", b"x\nKiev\ny\n", b"x\nKyiv\ny\n");
        assert_eq!(
            diff,
            "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n x\n-Kiev\n+Kyiv\n y\n"
        );
        assert_eq!(unified_diff("a.txt", b"same\n", b"same\n"), "");
    }
}
