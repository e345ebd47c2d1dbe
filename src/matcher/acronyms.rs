//! Document-local acronyms: "Syrian Democratic Forces (SDF)" makes `SDF` name the same entity
//! for the rest of the article, when its letters spell the initials of the name before it. So
//! "Deir ez-Zor (VIDEO)" or "Syria (LCC)" add nothing: an all-caps word in brackets that does not
//! fit the name is not an alias.

use crate::fold::{fold_into, fold_str, Folded};
use crate::gazetteer::EntityId;
use crate::matcher::Mention;
use crate::segment::Sentence;
use crate::span::Span;
use memchr::memmem::Finder;
use std::collections::BTreeMap;

/// Adds the mentions of bracketed acronyms introduced after mentions, keeping `mentions` sorted
/// and disjoint. Only an article that introduces one has its sentences folded again (the views the
/// matcher searched), to search them for it, and of those only the sentences that may hold it.
pub(super) fn add(text: &str, sentences: &[Sentence], mentions: &mut Vec<Mention>) {
    let mut local: BTreeMap<String, EntityId> = BTreeMap::new();
    for m in mentions.iter() {
        let rest = &text[m.span.end..sentences[m.sentence].span.end];
        let Some(inner) = rest.trim_start_matches([' ', '\u{a0}']).strip_prefix('(') else {
            continue;
        };
        let Some((acronym, _)) = inner.split_once(')') else {
            continue;
        };
        let is_acronym = (2..=8).contains(&acronym.len())
            && acronym.starts_with(|c: char| c.is_ascii_uppercase())
            && acronym.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && acronym.bytes().filter(u8::is_ascii_uppercase).count() >= 2;
        if is_acronym && fits(acronym, m.span.slice(text)) {
            local.entry(acronym.to_string()).or_insert(m.entity);
        }
    }
    if local.is_empty() {
        return;
    }
    // Text in ASCII without apostrophes folds each word to itself (the marks between words
    // become spaces), so such a sentence can hold an acronym only if its text holds the
    // acronym's first word: it is not folded again to be searched.
    let firsts: Vec<Finder> = local
        .keys()
        .map(|a| Finder::new(a.split('-').next().unwrap_or(a)).into_owned())
        .collect();
    let cannot_hold = |s: &str| {
        s.is_ascii()
            && memchr::memchr2(b'\'', b'`', s.as_bytes()).is_none()
            && firsts.iter().all(|f| f.find(s.as_bytes()).is_none())
    };
    let (patterns, entities): (Vec<String>, Vec<EntityId>) = local.into_iter().map(|(a, e)| (fold_str(&a), e)).unzip();
    let finders: Vec<Finder> = patterns.iter().map(Finder::new).collect();
    let mut extra = Vec::new();
    let mut folded = Folded::default();
    let mut next = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        if cannot_hold(sentence.span.slice(text)) {
            continue;
        }
        fold_into(sentence.span.slice(text), sentence.span.start, &mut folded);
        let mut at = 0;
        next.clear();
        next.extend(finders.iter().map(|f| f.find(folded.text.as_bytes())));
        while let Some((start, end, pattern)) = leftmost_longest(&finders, folded.text.as_bytes(), at, &mut next) {
            at = end - 1; // the closing space may open the next match
            let span: Span = folded.original_span(start, end);
            // Mentions are sorted and disjoint: only the first one ending after `span.start` can overlap.
            let next = mentions.partition_point(|m| m.span.end <= span.start);
            if !mentions.get(next).is_some_and(|m| m.span.overlaps(span)) {
                extra.push(Mention {
                    span,
                    entity: entities[pattern],
                    sentence: index,
                });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort();
}

/// The match in `hay[at..]` that an Aho-Corasick search for the finders' needles finds with
/// leftmost-longest semantics, as `(start, end, needle)`: the leftmost, the longest of those, the
/// first needle of those. `next` holds where each needle was last found (first searched from the
/// haystack's start; None: nowhere after), each searched again only once `at` has passed it, so
/// the searches of one haystack are linear.
/// One finder a needle costs little to build; an automaton for the one to three acronyms of an
/// article took ~110,000 instructions.
fn leftmost_longest(
    finders: &[Finder],
    hay: &[u8],
    at: usize,
    next: &mut [Option<usize>],
) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, finder) in finders.iter().enumerate() {
        if next[i].is_some_and(|p| p < at) {
            next[i] = finder.find(&hay[at..]).map(|p| at + p);
        }
        let Some(start) = next[i] else { continue };
        let end = start + finder.needle().len();
        if best.is_none_or(|(s, e, _)| start < s || (start == s && end > e)) {
            best = Some((start, end, i));
        }
    }
    best
}

/// True when the letters of `acronym` are, in order, initials of the words of `name`, starting
/// with the first: "HTS" fits "Hay'at Tahrir al-Sham", "ISIL" fits "Islamic State of Iraq and
/// the Levant", "VIDEO" does not fit "Deir ez-Zor".
pub fn fits(acronym: &str, name: &str) -> bool {
    let mut initials = name
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase());
    let mut letters = acronym
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase());
    let Some(first) = letters.next() else { return false };
    if initials.next() != Some(first) {
        return false;
    }
    letters.all(|l| initials.any(|i| i == l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};

    #[test]
    fn finders_find_what_a_leftmost_longest_automaton_finds() {
        let cases: [(&[&str], &str); 5] = [
            (&[" SDF ", " SDF A ", " YPG "], " the SDF A and SDF SDF YPG SDF A SDF "),
            (&[" A B ", " A ", " B "], " A B A B B A A "),
            (&[" HTS ", " HTS "], " HTS and HTS "),
            (&[" X Y ", " Y Z "], " X Y Z Y Z X "),
            (&[" SOHR "], " nothing here "),
        ];
        for (needles, hay) in cases {
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(needles)
                .unwrap();
            let (mut want, mut at) = (Vec::new(), 0);
            while let Some(m) = ac.find(aho_corasick::Input::new(hay).range(at..)) {
                at = m.end() - 1;
                want.push((m.start(), m.end(), m.pattern().as_usize()));
            }
            let finders: Vec<Finder> = needles.iter().map(Finder::new).collect();
            let mut next: Vec<_> = finders.iter().map(|f| f.find(hay.as_bytes())).collect();
            let (mut got, mut at) = (Vec::new(), 0);
            while let Some(m) = leftmost_longest(&finders, hay.as_bytes(), at, &mut next) {
                at = m.1 - 1;
                got.push(m);
            }
            assert_eq!(got, want, "{needles:?} in {hay:?}");
        }
    }

    #[test]
    fn acronyms_fit_initials() {
        for (acronym, name, want) in [
            ("SDF", "Syrian Democratic Forces", true),
            ("HTS", "Hay'at Tahrir al-Sham", true),
            ("ISIL", "Islamic State of Iraq and the Levant", true),
            ("IS", "Islamic State", true),
            ("SOHR", "Syrian Observatory for Human Rights", true),
            ("VIDEO", "Deir ez-Zor", false),
            ("LCC", "Syria", false),
            ("PHOTO", "Palmyra", false),
            ("SDF", "Democratic Forces", false),
            ("SAA", "Syrian Arab", false),
        ] {
            assert_eq!(fits(acronym, name), want, "{acronym} {name}");
        }
    }
}
