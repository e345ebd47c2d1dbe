//! `--format` for `extract` and `batch`: a [`Sink`] that takes each article and writes it in
//! the chosen format. The subcommands call [`Sink::begin`], [`Sink::document`] once per article
//! and [`Sink::end`]; formats that gather the whole corpus (GeoJSON) or write files of their
//! own (brat, the Label Studio config) do so here, so the subcommands stay format-agnostic.

use anyhow::{Context, Result};
use claimex::export::{self, Article};
use claimex::output::{document, DocumentMeta};
use claimex::{Extraction, Gazetteer};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

/// Output formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The JSON document (`extract`: one object; `batch`: one per line).
    #[default]
    Json,
    /// One JSON document per line, never indented.
    Jsonl,
    /// A --table (claims, mentions or entities), comma-separated, with a header.
    Csv,
    /// A --table (claims, mentions or entities), tab-separated, with a header.
    Tsv,
    /// brat standoff: `<id>.txt` and `<id>.ann` per article (`<id>~2.*` for a repeated id), and
    /// `annotation.conf`, in --out-dir.
    Brat,
    /// Label Studio tasks with predictions (a JSON array); with --out-dir, also `labelstudio.xml`.
    Labelstudio,
    /// A GeoJSON FeatureCollection of the places with coordinates and the claims naming them.
    Geojson,
    /// A self-contained HTML review page.
    Html,
}

/// The format options shared by `extract` and `batch`.
#[derive(clap::Args, Debug)]
pub struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Folder for files of their own: required by brat; receives the Label Studio config.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Which table --format csv/tsv writes: one row per claim, per mention (with the claim
    /// whose content holds it), or per entity.
    #[arg(long, value_enum, default_value_t)]
    pub table: Table,
}

/// The tables of --format csv/tsv.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    /// One row per claim.
    #[default]
    Claims,
    /// One row per mention and claim containing it.
    Mentions,
    /// One row per entity per article.
    Entities,
}

impl From<Table> for export::csv::Table {
    fn from(t: Table) -> export::csv::Table {
        match t {
            Table::Claims => export::csv::Table::Claims,
            Table::Mentions => export::csv::Table::Mentions,
            Table::Entities => export::csv::Table::Entities,
        }
    }
}

/// Writes articles in one format.
pub struct Sink {
    format: Format,
    table: export::csv::Table,
    out_dir: Option<PathBuf>,
    pretty: bool,
    corpus: bool,
    written: usize,
    places: export::geojson::Collection,
    /// HTML: the table of contents of a corpus page.
    toc: Vec<export::html::TocEntry>,
    /// brat file stems written so far: two articles with one id must not overwrite each other.
    stems: BTreeSet<String>,
}

impl Sink {
    /// A sink for `args`; `pretty` indents JSON, `corpus` marks a batch (for the HTML title).
    pub fn new(args: &FormatArgs, pretty: bool, corpus: bool) -> Result<Sink> {
        if args.format == Format::Brat && args.out_dir.is_none() {
            anyhow::bail!("--format brat writes files: give --out-dir DIR");
        }
        if args.table != Table::Claims && !matches!(args.format, Format::Csv | Format::Tsv) {
            anyhow::bail!("--table picks a table of --format csv or tsv");
        }
        if let Some(dir) = &args.out_dir {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
        }
        Ok(Sink {
            format: args.format,
            table: args.table.into(),
            out_dir: args.out_dir.clone(),
            pretty: pretty && args.format == Format::Json,
            corpus,
            written: 0,
            places: Default::default(),
            toc: Vec::new(),
            stems: BTreeSet::new(),
        })
    }

    /// True when failures belong in the output as JSON error lines.
    pub fn takes_error_lines(&self) -> bool {
        matches!(self.format, Format::Json | Format::Jsonl)
    }

    /// True when each article is one unindented JSON line, which batch workers may serialise
    /// themselves.
    pub fn writes_json_lines(&self) -> bool {
        self.takes_error_lines() && !self.pretty
    }

    /// Writes what comes before the first article.
    pub fn begin(&mut self, out: &mut dyn Write) -> Result<()> {
        match self.format {
            Format::Csv | Format::Tsv => export::csv::header(out, self.table, self.delimiter())?,
            Format::Labelstudio => out.write_all(b"[")?,
            _ => {}
        }
        Ok(())
    }

    /// Writes (or gathers) one article: the single point where a document is serialised.
    pub fn document(
        &mut self,
        out: &mut dyn Write,
        text: &str,
        x: &Extraction,
        gazetteer: &Gazetteer,
        meta: &DocumentMeta,
    ) -> Result<()> {
        if self.takes_error_lines() {
            let doc = document(text, x, gazetteer, meta);
            match self.pretty {
                true => serde_json::to_writer_pretty(&mut *out, &doc)?,
                false => doc.write_json(&mut *out)?,
            }
            writeln!(out)?;
            return Ok(());
        }
        let article = Article::new(text, x, gazetteer, meta);
        match self.format {
            Format::Csv | Format::Tsv => export::csv::rows(out, &article, self.table, self.delimiter())?,
            Format::Brat => self.brat(&article)?,
            Format::Labelstudio => {
                let sep = if self.written == 0 { "\n" } else { ",\n" };
                out.write_all(sep.as_bytes())?;
                serde_json::to_writer(&mut *out, &export::labelstudio::task(&article))?;
            }
            Format::Geojson => self.places.add(&article),
            Format::Html => {
                if self.written == 0 {
                    let title = match self.corpus {
                        true => "claimex: corpus review",
                        false => article
                            .doc
                            .document
                            .title
                            .as_deref()
                            .unwrap_or(&article.doc.document.id),
                    };
                    out.write_all(export::html::head(title).as_bytes())?;
                }
                export::html::write_article(out, &article, self.written)?;
                if self.corpus {
                    self.toc.push(export::html::TocEntry::new(&article, self.written));
                }
            }
            Format::Json | Format::Jsonl => unreachable!("written above"),
        }
        self.written += 1;
        Ok(())
    }

    /// Writes what comes after the last article, and the side files.
    pub fn end(&mut self, out: &mut dyn Write) -> Result<()> {
        match self.format {
            Format::Labelstudio => {
                out.write_all(b"\n]\n")?;
                self.side_file("labelstudio.xml", &export::labelstudio::config())?;
            }
            Format::Geojson => {
                serde_json::to_writer(&mut *out, &std::mem::take(&mut self.places).finish())?;
                writeln!(out)?;
            }
            Format::Html => {
                if self.written == 0 {
                    out.write_all(export::html::head("claimex: no articles").as_bytes())?;
                }
                out.write_all(export::html::foot(&self.toc).as_bytes())?;
            }
            Format::Brat => {
                self.side_file("annotation.conf", &export::brat::annotation_conf())?;
            }
            _ => {}
        }
        out.flush()?;
        Ok(())
    }

    fn delimiter(&self) -> u8 {
        if self.format == Format::Tsv {
            b'\t'
        } else {
            b','
        }
    }

    fn brat(&mut self, article: &Article) -> Result<()> {
        let id = &article.doc.document.id;
        let stem = (1..)
            .map(|n| if n == 1 { id.clone() } else { format!("{id}~{n}") })
            .find(|stem| !self.stems.contains(stem))
            .expect("some suffix is free");
        self.side_file(&format!("{stem}.txt"), &article.text)?;
        self.side_file(&format!("{stem}.ann"), &export::brat::ann(article))?;
        self.stems.insert(stem);
        Ok(())
    }

    /// Writes `name` into --out-dir, if given.
    fn side_file(&self, name: &str, content: &str) -> Result<()> {
        let Some(dir) = &self.out_dir else { return Ok(()) };
        let path = dir.join(name);
        std::fs::write(&path, content).with_context(|| format!("{}: cannot write", path.display()))
    }
}
