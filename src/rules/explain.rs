//! The documentation a rule gives of itself, under fixed headings; this is
//! what `mtlint explain` prints.

use super::Rule;
use super::examples::parse_marked;
use super::kinds::Kind;
use super::kinds::pattern::Pattern;

pub fn explain(rule: &Rule) -> String {
    let m = &rule.meta;
    let mut out = format!("{}\n\n", m.id);
    out.push_str(&format!(
        "kind: {}   severity: {}   pack: {}",
        m.kind.as_str(),
        m.severity,
        m.pack
    ));
    if !m.source_languages.is_empty() {
        out.push_str(&format!(
            "   source languages: {}",
            m.source_languages.join(", ")
        ));
    }
    if let Some(fix) = m.fix {
        out.push_str(&format!("   fix: {}", format!("{fix:?}").to_lowercase()));
    }
    out.push_str(&format!("\ndefined in: {}\n\n", m.origin.path));
    out.push_str(&format!("## What it does\n{}\n\n", m.message));
    out.push_str("## Why it matters\n");
    out.push_str(
        m.explanation
            .as_deref()
            .unwrap_or("(no explanation given)")
            .trim(),
    );
    out.push_str("\n\n## Examples\nFlagged (the flagged text is in [brackets]):\n");
    for example in &m.examples {
        out.push_str(&format!("  {}\n", bracketed(&example.text)));
    }
    if !m.near_misses.is_empty() {
        out.push_str("Not flagged:\n");
        for near_miss in &m.near_misses {
            out.push_str(&format!("  {}\n", near_miss.text));
        }
    }
    if let Kind::Pattern(p) = &rule.kind {
        out.push_str(&format!("\n## Speed\n{}\n", gate_note(p)));
    }
    out
}

/// Where a pattern runs: what rule authors need to keep patterns cheap.
fn gate_note(p: &Pattern) -> String {
    let Some(gate) = &p.gate else {
        return "No literal occurs in every match, so the pattern runs on every text. \
                A fixed word or punctuation mark that every match holds would let it \
                run only where that occurs."
            .to_string();
    };
    let shown = |set: &[Vec<u8>]| -> String {
        set.iter()
            .map(|l| format!("`{}`", String::from_utf8_lossy(l).replace('\t', "\\t")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unit = if gate.whole_text {
        "texts (whole, as a match may reach past its paragraph)"
    } else {
        "paragraphs"
    };
    let place = if gate.each_line {
        "with a line that starts with (each line's start checked)"
    } else if gate.at_line_start {
        "with a line that starts with"
    } else {
        "that hold"
    };
    let mut note = format!(
        "Runs only on {unit} {place} one of (ignoring case, except in literals with a capital letter): {}",
        shown(&gate.literals)
    );
    if !gate.also.is_empty() {
        note.push_str(&format!(", and also one of: {}", shown(&gate.also)));
    }
    if !gate.rare_chars.is_empty() {
        note.push_str(
            ", and on texts with a character it matches that the literals leave out \
             (such as `ſ`, or a digit of another script)",
        );
    }
    note
}

/// An example with its marked spans shown in brackets.
fn bracketed(marked: &str) -> String {
    let Ok((text, spans)) = parse_marked(marked) else {
        return marked.to_string();
    };
    let mut out = String::new();
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push('[');
        out.push_str(&text[span.clone()]);
        out.push(']');
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}
