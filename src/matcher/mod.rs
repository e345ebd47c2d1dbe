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
mod entity_table;
mod index;
pub mod lexicon;
mod patterns;

use crate::date::Date;
use crate::fold::{fold_into, Folded};
use crate::gazetteer::{EntityId, EntityType, Gazetteer};
use crate::segment::Sentence;
use crate::span::Span;
pub use acronyms::fits as acronym_fits;
use context::{Candidate, Viable};
use entity_table::EntityTable;
use lexicon::{cue, Lexicon};
use patterns::{Heads, Patterns, Target};

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
            let mut buf = [0; 4];
            t[BREAKS[i].encode_utf8(&mut buf).as_bytes()[0] as usize] = true;
            i += 1;
        }
        t
    };
    let flagged = |b: u8| STARTS[usize::from(b)];
    // Most spans have no flagged byte: all their bytes are looked up, with no branch each. A
    // first byte starts a character, so no break lies before it and the search starts there.
    s.bytes().fold(false, |any, b| any | flagged(b))
        && (s.bytes().position(flagged)).is_some_and(|i| s[i..].contains(BREAKS))
}

impl Matcher {
    /// Compiles the phrase index for `gazetteer` with the embedded lexicon; for the embedded
    /// gazetteer, unchanged, loads the one the build compiled.
    pub fn new(gazetteer: &Gazetteer) -> Matcher {
        match gazetteer.is_embedded() {
            true => Matcher::with_patterns(gazetteer, EntityTable::embedded, Patterns::embedded),
            false => Matcher::with_lexicon(gazetteer, &Lexicon::embedded()),
        }
    }

    /// Compiles the phrase index for `gazetteer` and `lexicon`.
    pub fn with_lexicon(gazetteer: &Gazetteer, lexicon: &Lexicon) -> Matcher {
        Matcher::with_patterns(
            gazetteer,
            || EntityTable::new(gazetteer),
            || Patterns::build(gazetteer, lexicon),
        )
    }

    /// The matcher of `gazetteer` with the entity table and the patterns that `table` and
    /// `patterns` make.
    fn with_patterns(
        gazetteer: &Gazetteer,
        table: impl FnOnce() -> EntityTable + Send,
        patterns: impl FnOnce() -> Patterns,
    ) -> Matcher {
        // What resolution needs of each entity does not depend on the patterns: made beside them.
        let (entities, patterns) = crate::both(|| context::Entities::new(gazetteer, table()), patterns);
        let Patterns {
            index,
            heads,
            targets,
            exact,
        } = patterns;
        Matcher {
            index,
            heads,
            targets,
            exact,
            entities,
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
            // Asked only where it can matter: for an alias that spells a common word (`common`).
            let shouting = targets.iter().any(|t| t.common) && among_capitals(view, r.start, after);
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
