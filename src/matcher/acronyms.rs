//! Document-local acronyms: "Syrian Democratic Forces (SDF)" makes `SDF` name the same entity
//! for the rest of the article, when its letters spell the initials of the name before it. So
//! "Deir ez-Zor (VIDEO)" or "Syria (LCC)" add nothing: an all-caps word in brackets that does not
//! fit the name is not an alias.

use crate::fold::{fold_into, fold_str, Folded};
use crate::gazetteer::EntityId;
use crate::matcher::Mention;
use crate::segment::Sentence;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::BTreeMap;

/// Adds the mentions of bracketed acronyms introduced after mentions, keeping `mentions` sorted
/// and disjoint. Only an article that introduces one has its sentences folded again (the views the
/// matcher searched), to search them for it.
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
    let (patterns, entities): (Vec<String>, Vec<EntityId>) = local.into_iter().map(|(a, e)| (fold_str(&a), e)).unzip();
    let ac: AhoCorasick = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("a few acronyms fit in memory");
    let mut extra = Vec::new();
    let mut folded = Folded::default();
    for (index, sentence) in sentences.iter().enumerate() {
        fold_into(sentence.span.slice(text), sentence.span.start, &mut folded);
        let mut at = 0;
        while let Some(m) = ac.find(aho_corasick::Input::new(&folded.text).range(at..)) {
            at = m.end() - 1; // the closing space may open the next match
            let span: Span = folded.original_span(m.start(), m.end());
            // Mentions are sorted and disjoint: only the first one ending after `span.start` can overlap.
            let next = mentions.partition_point(|m| m.span.end <= span.start);
            if !mentions.get(next).is_some_and(|m| m.span.overlaps(span)) {
                extra.push(Mention {
                    span,
                    entity: entities[m.pattern().as_usize()],
                    sentence: index,
                });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort();
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
    use super::fits;

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
