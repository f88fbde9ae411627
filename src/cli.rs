//! Command-line flags (defined once; they also drive `--help`) and the
//! subcommands. Exit status: 0 clean, 1 findings at or above `--fail-on`,
//! 2 usage, rule-file or I/O errors.

use clap::{Args, Parser, Subcommand, ValueEnum};
use mtlint::discover::{Input, discover};
use mtlint::error::{Errors, LocatedError};
use mtlint::output::{Human, JsonLines, Printer, Summary};
use mtlint::rules::examples::check_rule;
use mtlint::rules::{Rule, RuleSet};
use mtlint::{Engine, Linter, Outcome, ReadOptions, Severity};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "mtlint",
    version,
    about = "Finds machine-translation artifacts and scraping leftovers in English news articles.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lint: LintArgs,
}

#[derive(Subcommand)]
enum Command {
    /// List every rule: id, kind, severity, pack and message.
    Rules(RuleArgs),
    /// Print a rule's explanation and examples.
    Explain {
        /// The rule id, as `mtlint rules` lists it.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the rules' own examples and near-misses; fails if any misbehaves.
    TestRules {
        /// Rule folders to test; without one, the shipped rules and `--rules` folders.
        dirs: Vec<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

#[derive(Args, Clone)]
struct RuleArgs {
    /// A folder of extra rule files (repeatable); its rules replace shipped rules with the same id.
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// Use only the `--rules` folders, not the rules shipped in mtlint.
    #[arg(long)]
    no_default_rules: bool,
}

#[derive(Args)]
struct LintArgs {
    /// Files and folders to lint (folders recursively); `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// When to colour the human output (`auto` honours NO_COLOR and terminals).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The language the articles were translated from (e.g. `pt`): rules tagged
    /// for other source languages are then skipped.
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// The name reports give to standard input.
    #[arg(long, value_name = "NAME", default_value = "-")]
    stdin_filename: String,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Rules(args)) => list_rules(&args),
        Some(Command::Explain { id, rules }) => explain(&id, &rules),
        Some(Command::TestRules { dirs, rules }) => test_rules(&dirs, &rules),
        None => lint(&cli.lint),
    };
    match result {
        Ok(code) => code,
        Err(errors) => {
            report_errors(
                &errors.0,
                use_color(Color::Auto, std::io::stderr().is_terminal()),
            );
            ExitCode::from(2)
        }
    }
}

fn load_rules(args: &RuleArgs) -> Result<RuleSet, Errors> {
    RuleSet::load(!args.no_default_rules, &args.rule_dirs)
}

fn use_color(choice: Color, is_terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn report_errors(errors: &[LocatedError], color: bool) {
    let human = Human { color };
    let mut stderr = std::io::stderr().lock();
    for e in errors {
        let _ = stderr.write_all(human.error(e).as_bytes());
    }
}

fn lint(args: &LintArgs) -> Result<ExitCode, Errors> {
    let started = Instant::now();
    let rules = load_rules(&args.rules)?;
    let options = ReadOptions {
        source_language: args.source_lang.clone(),
    };
    let linter = Linter::new(Engine::new(rules.rules), options);
    let color = use_color(args.color, std::io::stdout().is_terminal());
    let mut printer: Box<dyn Printer> = match args.format {
        Format::Human => Box::new(Human { color }),
        Format::Jsonl => Box::new(JsonLines),
    };
    let (inputs, mut errors) = discover(&args.paths);
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| match input {
            Input::File(path) => linter.lint_path(path),
            Input::Stdin => read_stdin(&linter, &args.stdin_filename),
        })
        .collect();
    let mut summary = Summary {
        files_failed: errors.len(),
        ..Summary::default()
    };
    let mut stdout = std::io::stdout().lock();
    for outcome in outcomes {
        match outcome {
            Outcome::Linted { doc, findings } => {
                summary.add(&findings);
                write_out(&mut stdout, &printer.file(&doc, &findings));
            }
            Outcome::Skipped { path, reason } => {
                summary.files_skipped += 1;
                eprintln!("mtlint: skipped {path}: {reason}");
            }
            Outcome::Failed(e) => {
                summary.files_failed += 1;
                errors.push(e);
            }
        }
    }
    summary.elapsed = started.elapsed();
    write_out(&mut stdout, &printer.finish(&summary));
    let _ = stdout.flush();
    report_errors(
        &errors,
        use_color(args.color, std::io::stderr().is_terminal()),
    );
    Ok(exit_code(&summary, args.fail_on))
}

/// A closed pipe (`mtlint … | head`) ends the run quietly.
fn write_out(stdout: &mut impl Write, text: &str) {
    if let Err(e) = stdout.write_all(text.as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("mtlint: cannot write output: {e}");
        std::process::exit(2);
    }
}

fn read_stdin(linter: &Linter, name: &str) -> Outcome {
    let mut bytes = Vec::new();
    match std::io::stdin().lock().read_to_end(&mut bytes) {
        Ok(_) => linter.lint_bytes(name, bytes),
        Err(e) => Outcome::Failed(LocatedError::file(
            name,
            format!("cannot read standard input: {e}"),
        )),
    }
}

fn exit_code(summary: &Summary, fail_on: FailOn) -> ExitCode {
    if summary.files_failed > 0 {
        return ExitCode::from(2);
    }
    let floor = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    match floor {
        Some(severity) if summary.at_or_above(severity) > 0 => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

fn list_rules(args: &RuleArgs) -> Result<ExitCode, Errors> {
    let set = load_rules(args)?;
    let mut out = String::new();
    for rule in &set.rules {
        let m = &rule.meta;
        out.push_str(&format!(
            "{:<40} {:<12} {:<8} {:<12} {}\n",
            m.id,
            m.kind.as_str(),
            m.severity.as_str(),
            m.pack,
            m.message.lines().next().unwrap_or("")
        ));
    }
    out.push_str(&counts(&set.rules));
    write_out(&mut std::io::stdout().lock(), &out);
    Ok(ExitCode::SUCCESS)
}

/// Rule counts by pack and by source language.
fn counts(rules: &[Rule]) -> String {
    use std::collections::BTreeMap;
    let mut packs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut languages: BTreeMap<&str, usize> = BTreeMap::new();
    for rule in rules {
        *packs.entry(&rule.meta.pack).or_default() += 1;
        for lang in &rule.meta.source_languages {
            *languages.entry(lang).or_default() += 1;
        }
    }
    let join = |m: &BTreeMap<&str, usize>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!("\n{} rules; by pack: {}\n", rules.len(), join(&packs));
    if !languages.is_empty() {
        out.push_str(&format!("by source language: {}\n", join(&languages)));
    }
    out
}

fn explain(id: &str, args: &RuleArgs) -> Result<ExitCode, Errors> {
    let set = load_rules(args)?;
    let Some(rule) = set.get(id) else {
        eprintln!("mtlint: no rule `{id}`; `mtlint rules` lists them");
        return Ok(ExitCode::from(2));
    };
    write_out(&mut std::io::stdout().lock(), &mtlint::rules::explain(rule));
    Ok(ExitCode::SUCCESS)
}

fn test_rules(dirs: &[PathBuf], args: &RuleArgs) -> Result<ExitCode, Errors> {
    let set = if dirs.is_empty() {
        load_rules(args)?
    } else {
        RuleSet::load(false, dirs)?
    };
    let (passed, failures): (Vec<_>, Vec<_>) = set
        .rules
        .par_iter()
        .map(|rule| (rule, check_rule(rule)))
        .partition(|(_, failures)| failures.is_empty());
    let errors: Vec<LocatedError> = failures.into_iter().flat_map(|(_, f)| f).collect();
    report_errors(
        &errors,
        use_color(Color::Auto, std::io::stderr().is_terminal()),
    );
    let examples: usize = set
        .rules
        .iter()
        .map(|r| r.meta.examples.len() + r.meta.near_misses.len())
        .sum();
    println!(
        "test-rules: {} rules, {} examples and near-misses: {} passed, {} failed",
        set.rules.len(),
        examples,
        passed.len(),
        set.rules.len() - passed.len()
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
