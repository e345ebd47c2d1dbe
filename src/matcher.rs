//! Matching: gazetteer mentions in sentences, by Aho-Corasick over the folded word view.
//!
//! Every alias is folded (see [`crate::fold`]) and wrapped in spaces, so a match is always a
//! run of whole words. Case-insensitive aliases go into one automaton searched over the
//! lower-cased view, case-sensitive ones (acronyms such as `HTS`, `IS`, or `=`-marked aliases)
//! into another searched over the case-kept view; both are built once, in [`Matcher::new`].
//! Both use leftmost-longest semantics; a search resumes on the separator that ended the last
//! match, so adjacent names both match. Candidates from the two automata are merged keeping the
//! leftmost-longest, non-overlapping ones.
//!
//! An alias shared by several entities resolves to the one with the highest priority, then
//! the smallest id. An acronym introduced in brackets right after a mention, as in
//! "Syrian Democratic Forces (SDF)", becomes a document-local alias of that mention's entity.
//!
//! Invariants: mentions are sorted by start, never overlap, never cross a sentence boundary,
//! and each span starts and ends on a word of the original text.

use crate::fold::{fold_into, fold_str, Folded};
use crate::gazetteer::{EntityId, Gazetteer};
use crate::segment::Sentence;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use std::collections::BTreeMap;

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

/// The compiled automata for one gazetteer.
#[derive(Clone, Debug)]
pub struct Matcher {
    insensitive: Automaton,
    sensitive: Automaton,
}

#[derive(Clone, Debug)]
struct Automaton {
    ac: AhoCorasick,
    /// What each pattern id names.
    targets: Vec<Target>,
}

/// What a pattern names: its entity, and whether the alias ends with a period ("U.S."), which
/// folding drops but the mention's span should keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Target {
    entity: EntityId,
    dot: bool,
}

/// A match in the folded view: `[start, end)` including the wrapping spaces.
type Candidate = (usize, usize, Target);

impl Automaton {
    fn build(patterns: BTreeMap<String, Target>) -> Automaton {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.keys())
            .expect("gazetteer automaton fits in memory");
        Automaton {
            ac,
            targets: patterns.into_values().collect(),
        }
    }

    /// Pushes `(view start, view end, entity)` for every whole-word match in `view`.
    fn find(&self, view: &str, out: &mut Vec<Candidate>) {
        let mut at = 0;
        while at < view.len() {
            let Some(m) = self.ac.find(Input::new(view).range(at..)) else {
                break;
            };
            out.push((m.start(), m.end(), self.targets[m.pattern().as_usize()]));
            at = m.end() - 1; // the closing space may open the next match
        }
    }
}

impl Matcher {
    /// Compiles the automata for `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Matcher {
        let mut insensitive: BTreeMap<String, Target> = BTreeMap::new();
        let mut sensitive: BTreeMap<String, Target> = BTreeMap::new();
        for alias in gazetteer.aliases() {
            let (key, map) = if alias.case_sensitive {
                (alias.folded.clone(), &mut sensitive)
            } else {
                (alias.folded.to_ascii_lowercase(), &mut insensitive)
            };
            let better = |old: Target| {
                let (a, b) = (gazetteer.entity(alias.entity), gazetteer.entity(old.entity));
                (a.priority, std::cmp::Reverse(&a.id)) > (b.priority, std::cmp::Reverse(&b.id))
            };
            match map.get(&key) {
                Some(&old) if !better(old) => {}
                _ => {
                    let dot = alias.text.ends_with('.');
                    map.insert(
                        key,
                        Target {
                            entity: alias.entity,
                            dot,
                        },
                    );
                }
            }
        }
        Matcher {
            insensitive: Automaton::build(insensitive),
            sensitive: Automaton::build(sensitive),
        }
    }

    /// Finds all mentions in `text`, sentence by sentence.
    pub fn find(&self, text: &str, sentences: &[Sentence]) -> Vec<Mention> {
        let mut folded = Folded::default();
        let mut declitic = String::new();
        let mut candidates = Vec::new();
        let mut out = Vec::new();
        for (index, sentence) in sentences.iter().enumerate() {
            fold_into(sentence.span.slice(text), sentence.span.start, &mut folded);
            candidates.clear();
            self.sensitive.find(&folded.text, &mut candidates);
            for clitics in 1..=2 {
                if let Some(view) = without_arabic_clitics(&folded.text, clitics, &mut declitic) {
                    self.sensitive.find(view, &mut candidates);
                }
            }
            // In place, not a copy: a sentence can be a whole 100 MB article. `select` sorts
            // the candidates, so the order of the two searches does not matter.
            folded.make_lowercase();
            self.insensitive.find(&folded.text, &mut candidates);
            select(text, &mut candidates, &folded, index, &mut out);
        }
        add_bracketed_acronyms(text, sentences, &mut out);
        out
    }
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

/// Keeps the leftmost-longest non-overlapping candidates (which may share a separator).
fn select(text: &str, candidates: &mut [Candidate], folded: &Folded, sentence: usize, out: &mut Vec<Mention>) {
    candidates.sort_by_key(|&(s, e, t)| (s, std::cmp::Reverse(e), t.entity));
    let mut end = 0;
    for &(s, e, target) in candidates.iter() {
        if s + 1 >= end {
            out.push(Mention {
                span: span_of(text, folded, s, e, target),
                entity: target.entity,
                sentence,
            });
            end = e;
        }
    }
}

/// The original span of a candidate, keeping the final period of an alias like "U.S.".
fn span_of(text: &str, folded: &Folded, s: usize, e: usize, target: Target) -> Span {
    let span = folded.original_span(s, e);
    if target.dot && text[span.end..].starts_with('.') {
        Span::new(span.start, span.end + 1)
    } else {
        span
    }
}

/// "Syrian Democratic Forces (SDF)": the bracketed acronym names the mention's entity for the
/// rest of the document, when the gazetteer does not already know it.
fn add_bracketed_acronyms(text: &str, sentences: &[Sentence], mentions: &mut Vec<Mention>) {
    let mut local: BTreeMap<String, EntityId> = BTreeMap::new();
    for m in mentions.iter() {
        let rest = &text[m.span.end..sentences[m.sentence].span.end];
        let Some(inner) = rest.trim_start_matches([' ', '\u{a0}']).strip_prefix('(') else {
            continue;
        };
        let Some(acronym) = inner.split(')').next() else {
            continue;
        };
        let is_acronym = (2..=8).contains(&acronym.len())
            && acronym.starts_with(|c: char| c.is_ascii_uppercase())
            && acronym.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && acronym.bytes().filter(u8::is_ascii_uppercase).count() >= 2;
        if is_acronym && inner.len() > acronym.len() {
            local.entry(acronym.to_string()).or_insert(m.entity);
        }
    }
    if local.is_empty() {
        return;
    }
    let patterns = local
        .into_iter()
        .map(|(a, entity)| (fold_str(&a), Target { entity, dot: false }))
        .collect();
    let automaton = Automaton::build(patterns);
    let mut folded = Folded::default();
    let mut candidates = Vec::new();
    let mut extra = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        fold_into(sentence.span.slice(text), sentence.span.start, &mut folded);
        candidates.clear();
        automaton.find(&folded.text, &mut candidates);
        for &(s, e, target) in &candidates {
            let span = folded.original_span(s, e);
            // Mentions are sorted and disjoint: only the first one ending after `span.start` can overlap.
            let next = mentions.partition_point(|m| m.span.end <= span.start);
            if !mentions.get(next).is_some_and(|m| m.span.overlaps(span)) {
                extra.push(Mention {
                    span,
                    entity: target.entity,
                    sentence: index,
                });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    const GAZ: &str = "id\tname\ttype\taliases\tpriority
hama\tHama\tplace\tHamah|حماة\t1
hamas\tHamas\tarmed_group\t\t
homs\tHoms\tplace\tHims|حمص\t
is\tIslamic State\tarmed_group\tIS|ISIS\t
hts\tHay'at Tahrir al-Sham\tarmed_group\tHTS\t
sdf\tSyrian Democratic Forces\tarmed_group\t\t
dez\tDeir ez-Zor\tplace\tDeir Ezzor|دير الزور\t
syria\tSyria\tstate\tSyrian\t
us\tUnited States\tstate\tU.S.\t
tripoli_lb\tTripoli\tplace\t?Tripoli\t1
tripoli_ly\tTripoli (Libya)\tplace\t?Tripoli\t
";

    fn find(text: &str) -> Vec<(&str, String)> {
        let mut g = Gazetteer::default();
        g.add_file("t.tsv", GAZ).unwrap();
        let m = Matcher::new(&g);
        m.find(text, &segment(text))
            .into_iter()
            .map(|m| (m.span.slice(text), g.entity(m.entity).id.clone()))
            .collect()
    }

    #[test]
    fn traps() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Hamas praised Hama's fighters.",
                &[("Hamas", "hamas"), ("Hama", "hama")],
            ),
            ("A Homsi poet left Homs.", &[("Homs", "homs")]),
            ("It is what IS wants.", &[("IS", "is")]),
            ("The HTS-led offensive; hts is lowercase.", &[("HTS", "hts")]),
            (
                "Fighters of Hay’at Tahrir al-Sham advanced.",
                &[("Hay’at Tahrir al-Sham", "hts")],
            ),
            (
                "DEIR EZ-ZOR and Deir ez-\nZor and دير الزور.",
                &[("DEIR EZ-ZOR", "dez"), ("Deir ez-\nZor", "dez"), ("دير الزور", "dez")],
            ),
            (
                "Ḩamāh, Syria's Hama, Syria.",
                &[
                    ("Ḩamāh", "hama"),
                    ("Syria", "syria"),
                    ("Hama", "hama"),
                    ("Syria", "syria"),
                ],
            ),
            ("Clashes in حَمَاة.", &[("حَمَاة", "hama")]),
            (
                "قصف على حماة وحماة وبحماة.",
                &[("حماة", "hama"), ("حماة", "hama"), ("حماة", "hama")],
            ),
            ("وبحمص وحمص", &[("حمص", "homs"), ("حمص", "homs")]),
            (
                "في دير الزور ولدير الزور.",
                &[("دير الزور", "dez"), ("دير الزور", "dez")],
            ),
            ("Tripoli.", &[("Tripoli", "tripoli_lb")]),
            (
                "Syrian Hama Homs",
                &[("Syrian", "syria"), ("Hama", "hama"), ("Homs", "homs")],
            ),
            ("Backed by the U.S. and U.S.-led", &[("U.S.", "us"), ("U.S.", "us")]),
        ];
        for (text, want) in cases {
            let want: Vec<_> = want.iter().map(|(t, id)| (*t, id.to_string())).collect();
            assert_eq!(find(text), want, "{text}");
        }
    }

    #[test]
    fn bracketed_acronym_resolves_to_the_entity() {
        let text = "The Syrian Democratic Forces (SDF) advanced. The SDF held.";
        assert_eq!(
            find(text),
            [
                ("Syrian Democratic Forces", "sdf".to_string()),
                ("SDF", "sdf".to_string()),
                ("SDF", "sdf".to_string())
            ]
        );
    }
}
