//! Embeds the shipped rule packs (`rules/**/*.toml`) in the binary, so that
//! mtlint works from any folder, with the gates of their patterns worked out
//! here rather than at every start-up (see `src/rules/kinds/pattern/syntax.rs`).

#[path = "src/rules/kinds/pattern/gate.rs"]
mod gate;
#[path = "src/rules/kinds/pattern/syntax.rs"]
mod syntax;

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/rules/kinds/pattern/gate.rs");
    println!("cargo:rerun-if-changed=src/rules/kinds/pattern/syntax.rs");
    let mut paths = Vec::new();
    collect(root, &mut paths);
    paths.sort();
    let files: Vec<RuleFile> = paths.iter().map(|p| RuleFile::read(root, p)).collect();
    let mut out = rule_files_table(&files);
    out.push_str(&linting_table(&files));
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dest.join("shipped_rules.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(dest.join("shipped_gates.rs"), gate_table(&files)).expect("OUT_DIR is writable");
}

/// A shipped rule file, read and parsed once for all three tables.
struct RuleFile {
    /// The path below `rules/`, with `/` between folders.
    relative: String,
    absolute: PathBuf,
    text: String,
    /// `None` if it is not valid TOML, for the loader to report at run time.
    table: Option<toml::Table>,
}

impl RuleFile {
    fn read(root: &Path, path: &Path) -> RuleFile {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).expect("rule file is UTF-8");
        RuleFile {
            relative: path
                .strip_prefix(root)
                .expect("below rules/")
                .to_string_lossy()
                .replace('\\', "/"),
            absolute: std::fs::canonicalize(path).expect("rule file exists"),
            table: text.parse().ok(),
            text,
        }
    }
}

/// `SHIPPED_RULE_FILES`: (path below `rules/`, file text) of every file.
fn rule_files_table(files: &[RuleFile]) -> String {
    let mut out =
        String::from("/// (path below `rules/`, file text) of every shipped rule file.\n");
    out.push_str("pub static SHIPPED_RULE_FILES: &[(&str, &str)] = &[\n");
    for file in files {
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            file.relative, file.absolute
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    out
}

/// `SHIPPED_RULE_FILES_FOR_LINTING`: the same files without what only
/// `explain`, `test-rules` and SARIF read (each rule's `explanation`,
/// `examples` and `near_misses`). They are over half the text, and parsing
/// them was a quarter of the start-up cost of linting one article. A file
/// that does not parse is kept whole, for the loader to report.
fn linting_table(files: &[RuleFile]) -> String {
    let mut out = String::from("pub static SHIPPED_RULE_FILES_FOR_LINTING: &[(&str, &str)] = &[\n");
    for file in files {
        let stripped = without_docs(file).unwrap_or_else(|| file.text.clone());
        writeln!(out, "    ({:?}, {:?}),", file.relative, stripped).expect("writing to a String");
    }
    out.push_str("];\n");
    out
}

fn without_docs(file: &RuleFile) -> Option<String> {
    let mut table = file.table.clone()?;
    for rule in table.get_mut("rule")?.as_array_mut()? {
        let rule = rule.as_table_mut()?;
        for key in ["explanation", "examples", "near_misses"] {
            rule.remove(key);
        }
    }
    toml::to_string(&table).ok()
}

/// `SHIPPED_GATES`: (full source, gate literals, rare characters, whether
/// they open a line, whether each line is checked for them, whether it
/// opens the whole text, the second set of literals) of every valid shipped
/// pattern. Invalid ones are left out, for the rule loader to report at
/// their line.
fn gate_table(files: &[RuleFile]) -> String {
    let mut out = String::from("static SHIPPED_GATES: &[(&str, Option<ShippedGate>)] = &[\n");
    for (source, gate) in files.iter().flat_map(shipped_patterns) {
        let gate = match gate {
            Some(g) => format!(
                "Some((&{:?}, &{:?}, {}, {}, {}, &{:?}))",
                byte_strings(&g.literals),
                g.rare_chars,
                g.at_line_start,
                g.each_line,
                g.whole_text,
                byte_strings(&g.also)
            ),
            None => "None".to_string(),
        };
        writeln!(out, "    ({source:?}, {gate}),").expect("writing to a String");
    }
    out.push_str("];\n");
    out
}

/// Literals written as Rust byte-string slices.
fn byte_strings(literals: &[Vec<u8>]) -> Vec<ByteString<'_>> {
    literals.iter().map(|l| ByteString(l)).collect()
}

struct ByteString<'a>(&'a [u8]);

impl std::fmt::Debug for ByteString<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

/// The full source and gate of each valid pattern rule of a rule file.
fn shipped_patterns(file: &RuleFile) -> Vec<(String, Option<gate::Gate>)> {
    let rules = file
        .table
        .as_ref()
        .and_then(|t| t.get("rule"))
        .and_then(|r| r.as_array());
    rules
        .into_iter()
        .flatten()
        .filter_map(|rule| {
            let written = rule.get("pattern")?.as_str()?;
            let case_insensitive =
                rule.get("case_sensitive").and_then(|c| c.as_bool()) == Some(false);
            let source = syntax::full_source(written, case_insensitive);
            let gate = syntax::analyse(&source).ok()?;
            Some((source, gate))
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}
