//! Command-line flags (defined once; they also drive `--help`) and the
//! subcommands. Exit status: 0 clean, 1 findings at or above `--fail-on`,
//! 2 usage, rule-file or I/O errors.

use clap::{Args, Parser, Subcommand, ValueEnum};
use mtlint::baseline::{Baseline, Recording};
use mtlint::config::{self, Config};
use mtlint::discover::{Input, discover};
use mtlint::error::{Errors, LocatedError};
use mtlint::finding::Applicability;
use mtlint::fix::{self, Fixed};
use mtlint::lint::{cannot_read, read_document};
use mtlint::output::{
    Checkstyle, Github, Human, Json, JsonLines, Printer, Sarif, Short, Summary, Tally,
};
use mtlint::rules::examples::check_rule;
use mtlint::rules::record::Totals;
use mtlint::rules::review::review;
use mtlint::rules::{Docs, Rule, RuleSet};
use mtlint::source::{Document, Format as TextFormat};
use mtlint::{Engine, Finding, Linter, Outcome, ReadOptions};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
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
    /// Write a commented starter `mtlint.toml` in the working folder.
    Init,
    /// Print a rule's explanation and examples.
    Explain {
        /// The rule id, as `mtlint rules` lists it.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the rules' own examples and near-misses; fails if any misbehaves.
    /// With --corpus, print instead each rule's record on a folder of articles.
    TestRules {
        /// Rule folders to test; without one, the shipped rules and `--rules` folders.
        dirs: Vec<PathBuf>,
        /// Lint this folder and print, for each rule, its findings, the files
        /// with findings, and how many candidate matches each of its
        /// conditions silenced.
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
        /// Format of the corpus record.
        #[arg(long, value_enum, default_value_t = RecordFormat::Human, requires = "corpus")]
        format: RecordFormat,
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
#[command(group(clap::ArgGroup::new("fixing").args(["fix", "diff"])))]
struct LintArgs {
    /// Files and folders to lint (folders recursively); `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Lowest severity that makes the exit status 1 [default: the config's, else warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// The project config; without it, the nearest `mtlint.toml` above the first path.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to colour the human output (`auto` honours NO_COLOR and terminals).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The language the articles were translated from (e.g. `pt`): rules tagged
    /// for other source languages are then skipped.
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// The name reports give to standard input; its extension picks the format
    /// (`.md`/`.markdown` Markdown, `.html`/`.htm` HTML, anything else plain text).
    #[arg(long, value_name = "NAME", default_value = "-")]
    stdin_filename: String,
    /// Apply the safe fixes and write the files (standard input: print the
    /// fixed text, and the findings to stderr); report what remains.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, also apply the unsafe fixes (they may change
    /// what the article says, e.g. delete a caption line).
    #[arg(long, requires = "fixing")]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing;
    /// the exit status is 1 when there is something to fix.
    #[arg(long)]
    diff: bool,
    /// Report only the findings that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings in this baseline file instead of reporting them, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fixing"])]
    write_baseline: Option<PathBuf>,
    /// Exit with 1 only when more than N findings fail the run (see --fail-on).
    #[arg(long, value_name = "N")]
    max_findings: Option<usize>,
    /// Print only the findings and errors: no summary and no notes.
    #[arg(long, short)]
    quiet: bool,
    /// After the output, count the findings by rule (on stderr for machine formats).
    #[arg(long)]
    statistics: bool,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Short,
    Jsonl,
    Json,
    Sarif,
    Github,
    Checkstyle,
}

#[derive(Clone, Copy, ValueEnum)]
enum RecordFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOn> for config::FailOn {
    fn from(f: FailOn) -> config::FailOn {
        match f {
            FailOn::Error => config::FailOn::Error,
            FailOn::Warning => config::FailOn::Warning,
            FailOn::Info => config::FailOn::Info,
            FailOn::Never => config::FailOn::Never,
        }
    }
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
        Some(Command::Init) => init(),
        Some(Command::Explain { id, rules }) => explain(&id, &rules),
        Some(Command::TestRules {
            dirs,
            corpus,
            format,
            rules,
        }) => match corpus {
            Some(corpus) => corpus_record(&dirs, &rules, &corpus, format),
            None => test_rules(&dirs, &rules),
        },
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

fn load_rules(args: &RuleArgs, docs: Docs) -> Result<RuleSet, Errors> {
    RuleSet::load((!args.no_default_rules).then_some(docs), &args.rule_dirs)
}

fn use_color(choice: Color, is_terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn report_warnings(warnings: &[LocatedError], color: bool) {
    let human = Human { color };
    let mut stderr = std::io::stderr().lock();
    for w in warnings {
        let _ = stderr.write_all(human.warning(w).as_bytes());
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
    let config = load_config(args)?;
    let mut rule_args = args.rules.clone();
    rule_args
        .rule_dirs
        .splice(0..0, config.rule_dirs.iter().cloned());
    // SARIF describes each rule; the other formats need no rule documentation.
    let docs = if matches!(args.format, Format::Sarif) {
        Docs::With
    } else {
        Docs::Without
    };
    let rules = load_rules(&rule_args, docs)?;
    config.validate(&rules).map_err(|e| Errors(vec![e]))?;
    let options = ReadOptions {
        source_language: args.source_lang.clone(),
    };
    let mut engine = Engine::new(rules.rules);
    let (mut inputs, errors) = discover(&args.paths);
    inputs.retain(|i| !matches!(i, Input::File(p) if config.excludes(p)));
    if inputs.len() == 1 {
        // One article: nothing else to share the cores with.
        engine.check_one_input();
    }
    // The rule set lives until the process exits: freeing its automata and
    // compiled patterns one by one would be work for nothing.
    let linter: &Linter = Box::leak(Box::new(Linter::new(engine, options, config)));
    let color = use_color(args.color, std::io::stdout().is_terminal());
    let printer: Box<dyn Printer> = match args.format {
        Format::Human => Box::new(Human { color }),
        Format::Short => Box::new(Short),
        Format::Jsonl => Box::new(JsonLines),
        Format::Json => Box::new(Json::default()),
        Format::Sarif => Box::new(Sarif::new(linter.engine.rules())),
        Format::Github => Box::new(Github),
        Format::Checkstyle => Box::new(Checkstyle::default()),
    };
    let fixing = args.fixing();
    let mut report = Report {
        args,
        linter,
        printer,
        stdout: report_writer(fixing, &inputs),
        gate: Gate::new(args)?,
        summary: Summary {
            files_failed: errors.len(),
            ..Summary::default()
        },
        errors,
        failing: 0,
        fail_on_default: args
            .fail_on
            .map_or(config::FailOn::Warning, config::FailOn::from),
    };
    let mut fixes = FixTotals::default();
    // Inputs are linted in parallel a chunk at a time and printed in order,
    // so that a run over many files holds only a chunk of them.
    for chunk in inputs.chunks(INPUTS_AT_ONCE) {
        let checked: Vec<Checked> = chunk
            .par_iter()
            .map(|input| check(linter, input, &args.stdin_filename, fixing))
            .collect();
        for (input, checked) in chunk.iter().zip(checked) {
            let mut tally = Tally::default();
            match checked {
                Checked::Linted(outcome) => report.outcome(outcome, &mut tally),
                Checked::Fixed { name, fixed } => {
                    let outcome = settle(input, &name, fixed, fixing, &mut fixes);
                    report.outcome(outcome, &mut tally);
                }
                Checked::Large(name) => {
                    let mut each = |outcome| report.outcome(outcome, &mut tally);
                    match input {
                        Input::File(path) => match std::fs::File::open(path) {
                            Ok(file) => linter.lint_reader(&name, file, each),
                            Err(e) => each(Outcome::Failed(cannot_read(&name, &e))),
                        },
                        Input::Stdin => linter.lint_reader(&name, std::io::stdin().lock(), each),
                    }
                }
            }
            report.summary.add_file(&tally);
        }
    }
    let Report {
        mut printer,
        mut stdout,
        mut gate,
        mut summary,
        errors,
        failing,
        ..
    } = report;
    summary.elapsed = started.elapsed();
    let recording = gate.recording.take();
    // Quiet drops the human summary; a machine format's closing text is the
    // document itself.
    if recording.is_none() && !(args.quiet && matches!(args.format, Format::Human)) {
        write_out(&mut stdout, printer.finish(&summary));
    }
    if args.statistics {
        match args.format {
            Format::Human => write_out(&mut stdout, gate.statistics()),
            _ => eprint!("{}", gate.statistics()),
        }
    }
    let _ = stdout.flush();
    report_errors(
        &errors,
        use_color(args.color, std::io::stderr().is_terminal()),
    );
    if let Some(note) = fixes.note(fixing).filter(|_| !args.quiet) {
        eprintln!("{note}");
    }
    if let Some(recording) = recording {
        return write_baseline(recording, &summary, args.quiet);
    }
    Ok(match fixing {
        Fixing::Diff(_) => diff_exit_code(&summary, &fixes),
        _ => exit_code(&summary, failing, args.max_findings.unwrap_or(0)),
    })
}

/// How many inputs are linted in parallel before their findings are printed.
const INPUTS_AT_ONCE: usize = 256;

/// Where the outcomes of a run go, in input order: the printer, the
/// summary, the count of failing findings and the errors.
struct Report<'a> {
    args: &'a LintArgs,
    linter: &'a Linter,
    printer: Box<dyn Printer>,
    stdout: Box<dyn Write>,
    gate: Gate,
    summary: Summary,
    errors: Vec<LocatedError>,
    failing: usize,
    fail_on_default: config::FailOn,
}

impl Report<'_> {
    /// Prints one linted file (or window of a large one), notes a skipped
    /// file or keeps an error, and tallies it for the summary.
    fn outcome(&mut self, outcome: Outcome, tally: &mut Tally) {
        match outcome {
            Outcome::Linted { doc, mut findings } => {
                if !self.gate.pass(&doc, &mut findings) {
                    return;
                }
                self.summary.add(&findings);
                tally.checked = true;
                tally.with_findings |= !findings.is_empty();
                let fail_on = match self.args.fail_on {
                    Some(f) => f.into(),
                    None => self
                        .linter
                        .config
                        .fail_on_for(Path::new(&doc.path), self.fail_on_default),
                };
                self.failing += findings
                    .iter()
                    .filter(|f| fail_on.fails(f.severity))
                    .count();
                if let Err(e) = self.printer.write_file(&doc, &findings, &mut self.stdout) {
                    output_failed(e);
                }
            }
            Outcome::Skipped { path, reason } => {
                tally.skipped = true;
                if !self.args.quiet {
                    eprintln!("mtlint: skipped {path}: {reason}");
                }
            }
            Outcome::Failed(e) => {
                tally.failed = true;
                self.errors.push(e);
            }
        }
    }
}

/// What happens to a file's findings between the linter and the printer: a
/// baseline hides the ones it records, a baseline being written takes them
/// instead of the printer, and `--statistics` counts them by rule.
struct Gate {
    baseline: Option<Baseline>,
    recording: Option<Recording>,
    by_rule: BTreeMap<String, usize>,
}

impl Gate {
    fn new(args: &LintArgs) -> Result<Gate, Errors> {
        let baseline = args.baseline.as_deref().map(Baseline::load).transpose();
        Ok(Gate {
            baseline: baseline.map_err(|e| Errors(vec![e]))?,
            recording: args.write_baseline.as_deref().map(Recording::new),
            by_rule: BTreeMap::new(),
        })
    }

    /// Filters `findings` and counts them; false when they are not to be
    /// printed (they went into the baseline being written).
    fn pass(&mut self, doc: &Document, findings: &mut Vec<Finding>) -> bool {
        if let Some(baseline) = &mut self.baseline {
            baseline.hide(doc, findings);
        }
        for f in findings.iter() {
            *self.by_rule.entry(f.rule.to_string()).or_default() += 1;
        }
        match &mut self.recording {
            Some(recording) => {
                recording.add(doc, findings);
                false
            }
            None => true,
        }
    }

    /// One line per rule, `COUNT  RULE`, most findings first, then by id.
    fn statistics(&self) -> String {
        let mut rows: Vec<(&String, &usize)> = self.by_rule.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let width = rows.first().map_or(1, |(_, n)| n.to_string().len());
        rows.iter()
            .map(|(rule, n)| format!("{n:>width$}  {rule}\n"))
            .collect()
    }
}

/// `--write-baseline`: writes the recorded findings, unless a file could not
/// be read (the baseline would miss its findings, and they would all be new
/// the next time).
fn write_baseline(
    recording: Recording,
    summary: &Summary,
    quiet: bool,
) -> Result<ExitCode, Errors> {
    if summary.files_failed > 0 {
        eprintln!("mtlint: the baseline was not written, as some files could not be read");
        return Ok(ExitCode::from(2));
    }
    let file = recording.file().display().to_string();
    let count = recording.write().map_err(|e| Errors(vec![e]))?;
    if !quiet {
        eprintln!("mtlint: wrote {file}: {count} findings recorded");
    }
    Ok(ExitCode::SUCCESS)
}

/// A closed pipe (`mtlint … | head`) ends the report, not the run.
fn write_out(stdout: &mut impl Write, text: impl AsRef<[u8]>) {
    if let Err(e) = stdout.write_all(text.as_ref()) {
        output_failed(e);
    }
}

/// A reader that went away (`| head`) ends the report quietly, not the run:
/// fixes still finish, and the exit status still tells findings and errors
/// (later writes fail the same way and are dropped too). Any other failure
/// to write the report is an error.
fn output_failed(e: std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return;
    }
    eprintln!("mtlint: cannot write output: {e}");
    std::process::exit(2);
}

/// The bytes of one input, and the name reports give it.
fn read_input(input: &Input, stdin_name: &str) -> Result<(String, Vec<u8>), LocatedError> {
    match input {
        Input::File(path) => {
            let name = input_name(input, stdin_name);
            match std::fs::read(path) {
                Ok(bytes) => Ok((name, bytes)),
                Err(e) => Err(cannot_read(&name, &e)),
            }
        }
        Input::Stdin => {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => Ok((stdin_name.to_string(), bytes)),
                Err(e) => Err(LocatedError::file(
                    stdin_name,
                    format!("cannot read standard input: {e}"),
                )),
            }
        }
    }
}

/// What the run does with fixes.
#[derive(Clone, Copy)]
enum Fixing {
    Off,
    /// `--fix`: write the fixed files.
    Write(Applicability),
    /// `--diff`: print what `--fix` would change.
    Diff(Applicability),
}

impl LintArgs {
    fn fixing(&self) -> Fixing {
        let level = if self.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        match (self.fix, self.diff) {
            (_, true) => Fixing::Diff(level),
            (true, false) => Fixing::Write(level),
            (false, false) => Fixing::Off,
        }
    }
}

/// One input, linted, or fixed in memory and linted again, or left to be
/// linted in windows when its turn to be printed comes (see `may_be_large`).
enum Checked {
    Linted(Outcome),
    Fixed { name: String, fixed: Fixed },
    Large(String),
}

/// Whether an input may be too large to read whole: a file over the
/// threshold, or standard input or another stream (a device, a FIFO),
/// whose size is known only once read. Such an input is linted in order on
/// the main thread, its windows in parallel and printed as they are done,
/// so that an endless one (`/dev/zero`) is read with a bound. `--fix` and
/// `--diff` read files whole.
fn may_be_large(linter: &Linter, input: &Input) -> bool {
    match input {
        Input::File(path) => std::fs::metadata(path)
            .is_ok_and(|m| !m.is_file() || m.len() > linter.limits.threshold as u64),
        Input::Stdin => true,
    }
}

/// `--fix` and `--diff` work on regular files only: a device or a FIFO has
/// no end to read whole, and writing the fixed text would replace it with a
/// regular file.
fn not_fixable(input: &Input, stdin_name: &str) -> Option<LocatedError> {
    let Input::File(path) = input else {
        return None;
    };
    let meta = std::fs::metadata(path).ok()?;
    (!meta.is_file()).then(|| {
        LocatedError::file(
            input_name(input, stdin_name),
            "not a regular file (a device, FIFO or socket): --fix and --diff change only regular files",
        )
    })
}

fn input_name(input: &Input, stdin_name: &str) -> String {
    match input {
        Input::File(path) => path.display().to_string(),
        Input::Stdin => stdin_name.to_string(),
    }
}

fn check(linter: &Linter, input: &Input, stdin_name: &str, fixing: Fixing) -> Checked {
    if matches!(fixing, Fixing::Off) && may_be_large(linter, input) {
        return Checked::Large(input_name(input, stdin_name));
    }
    if !matches!(fixing, Fixing::Off)
        && let Some(e) = not_fixable(input, stdin_name)
    {
        return Checked::Linted(Outcome::Failed(e));
    }
    let (name, bytes) = match read_input(input, stdin_name) {
        Ok(read) => read,
        Err(e) => return Checked::Linted(Outcome::Failed(e)),
    };
    match fixing {
        Fixing::Off => Checked::Linted(linter.lint_bytes(&name, bytes)),
        Fixing::Write(level) | Fixing::Diff(level) => {
            let fixed = fix::fix(linter, &name, bytes, level);
            Checked::Fixed { name, fixed }
        }
    }
}

/// Where the findings are printed: stdout, but stderr when stdout carries the
/// fixed text of standard input, and nowhere when it carries diffs.
fn report_writer(fixing: Fixing, inputs: &[Input]) -> Box<dyn Write> {
    match fixing {
        Fixing::Diff(_) => Box::new(std::io::sink()),
        Fixing::Write(_) if inputs.contains(&Input::Stdin) => Box::new(std::io::stderr()),
        _ => Box::new(std::io::stdout().lock()),
    }
}

/// Totals of `--fix` and `--diff`, for the closing note.
#[derive(Default)]
struct FixTotals {
    findings: usize,
    files: usize,
}

impl FixTotals {
    fn note(&self, fixing: Fixing) -> Option<String> {
        match fixing {
            Fixing::Off => None,
            Fixing::Write(_) => Some(format!(
                "mtlint: fixes applied: {} (files changed: {})",
                self.findings, self.files
            )),
            Fixing::Diff(_) => Some(format!(
                "mtlint: fixes --fix would apply: {} (files it would change: {})",
                self.findings, self.files
            )),
        }
    }
}

/// Writes a fixed file, or prints the fixed standard input or the diff, and
/// hands back the lint of the fixed text: the findings that remain.
fn settle(
    input: &Input,
    name: &str,
    fixed: Fixed,
    fixing: Fixing,
    totals: &mut FixTotals,
) -> Outcome {
    if let Some(why) = fixed.not_fixed {
        eprintln!("mtlint: {name}: {why}");
    }
    let mut stdout = std::io::stdout().lock();
    match (fixing, input) {
        (Fixing::Diff(_), _) => write_out(
            &mut stdout,
            fix::unified_diff(name, &fixed.original, &fixed.fixed),
        ),
        (_, Input::Stdin) => write_out(&mut stdout, &fixed.fixed),
        (_, Input::File(path)) if fixed.changed() => {
            if let Err(e) = fix::write_atomic(path, &fixed.fixed) {
                return Outcome::Failed(LocatedError::file(
                    name,
                    format!("cannot write the fixed file (it is unchanged): {e}"),
                ));
            }
        }
        _ => {}
    }
    if fixed.changed() {
        totals.files += 1;
        totals.findings += fixed.applied.len();
    }
    fixed.outcome
}

/// `--diff` fails when there is something to fix, as a formatter's check does.
fn diff_exit_code(summary: &Summary, totals: &FixTotals) -> ExitCode {
    if summary.files_failed > 0 {
        ExitCode::from(2)
    } else if totals.files > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// 2 when a file could not be read, 1 when more than `allowed` findings
/// fail the run, else 0.
fn exit_code(summary: &Summary, failing: usize, allowed: usize) -> ExitCode {
    if summary.files_failed > 0 {
        ExitCode::from(2)
    } else if failing > allowed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The config named with `--config`, or the nearest one above the first
/// path (the working folder for standard input); none is fine.
fn load_config(args: &LintArgs) -> Result<Config, Errors> {
    let found = match &args.config {
        Some(path) => Some(path.clone()),
        None => {
            let first = args.paths.first().filter(|p| p.as_os_str() != "-");
            let start = first.cloned().unwrap_or_else(|| PathBuf::from("."));
            config::discover(&start)
        }
    };
    match found {
        Some(path) => Config::load(&path).map_err(|e| Errors(vec![e])),
        None => Ok(Config::default()),
    }
}

/// Writes the commented starter config; an existing file is never overwritten.
fn init() -> Result<ExitCode, Errors> {
    let path = Path::new(config::FILE_NAME);
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(config::STARTER.as_bytes()));
    match created {
        Ok(()) => {
            println!("wrote {}", config::FILE_NAME);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(Errors(vec![LocatedError::file(
            config::FILE_NAME,
            format!("not written: {e}"),
        )])),
    }
}

fn list_rules(args: &RuleArgs) -> Result<ExitCode, Errors> {
    let set = load_rules(args, Docs::With)?;
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
    let set = load_rules(args, Docs::With)?;
    let Some(rule) = set.get(id) else {
        eprintln!("mtlint: no rule `{id}`; `mtlint rules` lists them");
        return Ok(ExitCode::from(2));
    };
    write_out(&mut std::io::stdout().lock(), mtlint::rules::explain(rule));
    Ok(ExitCode::SUCCESS)
}

/// The rules `test-rules` works on: those of `dirs`, else the shipped ones
/// and the `--rules` folders.
fn rules_to_test(dirs: &[PathBuf], args: &RuleArgs) -> Result<RuleSet, Errors> {
    if dirs.is_empty() {
        load_rules(args, Docs::With)
    } else {
        RuleSet::load(None, dirs)
    }
}

fn test_rules(dirs: &[PathBuf], args: &RuleArgs) -> Result<ExitCode, Errors> {
    let set = rules_to_test(dirs, args)?;
    let (passed, failures): (Vec<_>, Vec<_>) = set
        .rules
        .par_iter()
        .map(|rule| (rule, check_rule(rule)))
        .partition(|(_, failures)| failures.is_empty());
    let errors: Vec<LocatedError> = failures.into_iter().flat_map(|(_, f)| f).collect();
    let color = use_color(Color::Auto, std::io::stderr().is_terminal());
    report_warnings(
        &set.rules.iter().flat_map(review).collect::<Vec<_>>(),
        color,
    );
    report_errors(&errors, color);
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

/// `test-rules --corpus DIR`: lints every file of `corpus` with the rules
/// and prints each rule's record. Files that cannot be read are reported,
/// and make the exit status 2.
fn corpus_record(
    dirs: &[PathBuf],
    args: &RuleArgs,
    corpus: &Path,
    format: RecordFormat,
) -> Result<ExitCode, Errors> {
    let engine = Engine::new(rules_to_test(dirs, args)?.rules);
    let (inputs, mut errors) = discover(&[corpus.to_path_buf()]);
    let (totals, failed) = inputs
        .par_iter()
        .fold(
            || (Totals::default(), Vec::new()),
            |(totals, mut failed), input| match record_input(&engine, input) {
                Ok(records) => (totals.with(records), failed),
                Err(e) => {
                    failed.extend(e);
                    (totals, failed)
                }
            },
        )
        .reduce(
            || (Totals::default(), Vec::new()),
            |(a, mut failed), (b, more)| {
                failed.extend(more);
                (a.merge(b), failed)
            },
        );
    errors.extend(failed);
    let record = totals.report(engine.rules());
    let text = match format {
        RecordFormat::Human => record.human(),
        RecordFormat::Json => {
            serde_json::to_string_pretty(&record).expect("a record serializes") + "\n"
        }
    };
    write_out(&mut std::io::stdout().lock(), text);
    report_errors(
        &errors,
        use_color(Color::Auto, std::io::stderr().is_terminal()),
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// One corpus file's records; an error for a file that cannot be read
/// (none for one that is skipped, which is said on stderr).
fn record_input(
    engine: &Engine,
    input: &Input,
) -> Result<Vec<Option<mtlint::rules::record::DocRecord>>, Option<LocatedError>> {
    let Input::File(path) = input else {
        return Err(None);
    };
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Some(cannot_read(&name, &e)))?;
    match read_document(&name, TextFormat::of_path(path), bytes) {
        Ok(doc) => Ok(engine.record(&doc)),
        Err(outcome) => match *outcome {
            Outcome::Skipped { path, reason } => {
                eprintln!("mtlint: skipped {path}: {reason}");
                Err(None)
            }
            Outcome::Failed(e) => Err(Some(e)),
            Outcome::Linted { .. } => unreachable!("reading gives no findings"),
        },
    }
}
