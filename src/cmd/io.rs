//! File and stream helpers shared by the subcommands: reading articles (with encoding hints)
//! and gazetteers, writing to standard output or atomically to a file, and noticing a closed
//! standard output so the command can end quietly.

use anyhow::{Context, Result};
use claimex::claims::lexicon::{Lexicon, FILES, PROFILES};
use claimex::claims::tagger::Model;
use claimex::decode::{decode, DecodeError};
use claimex::output::DocumentMeta;
use claimex::{Extractor, Gazetteer};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// hedges.tsv, boilerplate.tsv, abbreviations.tsv; a missing file is an empty list) instead of
    /// the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
    /// Extend the claims lexicon with the files in DIR, named as in `lexicon/` (repeatable): a
    /// cue row replaces the embedded one of the same form, a word row adds classes.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Vec<PathBuf>,
    /// Add an opt-in lexicon profile compiled into the binary (repeatable), as `--lexicon
    /// lexicon/NAME` adds its folder: `polnear` counts what PolNeAR annotates and the Syria
    /// conventions exclude (calls, orders, `X: Y` lead-ins); `extra` adds cues and hedges left
    /// out of the default.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(PROFILES.iter().map(|p| p.0)))]
    pub profile: Vec<String>,
    /// Rules alone: leave out the learned claim layer (on by default).
    #[arg(long)]
    pub rules_only: bool,
}

/// The extractor for the gazetteers, lexicon and learned layer that `args` name. With the layer
/// on and two cores, its weights (4 MB, parsed on first use) are parsed on a thread of their own
/// meanwhile, rather than by the first article that reaches a cue candidate while the second
/// core idles.
pub fn load_extractor(args: &GazetteerArgs) -> Result<Extractor> {
    std::thread::scope(|scope| {
        if !args.rules_only && claimex::two_cores() {
            // Without a thread, the first article parses them, as with one core.
            let _ = std::thread::Builder::new().spawn_scoped(scope, Model::embedded);
        }
        Ok(base_extractor(args)?.with_learned_layer(!args.rules_only))
    })
}

fn base_extractor(args: &GazetteerArgs) -> Result<Extractor> {
    let gazetteer = load_gazetteers(args)?;
    if args.lexicons.is_none() && args.lexicon.is_empty() && args.profile.is_empty() {
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
    for name in &args.profile {
        lexicon.add_profile(name).expect("clap checked the profile's name");
    }
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
        let text = read_article(f, false)?;
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

/// True for None and `-`, which mean standard input (or output).
pub fn is_std(path: Option<&Path>) -> bool {
    path.is_none_or(|p| p == Path::new("-"))
}

/// Standard input, with a hint on stderr when it is a terminal (so the command does not seem
/// to hang while it waits for an article).
pub fn stdin() -> io::Stdin {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        eprintln!("claimex: reading from standard input; pipe an article or give a path; Ctrl-D ends");
    }
    stdin
}

/// The article at `path`, or standard input for None and `-`, with its metadata; `lossy`
/// replaces invalid UTF-8 with U+FFFD.
pub fn read_input(path: Option<&Path>, lossy: bool) -> Result<(String, DocumentMeta)> {
    match path.filter(|_| !is_std(path)) {
        Some(p) => Ok((read_article(p, lossy)?, meta_for(p))),
        None => {
            let mut bytes = Vec::new();
            stdin().read_to_end(&mut bytes).context("reading standard input")?;
            let text = decode(bytes, lossy).map_err(|e| not_text(None, e))?;
            let meta = DocumentMeta {
                id: "stdin".into(),
                ..DocumentMeta::default()
            };
            Ok((text, meta))
        }
    }
}

/// The article at `path`; `lossy` replaces invalid UTF-8 with U+FFFD.
pub fn read_article(path: &Path, lossy: bool) -> Result<String> {
    article_text(path, std::fs::read(path), lossy)
}

/// [`read_article`] for a file whose size the listing already found (`size`, 0 when unknown):
/// read into a buffer of that size and one byte more, without asking the system for the size
/// again (`std::fs::read` does, one `statx` a file). A file that changed size since is still
/// read whole: the buffer grows until a read finds the end.
pub fn read_listed_article(path: &Path, size: u64, lossy: bool) -> Result<String> {
    article_text(path, read_to_end(path, size), lossy)
}

/// The text of the article file at `path`, given the result of reading its bytes.
fn article_text(path: &Path, bytes: io::Result<Vec<u8>>, lossy: bool) -> Result<String> {
    let bytes = bytes.with_context(|| format!("{}: cannot read", path.display()))?;
    decode(bytes, lossy).map_err(|e| not_text(Some(path), e))
}

/// The bytes of the file at `path`, expected to be about `size` bytes long.
fn read_to_end(path: &Path, size: u64) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    // One byte more than expected, so the read that finds the end has room and needs no
    // probe buffer. Read through `Take`, whose `read_to_end` is the generic one (reading
    // into the spare capacity, never zeroed): `File`'s own asks for the size again.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The error for bytes that are not UTF-8, naming the file (None: standard input) and, when
/// the encoding is likely, the `iconv` command that converts it.
fn not_text(path: Option<&Path>, e: DecodeError) -> anyhow::Error {
    let what = path.map_or_else(|| "standard input".to_string(), |p| p.display().to_string());
    match (e.likely, path) {
        (None, _) => anyhow::anyhow!("{what}: {e}"),
        (Some(l), Some(p)) => anyhow::anyhow!(
            "{what}: {e}; convert it with: iconv -f {} -t UTF-8 {} > out.txt",
            l.iconv_name(),
            shell_quote(&p.display().to_string())
        ),
        (Some(l), None) => anyhow::anyhow!(
            "{what}: {e}; convert it on the way in: iconv -f {} -t UTF-8 FILE | claimex ...",
            l.iconv_name()
        ),
    }
}

/// `s` as one shell word: as is when it is plainly safe, else in single quotes.
fn shell_quote(s: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./+,:@%".contains(c);
    match !s.is_empty() && s.chars().all(plain) {
        true => s.to_string(),
        false => format!("'{}'", s.replace('\'', r"'\''")),
    }
}

/// The gazetteers `args` asks for: the embedded ones or a folder's, plus the extra files.
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
    let text = read_article(path, false)?;
    g.add_file(&path.display().to_string(), &text)?;
    Ok(())
}

/// Runs `write` on the file at `path` (atomically, by [`write_atomically`]) or, for None and
/// `-`, on standard output; buffered either way.
pub fn write_output<T>(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    write_output_buffered(path, 1 << 16, write)
}

/// [`write_output`] with a buffer of `capacity` bytes: a write at least that long goes straight
/// to the output when the buffer is empty, without a copy.
pub fn write_output_buffered<T>(
    path: Option<&Path>,
    capacity: usize,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let buffered = |out: &mut dyn Write| {
        let mut out = io::BufWriter::with_capacity(capacity, out);
        let value = write(&mut out)?;
        out.flush()?;
        Ok(value)
    };
    match path.filter(|_| !is_std(path)) {
        Some(p) if is_special(p) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(p)
                .with_context(|| format!("{}: cannot open", p.display()))?;
            buffered(&mut file)
        }
        Some(p) => write_atomically(p, buffered),
        None => buffered(&mut stdout()),
    }
}

/// `path` exists and is not a regular file (`/dev/null`, a FIFO, a terminal): it is written in
/// place, since renaming a finished file over it would replace the device or pipe itself.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
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

static PIPE_CLOSED: AtomicBool = AtomicBool::new(false);

/// True once a write to standard output found the reader gone (`claimex ... | head`). Every
/// output format writes through [`stdout`], so however a writer wraps that error (csv,
/// serde_json, anyhow), `main` can tell it apart and end quietly.
pub fn pipe_closed() -> bool {
    PIPE_CLOSED.load(Ordering::Relaxed)
}

/// Standard output, locked; a broken pipe is noted for [`pipe_closed`].
pub fn stdout() -> Stdout {
    Stdout(io::stdout().lock())
}

/// See [`stdout`].
pub struct Stdout(io::StdoutLock<'static>);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        noted(self.0.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        noted(self.0.flush())
    }
}

fn noted<T>(result: io::Result<T>) -> io::Result<T> {
    if result.as_ref().is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
        PIPE_CLOSED.store(true, Ordering::Relaxed);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_file_is_read_whole_whatever_size_the_listing_gave() {
        let dir = std::env::temp_dir().join(format!("claimex-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        let text: String = (0..5000).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        std::fs::write(&path, &text).unwrap();
        // The true size, a stale smaller or larger one, and none.
        for size in [5000, 0, 1, 4999, 5001, 100_000] {
            assert_eq!(read_listed_article(&path, size, false).unwrap(), text, "size {size}");
        }
        std::fs::write(&path, "").unwrap();
        assert_eq!(read_listed_article(&path, 0, false).unwrap(), "");
        assert!(read_listed_article(&dir.join("missing.txt"), 10, false).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn shell_quote_leaves_plain_paths_and_quotes_the_rest() {
        assert_eq!(shell_quote("news/a-1.txt"), "news/a-1.txt");
        assert_eq!(shell_quote("my news/it's.txt"), r"'my news/it'\''s.txt'");
        assert_eq!(shell_quote("$(rm)"), "'$(rm)'");
    }
}
