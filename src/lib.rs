//! claimex: who claims what, about whom, where, in defense and conflict news about Syria.
//!
//! The pipeline, one module per stage, each consuming the previous one's plain data:
//!
//! 1. [`segment`]: paragraphs and sentences ([`Sentence`]), news-aware;
//! 2. [`matcher`]: gazetteer mentions ([`Mention`]) by a phrase-index walk over a folded view;
//! 3. [`claims`]: attributed and hedged claims ([`Claim`]) from a cue lexicon;
//! 4. [`output`]: the versioned JSON document, with code-point offsets;
//! 5. [`export`]: that document as CSV, brat, Label Studio, GeoJSON, HTML or terminal text.
//!
//! [`eval`] scores the whole pipeline against gold annotations (`claimex eval`).
//!
//! Build an [`Extractor`] once (it compiles the automata), then call [`Extractor::extract`]
//! for each article, or [`Extractor::extract_all`] for a few at a time (faster over a corpus). The library does no I/O; [`decode`] turns an article's bytes into its
//! text, and names the likely encoding (UTF-16, Windows-1252) of bytes that are not UTF-8.
//!
//! ```
//! let extractor = claimex::Extractor::new(claimex::Gazetteer::embedded());
//! let text = "Activists said HTS seized Hama.";
//! let x = extractor.extract(text);
//! let names: Vec<_> = x.mentions.iter().map(|m| (m.span.slice(text), &*extractor.gazetteer().entity(m.entity).name)).collect();
//! assert_eq!(names, [("HTS", "Hay'at Tahrir al-Sham"), ("Hama", "Hama")]);
//! assert_eq!(x.claims[0].content.slice(text), "HTS seized Hama");
//! ```
#![deny(missing_docs)]

mod byte_set;
pub mod claims;
pub mod date;
pub mod decode;
pub mod eval;
pub mod export;
pub mod fold;
pub mod gazetteer;
pub mod matcher;
pub mod output;
pub mod segment;
pub mod span;

pub use claims::{Claim, ClaimKind, Lexicon, LexiconError, Rule, Stance};
pub use date::Date;
pub use gazetteer::{Entity, EntityId, EntityType, Gazetteer, GazetteerError};
pub use matcher::Mention;
pub use segment::{Role, Sentence};
pub use span::Span;

/// The embedded gazetteers, parsed by the build (`build.rs`): their strings and their records;
/// see [`gazetteer::compact`].
const EMBEDDED_GAZETTEER: (&str, &[u8]) = (
    include_str!(concat!(env!("OUT_DIR"), "/gazetteer.txt")),
    include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin")),
);

/// The matcher's patterns for the embedded gazetteers and lexicon, compiled by the build
/// (`build.rs`); see `matcher::patterns`.
const EMBEDDED_PATTERNS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/patterns.bin"));

/// What the matcher needs of each embedded entity, made by the build; see
/// `matcher::entity_table`.
const EMBEDDED_ENTITIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/entities.bin"));

/// `(a(), b())`, with `a` on a second thread when there are two cores (and the OS gives a
/// thread; if it refuses one, `a` runs here after `b`): start-up runs independent jobs so. The
/// results are the same either way.
pub(crate) fn both<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    both_spawning(two_cores().then(std::thread::Builder::new), a, b)
}

/// [`both`], spawning `a`'s thread with `spawn` (None: no thread).
fn both_spawning<A: Send, B>(
    spawn: Option<std::thread::Builder>,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    // `a` stays reachable from here in case the thread cannot be started, and runs once.
    let a = std::sync::Mutex::new(Some(a));
    let run_a = || {
        let a = a.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        a.map(|a| a())
    };
    std::thread::scope(|scope| {
        let worker = spawn.and_then(|builder| builder.spawn_scoped(scope, run_a).ok());
        let b = b();
        let a = match worker {
            Some(worker) => worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => run_a(),
        };
        (a.expect("`a` runs exactly once"), b)
    })
}

/// Whether there are two cores to split start-up work across (the CLI asks it too). Asked once
/// per process: the answer reads the affinity mask and the cgroup's CPU quota (about ten system
/// calls), and start-up asks it several times on its main thread.
#[doc(hidden)]
pub fn two_cores() -> bool {
    static TWO: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TWO.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
}

/// Everything extracted from one article; spans are byte offsets into its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Gazetteer mentions, sorted by position.
    pub mentions: Vec<Mention>,
    /// Claims, sorted by sentence and cue position.
    pub claims: Vec<Claim>,
    /// The article's title sentence, if it has one.
    pub title: Option<Span>,
    /// The byline's name part, if the article has one.
    pub byline: Option<Span>,
    /// The article date used to tell apart entities by their `period`: the caller's, or the
    /// first full date in the article's head (see [`date::find_in_head`]); None when neither.
    pub date: Option<Date>,
}

/// The whole pipeline, built once and used for many articles.
#[derive(Clone, Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    segmenter: segment::Segmenter,
    matcher: matcher::Matcher,
    claims: claims::ClaimFinder,
}

impl Extractor {
    /// Compiles the matcher for `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        Extractor::build(gazetteer, claims::Lexicon::embedded)
    }

    /// Compiles the matcher for `gazetteer`, with `lexicon` for the claim rules and the
    /// sentence splitter's abbreviations.
    pub fn with_lexicon(gazetteer: Gazetteer, lexicon: claims::Lexicon) -> Extractor {
        Extractor::build(gazetteer, move || lexicon)
    }

    /// [`Extractor::with_lexicon`], the lexicon made by `lexicon` on the splitter's thread.
    fn build(gazetteer: Gazetteer, lexicon: impl FnOnce() -> claims::Lexicon + Send) -> Extractor {
        let g = &gazetteer;
        // The lexicon, splitter and claim finder beside the matcher, and the patterns every
        // article would compile on first use split between the two so that they end about
        // together (instructions, embedded gazetteer: here the lexicon 4 M, the dateline and
        // date patterns 13 M, the splitter and claim finder 4 M; there the matcher's prebuilt
        // patterns 10 M, the byline and boilerplate patterns 10 M).
        let ((segmenter, claims), matcher) = both(
            move || {
                let lexicon = lexicon();
                segment::compile_dateline();
                date::compile_patterns();
                let segmenter = segment::Segmenter::new(lexicon.abbreviations().clone());
                (segmenter, claims::ClaimFinder::with_lexicon(g, lexicon))
            },
            || {
                let matcher = matcher::Matcher::new(g);
                segment::compile_patterns();
                matcher
            },
        );
        Extractor {
            gazetteer,
            segmenter,
            matcher,
            claims,
        }
    }

    /// Turns the learned claim tagger ([`claims::tagger`]) on or off (on by default).
    pub fn with_learned_layer(mut self, on: bool) -> Extractor {
        self.claims = self.claims.with_learned_layer(on);
        self
    }

    /// The gazetteer mentions refer to.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Runs the pipeline on one article, dated by the first full date in its head if it has one.
    pub fn extract(&self, text: &str) -> Extraction {
        self.extract_dated(text, None)
    }

    /// Runs the pipeline on one article published on `date`. Without a date, the first full
    /// date in the article's head ("Sat Mar 12 2016", a dateline) is used; without either, an
    /// alias shared by entities of different periods ("government forces") names the one with
    /// the highest priority.
    pub fn extract_dated(&self, text: &str, date: Option<Date>) -> Extraction {
        let mut x = self.matched(text, date);
        x.claims = self.claims.find(text, &x.sentences, &x.mentions);
        x
    }

    /// Runs the pipeline on several articles, each a text and its date as for
    /// [`Extractor::extract_dated`], stage by stage: sentences and mentions for all of them, then
    /// their claims. The extractions are the same as one by one, in the same order; a batch is
    /// faster, since each stage's tables stay in cache across the articles instead of being
    /// evicted by the other stages' (the learned layer's) after each article. Memory grows with
    /// the articles given at once: give a few (the CLI gives up to 16, about 1 MB).
    pub fn extract_all(&self, articles: &[(&str, Option<Date>)]) -> Vec<Extraction> {
        let mut all: Vec<Extraction> = articles.iter().map(|&(text, date)| self.matched(text, date)).collect();
        for (x, &(text, _)) in all.iter_mut().zip(articles) {
            x.claims = self.claims.find(text, &x.sentences, &x.mentions);
        }
        all
    }

    /// The stages before the claims on one article: its extraction without claims.
    fn matched(&self, text: &str, date: Option<Date>) -> Extraction {
        let sentences = self.segmenter.segment(text);
        let date = date.or_else(|| date::find_in_head(text));
        let mentions = self.matcher.find_dated(text, &sentences, date);
        let title = sentences.iter().find(|s| s.role == Role::Title).map(|s| s.span);
        let byline = segment::byline(text, &sentences);
        Extraction {
            sentences,
            mentions,
            claims: Vec::new(),
            title,
            byline,
            date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Date, Extractor, Gazetteer};

    #[test]
    fn extract_all_gives_each_article_what_extract_dated_gives_it_alone() {
        let extractor = Extractor::new(Gazetteer::embedded());
        let dated: Date = "2016-03-12".parse().unwrap();
        // Articles of my own: claims, mentions, a title and dateline, a dated one, an empty one,
        // and the same text twice (nothing may carry over from one article to the next).
        let articles = [
            (
                "Rebels shell Idlib\n\nIDLIB, Syria (AP) -- Activists said the army shelled Idlib on Monday, \
              and a monitor reported that 12 people were killed.",
                None,
            ),
            ("", None),
            (
                "Government forces entered Aleppo, the ministry claimed. Russia denied it.",
                Some(dated),
            ),
            (
                "Government forces entered Aleppo, the ministry claimed. Russia denied it.",
                None,
            ),
            (
                "The Kurdish-led SDF allegedly took Raqqa, according to a spokesman quoted by Reuters.",
                None,
            ),
            (
                "Rebels shell Idlib\n\nIDLIB, Syria (AP) -- Activists said the army shelled Idlib on Monday, \
              and a monitor reported that 12 people were killed.",
                None,
            ),
        ];
        let all = extractor.extract_all(&articles);
        let alone: Vec<_> = articles
            .iter()
            .map(|&(text, date)| extractor.extract_dated(text, date))
            .collect();
        assert_eq!(all, alone);
        // The comparison is not empty-handed: the articles have claims and mentions.
        assert!(all.iter().filter(|x| !x.claims.is_empty()).count() >= 3, "{all:#?}");
        assert!(all[4].mentions.len() >= 2, "{:#?}", all[4].mentions);
        assert_eq!(all[2].date, Some(dated));
        assert_eq!(extractor.extract_all(&[]), []);
    }

    #[test]
    fn both_runs_each_job_once_with_or_without_a_thread() {
        let here = std::thread::current().id();
        let on = |spawn| super::both_spawning(spawn, || (std::thread::current().id(), 1), || 2);
        let ((a_thread, a), b) = on(Some(std::thread::Builder::new()));
        assert_eq!((a, b), (1, 2));
        assert_ne!(a_thread, here, "a ran on a second thread");
        assert_eq!(on(None), ((here, 1), 2));
        // A thread the OS refuses (a stack larger than the address space): `a` runs here.
        let refused = std::thread::Builder::new().stack_size(usize::MAX - (1 << 20));
        assert_eq!(on(Some(refused)), ((here, 1), 2));
    }
}
