//! Matching: gazetteer mentions in sentences, by one walk of a phrase index ([`index`]) over the
//! folded word view.
//!
//! Every alias is folded (see [`crate::fold`]) and lower-cased, with a leading space, so a match
//! always starts a word; the word after it must end there (or be the alias plus an
//! apostrophe-less genitive `s`: "Syrias", "Assads"). One phrase index, built once in
//! [`Matcher::new`], holds every alias and the context phrases of [`lexicon`]; the walk over the
//! lower-cased view reports every phrase found as whole words, overlapping ones included, and a
//! case-sensitive alias (`HTS`, `IS`,
//! `=`-marked ones) is then checked against the case-kept view. Arabic names behind the prefixes
//! و ب ف ل are searched in views with those prefixes blanked out.
//!
//! Each candidate keeps every entity its alias may name; what survives is decided in two steps:
//! - in the sentence ([`Matcher::find`]): case; a genitive only of a proper name, and not when
//!   the whole word is an alias itself; short common-word aliases (IS, US, WHO) never fire among
//!   all-caps words; a place is not a place right after a title or a given name ("Queen
//!   Rania"), right before "-based" ("London-based"), or before a word that makes it another
//!   thing's name ("al-Quds hospital"); a match never runs across brackets or punctuation;
//! - in the article ([`context`]): a *weak* alias needs evidence (Arabic script, a place cue
//!   next to it, or a strong place of the same district or governorate in the article); an
//!   article date keeps the entities whose `period` contains it; several candidates are ranked
//!   by how well they fit the article's strong places, then by priority, then by id.
//!
//! Then the leftmost-longest candidates that do not overlap become mentions. An acronym in
//! brackets after a mention whose initials it spells ("Syrian Democratic Forces (SDF)") names the
//! same entity for the rest of the article ([`acronyms`]).
//!
//! Invariants: mentions are sorted by start, never overlap, never cross a sentence boundary,
//! and each span starts and ends on a word of the original text. Work is linear in the text:
//! one index walk per sentence view, and per-article context summaries of bounded size.

mod acronyms;
mod context;
mod index;
pub mod lexicon;

use crate::date::Date;
use crate::fold::{fold_into, Folded};
use crate::gazetteer::{EntityId, EntityType, Gazetteer};
use crate::segment::Sentence;
use crate::span::Span;
pub use acronyms::fits as acronym_fits;
use context::{Candidate, Viable};
use foldhash::fast::FixedState;
use lexicon::{cue, Lexicon};
use std::collections::{HashMap, HashSet};

/// A gazetteer entity found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    /// Where the mention is in the original text.
    pub span: Span,
    /// The entity it refers to.
    pub entity: EntityId,
    /// Index of the sentence it lies in.
    pub sentence: usize,
}

/// The compiled phrase index for one gazetteer and lexicon.
#[derive(Clone, Debug)]
pub struct Matcher {
    index: index::Index,
    /// What each pattern id names: see [`Heads`].
    heads: Heads,
    /// The alias targets, in ranges per pattern.
    targets: Vec<Target>,
    /// The case-kept folded words of case-sensitive aliases.
    exact: Vec<String>,
    /// What resolution needs of each entity.
    entities: context::Entities,
}

/// For each folded, lower-cased phrase (pattern id), the aliases it spells and its context-cue
/// kinds, in one `u32` a pattern: where its targets start (low 24 bits; they end where the next
/// pattern's start) and its cue bits (high 8). One more entry ends the last pattern's targets.
/// The walk reads a pattern per match, at random: 180 KB of heads stay in cache better than
/// the 550 KB that a (start, end, cues) triple a pattern took.
#[derive(Clone, Debug)]
struct Heads(Vec<u32>);

impl Heads {
    const START: u32 = (1 << 24) - 1;

    /// The range of pattern `k`'s targets and its cue bits.
    #[inline(always)]
    fn get(&self, k: usize) -> (std::ops::Range<usize>, u8) {
        Heads::of(&self.0, k)
    }

    /// [`Heads::get`] on heads being built.
    #[inline(always)]
    fn of(heads: &[u32], k: usize) -> (std::ops::Range<usize>, u8) {
        let (head, end) = (heads[k], heads[k + 1]);
        let range = (head & Heads::START) as usize..(end & Heads::START) as usize;
        (range, (head >> 24) as u8)
    }

    /// The number of patterns.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.len() - 1
    }
}

/// An alias of one entity behind a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Target {
    /// The entity, as u32: 16-byte targets (24 with a usize), read at random per match.
    entity: u32,
    /// Index into `exact` when the alias is case-sensitive.
    exact: Option<u32>,
    /// Counts only with evidence.
    weak: bool,
    /// The alias ends with a period ("U.S."), which folding drops but the span should keep.
    dot: bool,
    /// A proper name that may take an apostrophe-less genitive `s`.
    genitive: bool,
    /// Spells a common English word (IS, US, WHO).
    common: bool,
}

/// A match in one sentence's view: `[start, end)` from the leading space to the end of the last
/// word, its pattern, and whether it came from a view with Arabic prefixes blanked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Raw {
    start: usize,
    end: usize,
    pattern: usize,
    declitic: bool,
}

/// What [`Matcher::find_dated`] works in, kept by each thread from article to article
/// ([`SCRATCH`]), so an article allocates only its mentions: growing these afresh for every
/// article was about 4 M instructions on 839 articles. Every part is cleared before use.
#[derive(Debug, Default)]
struct Scratch {
    folded: Folded,
    /// The lower-cased, padded view of a sentence.
    lower: String,
    /// A view with Arabic prefixes blanked out.
    declitic: String,
    /// One sentence's matches.
    raw: Vec<Raw>,
    buffers: Buffers,
    /// The article's candidates.
    found: context::Found,
}

thread_local! {
    /// The thread's [`Scratch`].
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Lists reused from sentence to sentence (part of the thread's [`Scratch`]), so a sentence
/// allocates nothing.
#[derive(Debug, Default)]
struct Buffers {
    /// The open runs of [`index::Index::walk`].
    runs: Vec<index::Run>,
    /// Person cues: where each ends in the view and in the original.
    people: Vec<(usize, usize)>,
    /// Context cues by their view end, and by their view start.
    ends: Vec<(usize, u8)>,
    starts: Vec<(usize, u8)>,
    /// The view spans of whole-word aliases.
    wholes: Vec<(usize, usize)>,
}

/// `s.trim_start()`, without decoding when it starts with one ASCII space then a word (every
/// folded alias): the index build trims tens of thousands of them.
fn trim_start(s: &str) -> &str {
    match s.strip_prefix(' ') {
        Some(rest) if !rest.starts_with(char::is_whitespace) => rest,
        _ => s.trim_start(),
    }
}

/// `s.split(' ').nth(1).unwrap_or("")` (the first word of a folded alias, after its leading
/// space) by `memchr`, without the char searcher `split` runs.
fn second_word(s: &str) -> &str {
    let Some(i) = memchr::memchr(b' ', s.as_bytes()) else {
        return "";
    };
    let rest = &s[i + 1..];
    &rest[..memchr::memchr(b' ', rest.as_bytes()).unwrap_or(rest.len())]
}

/// `s.trim_end()`, as [`trim_start`].
fn trim_end(s: &str) -> &str {
    match s.strip_suffix(' ') {
        Some(rest) if !rest.ends_with(char::is_whitespace) => rest,
        _ => s.trim_end(),
    }
}

/// What pads a lower-cased view for [`index::Index::walk`].
const PAD: &str = "                ";

/// Characters a name never runs across: "The Islamic State (IS) group" must not give "IS) group".
const BREAKS: &[char] = &[
    '(', ')', '[', ']', '{', '}', ',', ';', ':', '!', '?', '"', '“', '”', '«', '»', '|',
];

/// Whether `s` has one of the [`BREAKS`]. Each byte is looked up in a table of their first
/// bytes first, and only a span with one is searched for the characters: `contains(BREAKS)`
/// alone compared each character with all seventeen (3.8 M instructions on 840 articles).
fn has_break(s: &str) -> bool {
    /// The first UTF-8 byte of each of the [`BREAKS`].
    static STARTS: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < BREAKS.len() {
            let c = BREAKS[i] as u32;
            let first = match c {
                0..0x80 => c,
                0x80..0x800 => 0xC0 | c >> 6,
                0x800..0x10000 => 0xE0 | c >> 12,
                _ => 0xF0 | c >> 18,
            };
            t[first as usize] = true;
            i += 1;
        }
        t
    };
    s.bytes().any(|b| STARTS[usize::from(b)]) && s.contains(BREAKS)
}

impl Matcher {
    /// Compiles the phrase index for `gazetteer` with the embedded lexicon.
    pub fn new(gazetteer: &Gazetteer) -> Matcher {
        Matcher::with_lexicon(gazetteer, &Lexicon::embedded())
    }

    /// Compiles the phrase index for `gazetteer` and `lexicon`.
    pub fn with_lexicon(gazetteer: &Gazetteer, lexicon: &Lexicon) -> Matcher {
        // What resolution needs of each entity does not depend on the index: built beside it.
        let (entities, matcher) = crate::both(
            || context::Entities::new(gazetteer),
            || Matcher::index(gazetteer, lexicon),
        );
        Matcher { entities, ..matcher }
    }

    /// The matcher without its entities.
    fn index(gazetteer: &Gazetteer, lexicon: &Lexicon) -> Matcher {
        // Pattern ids in first-seen order (aliases in load order, then cues): deterministic.
        let mut index = index::Index::with_capacity(gazetteer.aliases().len() + lexicon.cues.len());
        let mut pairs: Vec<(u32, Target)> = Vec::with_capacity(gazetteer.aliases().len());
        let mut exact = Vec::new();
        let mut next = 0;
        // The number of aliases of each pattern id, counted as they come.
        let mut sizes: Vec<u32> = Vec::with_capacity(gazetteer.aliases().len());
        // Given names that begin place names ("al", "tal", "wadi") are no person cues: marked here.
        let mut given: HashMap<&str, bool, FixedState> = (lexicon.cues.iter())
            .filter(|(_, bits)| *bits == cue::GIVEN_NAME)
            .map(|(p, _)| (p.trim_start(), false))
            .collect();
        let common: HashSet<&str, FixedState> = lexicon.common_words.iter().map(String::as_str).collect();
        let mut lower = String::new();
        for alias in gazetteer.aliases() {
            let folded = trim_end(&alias.folded);
            let word = trim_start(folded);
            lower.clear();
            lower.push_str(folded);
            lower.make_ascii_lowercase();
            let space = memchr::memrchr(b' ', word.as_bytes());
            let last = space.map_or(word, |i| &word[i + 1..]);
            if space.is_some() && gazetteer.entity(alias.entity).kind == EntityType::Place {
                if let Some(starts_place) = given.get_mut(second_word(&lower)) {
                    *starts_place = true;
                }
            }
            let k = index.insert(&lower, next);
            if k == next {
                next += 1;
                sizes.push(1);
            } else {
                sizes[k as usize] += 1;
            }
            // Only ASCII letters have case in the view: other case-sensitive aliases (Arabic)
            // need no check.
            let cased = alias.case_sensitive && word.bytes().any(|b| b.is_ascii_alphabetic());
            pairs.push((
                k,
                Target {
                    entity: u32::try_from(alias.entity).expect("fewer than 2^32 entities"),
                    exact: cased.then(|| {
                        exact.push(word.to_string());
                        exact.len() as u32 - 1
                    }),
                    weak: alias.weak,
                    dot: alias.text.ends_with('.'),
                    genitive: alias.text.starts_with(char::is_uppercase)
                        && last.len() >= 4
                        && last.bytes().all(|b| b.is_ascii_alphabetic())
                        && !last.ends_with(['s', 'S']),
                    // `lower` has the white space of `folded`, in ASCII.
                    common: common.contains(&lower[folded.len() - word.len()..]),
                },
            ));
        }
        // Grouped by pattern id, in alias order within a pattern: a stable counting sort, as
        // the ids are dense (a comparison sort took 18 M instructions of the start-up). Then
        // a pattern's repeated targets are dropped as its range is set, in the same pass: the
        // list is 46 K pairs of 32 bytes, and each pass over it misses the cache all along.
        let mut start = Vec::with_capacity(sizes.len() + 1);
        start.push(0);
        for size in sizes {
            start.push(start[start.len() - 1] + size as usize);
        }
        let mut fill = start.clone();
        let mut targets = match pairs.first() {
            Some(&(_, any)) => vec![any; pairs.len()], // every slot is overwritten below
            None => Vec::new(),
        };
        for (k, t) in pairs {
            targets[fill[k as usize]] = t;
            fill[k as usize] += 1;
        }
        // A target per alias at most, and the gazetteer refuses more than MAX_ALIASES of those.
        const { assert!(crate::gazetteer::MAX_ALIASES <= Heads::START as usize) };
        assert!(
            targets.len() <= Heads::START as usize,
            "more than 2^24 - 1 alias targets"
        );
        let mut heads = Vec::with_capacity(start.len());
        let mut len = 0;
        for range in start.windows(2) {
            let first = len;
            heads.push(first as u32);
            for i in range[0]..range[1] {
                let t = targets[i];
                if len == first || targets[len - 1] != t {
                    targets[len] = t;
                    len += 1;
                }
            }
        }
        heads.push(len as u32);
        targets.truncate(len);
        for (phrase, bits) in &lexicon.cues {
            if *bits == cue::GIVEN_NAME && given.get(phrase.trim_start()) == Some(&true) {
                continue;
            }
            let k = index.insert(phrase, next) as usize;
            if k == heads.len() - 1 {
                next += 1;
                heads.push(len as u32);
            }
            let (range, _) = Heads::of(&heads, k);
            // A given name that is also a strong alias ("Jordan") is that name, not a person cue.
            if *bits != cue::GIVEN_NAME || targets[range].iter().all(|t| t.weak) {
                heads[k] |= u32::from(*bits) << 24;
            }
        }
        Matcher {
            index,
            heads: Heads(heads),
            targets,
            exact,
            entities: context::Entities::default(),
        }
    }

    /// Finds all mentions in `text`, sentence by sentence, without an article date.
    pub fn find(&self, text: &str, sentences: &[Sentence]) -> Vec<Mention> {
        self.find_dated(text, sentences, None)
    }

    /// Finds all mentions in `text`; `date`, when given, selects among entities sharing an
    /// alias by their `period`.
    pub fn find_dated(&self, text: &str, sentences: &[Sentence], date: Option<Date>) -> Vec<Mention> {
        SCRATCH.with_borrow_mut(|scratch| self.find_in(text, sentences, date, scratch))
    }

    /// [`Matcher::find_dated`] with the thread's buffers.
    fn find_in(&self, text: &str, sentences: &[Sentence], date: Option<Date>, scratch: &mut Scratch) -> Vec<Mention> {
        let Scratch {
            folded,
            lower,
            declitic,
            raw,
            buffers,
            found,
        } = scratch;
        found.clear();
        for (index, sentence) in sentences.iter().enumerate() {
            fold_into(sentence.span.slice(text), sentence.span.start, folded);
            raw.clear();
            lower.clear();
            lower.push_str(&folded.text);
            lower.make_ascii_lowercase();
            let len = lower.len();
            // Spaces after the view let the walk read any word under 16 bytes in two reads.
            lower.push_str(PAD);
            self.search(lower, len, None, &mut buffers.runs, raw);
            // Only Arabic has clitics, and ASCII has no Arabic: fold knows whether the view is
            // ASCII, which spares two scans (and a third, to find out).
            if !folded.is_ascii() {
                let view = &lower[..len];
                for clitics in 1..=2 {
                    if let Some(blanked) = without_arabic_clitics(view, clitics, declitic) {
                        self.search(blanked, blanked.len(), Some(view), &mut buffers.runs, raw);
                    }
                }
            }
            raw.sort_unstable();
            raw.dedup_by_key(|r| (r.start, r.end, r.pattern));
            self.candidates(text, folded, index, raw, buffers, found);
        }
        let mut mentions = self.entities.resolve(text, found, date);
        // Only a bracket can introduce an acronym.
        if text.contains('(') {
            acronyms::add(text, sentences, &mut mentions);
        }
        mentions
    }

    /// Pushes every phrase at a word start of the lower-cased view `padded[..len]`; for a view
    /// with Arabic prefixes blanked out, only the matches that differ from the `main` view.
    fn search(&self, padded: &str, len: usize, main: Option<&str>, runs: &mut Vec<index::Run>, out: &mut Vec<Raw>) {
        self.index.walk(padded, len, runs, |start, end, pattern| {
            if main.is_none_or(|main| main.as_bytes()[start..end] != padded.as_bytes()[start..end]) {
                out.push(Raw {
                    start,
                    end,
                    pattern,
                    declitic: main.is_some(),
                });
            }
        });
    }

    /// Turns one sentence's matches into candidates with the entities they may name.
    fn candidates(
        &self,
        text: &str,
        folded: &Folded,
        sentence: usize,
        raw: &[Raw],
        buffers: &mut Buffers,
        found: &mut context::Found,
    ) {
        let view = folded.text.as_bytes();
        // Context cues by where they end and where they start, and the spans of whole-word aliases.
        // A person cue counts only when nothing but spaces separates it from the name ("Queen
        // Rania", not "the Queen, Rania"), so it is kept apart with its original end.
        let Buffers {
            people,
            ends,
            starts,
            wholes: words,
            ..
        } = buffers;
        people.clear();
        ends.clear();
        starts.clear();
        words.clear();
        for r in raw.iter().filter(|r| view.get(r.end) == Some(&b' ')) {
            let (range, cues) = self.heads.get(r.pattern);
            if !range.is_empty() {
                words.push((r.start, r.end));
            }
            let bits = cues & !(cue::GIVEN_NAME | cue::PERSON_BEFORE);
            // The original span only for person cues (most matches are none).
            if cues & (cue::GIVEN_NAME | cue::PERSON_BEFORE) != 0 {
                let original = folded.original_span(r.start, r.end + 1);
                let capitalised = text[original.start..].starts_with(char::is_uppercase);
                if cues & cue::PERSON_BEFORE != 0 || capitalised {
                    people.push((r.end, original.end));
                }
            }
            if bits != 0 {
                ends.push((r.end, bits));
                starts.push((r.start, bits));
            }
        }
        people.sort_unstable();
        ends.sort_unstable();
        starts.sort_unstable();
        let bits_at = |list: &[(usize, u8)], at: usize| {
            let i = list.partition_point(|&(p, _)| p < at);
            list[i..]
                .iter()
                .take_while(|&&(p, _)| p == at)
                .fold(0, |a, &(_, b)| a | b)
        };
        for r in raw {
            let targets = &self.targets[self.heads.get(r.pattern).0];
            let word = &view[r.start + 1..r.end];
            let case_ok = |t: &Target| r.declitic || t.exact.is_none_or(|x| self.exact[x as usize].as_bytes() == word);
            // Tested first: case-sensitive aliases spell some of the commonest words in the wrong
            // case ("is" for IS, "who" for WHO), which are no candidates whatever follows.
            if !targets.iter().any(case_ok) {
                continue;
            }
            // The space after the match's last word, or after its genitive `s`.
            let (genitive, after) = match (view.get(r.end), view.get(r.end + 1)) {
                (Some(b' '), _) => (false, r.end),
                (Some(b's' | b'S'), Some(b' ')) if words.binary_search(&(r.start, r.end + 1)).is_err() => {
                    (true, r.end + 1)
                }
                _ => continue,
            };
            let span = folded.original_span(r.start, after + 1);
            let original = span.slice(text);
            if has_break(original) || (genitive && !original.starts_with(char::is_uppercase)) {
                continue;
            }
            let before = bits_at(ends, r.start);
            let i = people.partition_point(|&(p, _)| p < r.start);
            let person = people[i..]
                .iter()
                .take_while(|&&(p, _)| p == r.start)
                .any(|&(_, end)| text[end..span.start].trim().is_empty());
            let next = bits_at(starts, after);
            let based = view[after..]
                .get(..7)
                .is_some_and(|w| w.eq_ignore_ascii_case(b" based "));
            let shouting = among_capitals(view, r.start, after);
            let arabic = !folded.is_ascii() && view[r.start..r.end].iter().any(|b| (0xD8..=0xDB).contains(b));
            let evidence = arabic || before & cue::PLACE_BEFORE != 0 || next & cue::PLACE_AFTER != 0;
            let first = found.viable.len();
            for t in targets {
                let kind = self.entities.kind(t.entity as usize);
                let located = matches!(kind, EntityType::Place | EntityType::State | EntityType::Nationality);
                let named = kind == EntityType::Place && (person || next & cue::NAME_AFTER != 0);
                if !case_ok(t) || (genitive && !t.genitive) || (t.common && shouting) || (based && located) || named {
                    continue;
                }
                found.viable.push(Viable {
                    entity: t.entity as usize,
                    weak: t.weak,
                    evidence,
                    dot: t.dot,
                    alive: true,
                });
            }
            if found.viable.len() > first {
                found.candidates.push(Candidate {
                    span,
                    sentence,
                    targets: (first, found.viable.len()),
                });
            }
        }
    }
}

/// True when the words around `[start, end)` in the view are in capitals ("THIS IS A RUSH
/// TRANSCRIPT"): the neighbours with letters have no lower-case ones, and at least one has letters.
fn among_capitals(view: &[u8], start: usize, end: usize) -> bool {
    let prev = view[..start].rsplit(|&b| b == b' ').next().unwrap_or(&[]);
    let next = view
        .get(end + 1..)
        .and_then(|v| v.split(|&b| b == b' ').next())
        .unwrap_or(&[]);
    let mut cased = false;
    for word in [prev, next] {
        if word.iter().any(u8::is_ascii_lowercase) {
            return false;
        }
        cased |= word.iter().any(u8::is_ascii_uppercase);
    }
    cased
}

/// Arabic writes "and", "in/with", "so" and "for" as prefixes: "وحلب" is "and Aleppo",
/// "للحسكة" is "for al-Hasakah". This gives the view with up to `max` such prefixes blanked
/// out of every Arabic word that keeps three letters or more ("و" becomes two spaces, and "لل"
/// becomes "ال"), byte for byte the same length, so offsets map back as for the view itself;
/// None when the view has no Arabic. (Both one and two are tried: "وبصرى" is "and Bosra".)
fn without_arabic_clitics<'b>(view: &str, max: usize, buf: &'b mut String) -> Option<&'b str> {
    if !view.bytes().any(|b| (0xD8..=0xDB).contains(&b)) {
        return None;
    }
    buf.clear();
    for (i, word) in view.split(' ').enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        let mut rest = word;
        for _ in 0..max {
            let Some(c) = rest.chars().next().filter(|c| matches!(c, 'و' | 'ب' | 'ف' | 'ل')) else {
                break;
            };
            let after = &rest[c.len_utf8()..];
            if after.chars().count() < 3 {
                break;
            }
            if c == 'ل' && after.starts_with('ل') {
                buf.push('ا'); // "لل" + name is "ل" + "ال" + name
                rest = after;
                break;
            }
            buf.push_str("  ");
            rest = after;
        }
        buf.push_str(rest);
    }
    Some(buf)
}

#[cfg(test)]
mod tests;
