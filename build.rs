//! Embeds the shipped rule packs (`rules/**/*.toml`) in the binary, so that
//! mtlint works from any folder.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let mut out =
        String::from("/// (path below `rules/`, file text) of every shipped rule file.\n");
    out.push_str("pub static SHIPPED_RULE_FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(root).expect("below rules/");
        let absolute = std::fs::canonicalize(file).expect("rule file exists");
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            relative.to_string_lossy().replace('\\', "/"),
            absolute
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dest.join("shipped_rules.rs"), out).expect("OUT_DIR is writable");
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
