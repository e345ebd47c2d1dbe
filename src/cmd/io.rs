//! File and stream helpers shared by the subcommands: reading articles and gazetteers,
//! decoding UTF-8 with byte-precise errors, and atomic output files.

use anyhow::{Context, Result};
use claimex::claims::lexicon::{Lexicon, FILES};
use claimex::output::DocumentMeta;
use claimex::{Extractor, Gazetteer};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Where the gazetteers come from.
#[derive(clap::Args, Debug)]
pub struct GazetteerArgs {
    /// Use the `*.tsv` gazetteers in DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,
    /// Add a gazetteer file of your own (repeatable).
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Use the claims lexicon files in DIR (cues.tsv, words.tsv, nouns.tsv, participles.tsv,
    /// hedges.tsv, abbreviations.tsv; a missing file is an empty list) instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Extend the claims lexicon with the files in DIR, named as in `lexicon/` (repeatable): a
    /// cue row replaces the embedded one of the same form, a word row adds classes.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Vec<PathBuf>,
}

/// The extractor for the gazetteers and lexicon that `args` name.
pub fn load_extractor(args: &GazetteerArgs) -> Result<Extractor> {
    let gazetteer = load_gazetteers(args)?;
    if args.lexicons.is_none() && args.lexicon.is_empty() {
        return Ok(Extractor::new(gazetteer));
    }
    let mut lexicon = match &args.lexicons {
        None => Lexicon::embedded(),
        Some(dir) => {
            let mut l = Lexicon::default();
            if add_lexicon_dir(&mut l, dir)? == 0 {
                anyhow::bail!("{}: no lexicon files (expected {})", dir.display(), FILES.join(", "));
            }
            l
        }
    };
    for dir in &args.lexicon {
        add_lexicon_dir(&mut lexicon, dir)?;
    }
    Ok(Extractor::with_lexicon(gazetteer, lexicon))
}

/// Adds the lexicon files in `dir`, in [`FILES`] order; any other `*.tsv` there is an error.
/// Returns how many files were read.
fn add_lexicon_dir(lexicon: &mut Lexicon, dir: &Path) -> Result<usize> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read lexicon folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    let rank = |p: &PathBuf| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (FILES.iter().position(|f| *f == name).unwrap_or(FILES.len()), name)
    };
    files.sort_by_key(rank);
    for f in &files {
        let bytes = std::fs::read(f).with_context(|| format!("{}: cannot read lexicon file", f.display()))?;
        let text = decode(bytes).with_context(|| f.display().to_string())?;
        lexicon.add_file(&f.display().to_string(), &text)?;
    }
    Ok(files.len())
}

/// The `document` metadata of an article file: its stem as id, and its path.
pub fn meta_for(path: &Path) -> DocumentMeta {
    DocumentMeta {
        id: path
            .file_stem()
            .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned()),
        path: Some(path.display().to_string()),
        ..DocumentMeta::default()
    }
}

/// The article at `path`, or standard input for None and `-`, with its metadata.
pub fn read_input(path: Option<&Path>) -> Result<(String, DocumentMeta)> {
    match path.filter(|p| *p != Path::new("-")) {
        Some(p) => Ok((read_article(p, false)?, meta_for(p))),
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            let text = decode(bytes).context("standard input")?;
            let meta = DocumentMeta {
                id: "stdin".into(),
                ..DocumentMeta::default()
            };
            Ok((text, meta))
        }
    }
}

/// The article at `path`, decoded by [`decode_bytes`].
pub fn read_article(path: &Path, lossy: bool) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    decode_bytes(bytes, lossy).with_context(|| path.display().to_string())
}

/// UTF-8 text without a byte-order mark; invalid UTF-8 is an error naming the byte.
pub fn decode(bytes: Vec<u8>) -> Result<String> {
    decode_bytes(bytes, false)
}

/// Like [`decode`], but with `lossy` invalid UTF-8 becomes U+FFFD instead of an error.
pub fn decode_bytes(bytes: Vec<u8>, lossy: bool) -> Result<String> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            anyhow::bail!("not UTF-8: invalid byte 0x{:02X} at byte offset {at}", e.as_bytes()[at])
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

pub fn load_gazetteers(args: &GazetteerArgs) -> Result<Gazetteer> {
    let mut g = match &args.gazetteers {
        None => Gazetteer::embedded(),
        Some(dir) => {
            let mut g = Gazetteer::default();
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| format!("{}: cannot read gazetteer folder", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect();
            files.sort();
            if files.is_empty() {
                anyhow::bail!("{}: no *.tsv gazetteer files", dir.display());
            }
            for f in files {
                add_gazetteer(&mut g, &f)?;
            }
            g
        }
    };
    for f in &args.gazetteer {
        add_gazetteer(&mut g, f)?;
    }
    Ok(g)
}

fn add_gazetteer(g: &mut Gazetteer, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read gazetteer", path.display()))?;
    let text = decode(bytes).with_context(|| path.display().to_string())?;
    g.add_file(&path.display().to_string(), &text)?;
    Ok(())
}

/// Runs `write` into a temporary file beside `path` and renames it into place on success,
/// so an interrupted run never leaves a truncated file that looks whole.
pub fn write_atomically<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let tmp = dir.join(format!(".{}.partial-{}", name.to_string_lossy(), std::process::id()));
    let mut file = std::fs::File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
    let result = write(&mut file).and_then(|v| {
        file.sync_all()?;
        Ok(v)
    });
    match result {
        Ok(v) => {
            std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
            Ok(v)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
