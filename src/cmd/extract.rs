//! `claimex extract`: one article to one JSON object.

use super::io::{decode, meta_for, read_article};
use anyhow::{Context, Result};
use claimex::output::{document, DocumentMeta};
use claimex::Extractor;
use std::io::{self, Read, Write};
use std::path::Path;

/// Extracts the article at `path` (or stdin for None / `-`) and writes its JSON to stdout.
pub fn run(extractor: &Extractor, path: Option<&Path>, pretty: bool) -> Result<()> {
    let (text, meta) = match path.filter(|p| *p != Path::new("-")) {
        Some(p) => (read_article(p, false)?, meta_for(p)),
        None => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
            let text = decode(bytes).context("standard input")?;
            (
                text,
                DocumentMeta {
                    id: "stdin".into(),
                    ..DocumentMeta::default()
                },
            )
        }
    };
    let x = extractor.extract(&text);
    let doc = document(&text, &x, extractor.gazetteer(), &meta);
    let mut out = io::stdout().lock();
    if pretty {
        serde_json::to_writer_pretty(&mut out, &doc)?;
    } else {
        serde_json::to_writer(&mut out, &doc)?;
    }
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
