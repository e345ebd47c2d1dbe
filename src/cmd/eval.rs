//! `claimex eval GOLD.jsonl`: reads a gold file, scores the extractor with
//! [`claimex::eval`], and prints the tables (or the report as JSON).

use super::io::{load_extractor, read_article, stdout, GazetteerArgs};
use anyhow::{Context, Result};
use claimex::eval::{Evaluation, FieldScores, GoldDoc, PrecisionRow, Prf, Report};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `claimex eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold JSON Lines: PolNeAR records or syria-dev-gold records (with `mentions`).
    gold: PathBuf,
    /// Output: tables, or the whole report as one JSON object.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also list every missed, spurious or partly wrong claim and mention (text format).
    #[arg(long, short)]
    verbose: bool,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
}

/// `--format` of `claimex eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs `claimex eval`.
pub fn run(args: Args) -> Result<ExitCode> {
    let extractor = load_extractor(&args.gazetteers)?;
    let data = read_article(&args.gold, false)?;
    let mut eval = Evaluation::new(&extractor);
    for (i, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let doc = GoldDoc::parse(line, i + 1).with_context(|| args.gold.display().to_string())?;
        eval.add(&doc);
    }
    let report = eval.finish();
    let mut out = stdout();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Text => write_text(&mut out, &report, args.verbose)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn prf(p: &Prf) -> String {
    format!("{:6.3} {:6.3} {:6.3}", p.precision(), p.recall(), p.f1())
}

fn fields(w: &mut dyn Write, name: &str, s: &FieldScores) -> io::Result<()> {
    writeln!(
        w,
        "{name:<8} {:>8} {:>20} {:>20} {:>20}",
        "", "cue P R F1", "source P R F1", "content P R F1"
    )?;
    writeln!(
        w,
        "{:<8} {:>8} {} {} {} | all {}",
        "",
        "",
        prf(&s.cue),
        prf(&s.source),
        prf(&s.content),
        prf(&s.all)
    )
}

fn precision_rows(w: &mut dyn Write, title: &str, rows: &[(&String, &PrecisionRow)]) -> io::Result<()> {
    writeln!(w, "\n{title:<24} {:>6} {:>7} {:>7}", "pred", "cue P", "all P")?;
    for (name, r) in rows {
        let p = |x: usize| x as f64 / r.predicted.max(1) as f64;
        writeln!(w, "{name:<24} {:>6} {:>7.3} {:>7.3}", r.predicted, p(r.cue), p(r.all))?;
    }
    Ok(())
}

fn write_text(w: &mut dyn Write, r: &Report, verbose: bool) -> io::Result<()> {
    let c = &r.claims;
    writeln!(
        w,
        "{} documents, {} gold attributions, {} predicted claims",
        r.docs, c.overlap.all.gold, c.overlap.all.predicted
    )?;
    fields(w, "overlap", &c.overlap)?;
    fields(w, "exact", &c.exact)?;
    let mut rules: Vec<_> = c.by_rule.iter().collect();
    rules.sort_by_key(|(name, r)| (std::cmp::Reverse(r.predicted), name.as_str()));
    precision_rows(w, "rule (overlap)", &rules)?;
    let mut lemmas: Vec<_> = c.by_lemma.iter().collect();
    lemmas.sort_by_key(|(name, r)| (std::cmp::Reverse(r.predicted), name.as_str()));
    let shown = if verbose { lemmas.len() } else { 25 };
    precision_rows(w, "cue lemma (overlap)", &lemmas[..shown.min(lemmas.len())])?;
    let mut cues: Vec<_> = c.by_gold_cue.iter().collect();
    cues.sort_by_key(|(name, r)| (std::cmp::Reverse(r.gold), name.as_str()));
    writeln!(
        w,
        "\n{:<24} {:>6} {:>7} {:>7}",
        "gold cue (overlap)", "gold", "cue R", "all R"
    )?;
    for (name, g) in cues.iter().take(if verbose { cues.len() } else { 25 }) {
        let q = |x: usize| x as f64 / g.gold.max(1) as f64;
        writeln!(w, "{name:<24} {:>6} {:>7.3} {:>7.3}", g.gold, q(g.cue), q(g.all))?;
    }
    if let Some(m) = &r.mentions {
        writeln!(
            w,
            "\n{:<14} {:>6} {:>6} {:>20} {:>20}",
            "mentions", "gold", "pred", "exact P R F1", "overlap P R F1"
        )?;
        for (name, t) in m.by_type.iter().chain([(&"all".to_string(), &m.all)]) {
            writeln!(
                w,
                "{name:<14} {:>6} {:>6} {} {}",
                t.exact.gold,
                t.exact.predicted,
                prf(&t.exact),
                prf(&t.overlap)
            )?;
        }
    }
    if verbose {
        writeln!(w, "\nclaim errors (overlap metric):")?;
        for e in &c.errors {
            writeln!(w, "{} {} [{}]", e.doc, e.what, e.rule.unwrap_or("-"))?;
            for (tag, t) in [("gold", &e.gold), ("pred", &e.predicted)] {
                if let Some(t) = t {
                    let src = t.source.as_deref().unwrap_or("-");
                    writeln!(w, "  {tag}: {src} | {} | {}", t.cue, t.content)?;
                }
            }
        }
        if let Some(m) = &r.mentions {
            writeln!(w, "\nmention errors (overlap metric):")?;
            for e in &m.errors {
                writeln!(w, "{} {} {} {:?}", e.doc, e.what, e.kind, e.text)?;
            }
        }
    }
    Ok(())
}
