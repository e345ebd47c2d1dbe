//! Resolving pronoun sources: "he"/"she" take the nearest earlier person (a person mention or
//! a source headed by a person noun), "it" the nearest earlier institution, "they" the nearest
//! plural source, and a bare "the ministry"/"the group"/"the sources" the nearest earlier
//! source with that noun or a mention of the fitting kind. Earlier speakers (claim sources) are
//! preferred to mere mentions; a resolved source passes its referent on; only the previous few
//! sentences are searched. The resolved source also takes its referent's `unnamed` flag; an
//! unresolved pronoun lowers its claim's confidence.

use super::{Claim, Class, Lexicon, Resolved};
use crate::gazetteer::{EntityId, EntityType};
use crate::matcher::Mention;
use crate::span::Span;

/// What a pronoun or bare definite source may refer to.
struct Candidate {
    span: Span,
    entity: Option<EntityId>,
    kind: Option<EntityType>,
    /// The lower-case text, to match "the ministry" against "Turkey's defence ministry".
    lower: String,
    unnamed: bool,
    sentence: usize,
    /// A claim's source rather than a mere mention.
    speaker: bool,
    /// The phrase (before any appositive) looks like a personal name: "Rami Abdulrahman".
    personal_name: bool,
    /// An unresolved "the ministry": only a pronoun may refer to it.
    for_pronouns: bool,
}

/// Two to four capitalised words, as in "Rami Abdulrahman" or "Yasar Guler", or one before an
/// appositive ("Ahmad, a farmer from Qusayr").
fn looks_like_personal_name(phrase: &str, lexicon: &Lexicon) -> bool {
    let core = phrase.split(',').next().unwrap_or_default();
    let words: Vec<&str> = core.split_whitespace().collect();
    let least = if phrase.contains(',') { 1 } else { 2 };
    (least..=4).contains(&words.len())
        && !lexicon.classes(&words[0].to_lowercase()).has(Class::Article)
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && !w.ends_with('.'))
}

/// Fills `resolved` (and `unnamed`) for pronoun and bare definite sources, from the sources
/// of earlier claims and the mentions of earlier sentences.
pub(super) fn resolve(claims: &mut [Claim], mentions: &[Mention], kinds: &[EntityType], text: &str, lexicon: &Lexicon) {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut next_mention = 0;
    for c in claims.iter_mut() {
        while next_mention < mentions.len() && mentions[next_mention].sentence < c.sentence {
            let m = &mentions[next_mention];
            next_mention += 1;
            let possessive = text[m.span.end..].starts_with(['\'', '’']);
            if possessive || candidates.iter().any(|k| k.span.contains(m.span)) {
                continue; // a modifier ("Assad's forces"), or already there as (part of) a source
            }
            candidates.push(Candidate {
                span: m.span,
                entity: Some(m.entity),
                kind: Some(kinds[m.entity]),
                lower: m.span.slice(text).to_lowercase(),
                unnamed: false,
                sentence: m.sentence,
                speaker: false,
                personal_name: false,
                for_pronouns: false,
            });
        }
        // Only the last few sentences matter; keeping the list short keeps this linear.
        candidates.retain(|k| c.sentence.saturating_sub(k.sentence) <= MAX_DISTANCE);
        // ... and only the nearest few of them, however many one run-on sentence holds.
        if candidates.len() > MAX_CANDIDATES {
            candidates.drain(..candidates.len() - MAX_CANDIDATES);
        }
        // A quote the source speaks: who it names is not the speaker.
        let quoted = text[..c.content.start].ends_with(['“', '"', '‘', '\'']);
        let content = c.content;
        let Some(src) = c.source.as_mut() else { continue };
        let lower = src.span.slice(text).to_lowercase();
        if let Some(anaphor) = Anaphor::parse(&lower, lexicon) {
            // Earlier speakers first: "Residents said security forces ... They said" means the residents.
            // "“President X promised us schools,” he said": not someone named in the quote the
            // pronoun speaks ("X, a commander, had fled, he said" may name its speaker).
            let near = |k: &&Candidate| {
                k.span.end <= src.span.start
                    && c.sentence.saturating_sub(k.sentence) <= MAX_DISTANCE
                    && !(quoted && content.contains(k.span))
            };
            let fitting = |speaker: bool| {
                candidates
                    .iter()
                    .rev()
                    .filter(near)
                    .find(|k| k.speaker == speaker && anaphor.fits(k, lexicon))
            };
            let found = fitting(true).or_else(|| fitting(false));
            if let Some(k) = found {
                src.resolved = Some(Resolved {
                    span: k.span,
                    entity: k.entity,
                });
                src.unnamed = k.unnamed;
            } else if !matches!(anaphor, Anaphor::Definite(_)) {
                // "he said" with nobody to point at tells an analyst little ("the ministry" still
                // says who).
                c.confidence = (c.confidence - 0.2).max(0.0);
            }
            if let Some(r) = &src.resolved {
                // A resolved source stands for its referent from now on.
                candidates.push(Candidate {
                    span: r.span,
                    entity: r.entity,
                    kind: r.entity.map(|e| kinds[e]),
                    lower: r.span.slice(text).to_lowercase(),
                    unnamed: src.unnamed,
                    sentence: c.sentence,
                    speaker: true,
                    personal_name: looks_like_personal_name(r.span.slice(text), lexicon),
                    for_pronouns: false,
                });
                continue;
            }
            // An unresolved "the ministry" without a mention in it may still be what a later
            // "it" refers to ("The ministry denied X. Instead, it said, ..."): a candidate for
            // pronouns only, after the speakers, so that no chain of "the group"s forms.
            if matches!(anaphor, Anaphor::Definite(_)) && src.entity.is_none() {
                candidates.push(Candidate {
                    span: src.span,
                    entity: None,
                    kind: None,
                    lower,
                    unnamed: src.unnamed,
                    sentence: c.sentence,
                    speaker: false,
                    personal_name: false,
                    for_pronouns: true,
                });
            }
            continue;
        }
        candidates.push(Candidate {
            span: src.span,
            entity: src.entity,
            kind: src.entity.map(|e| kinds[e]),
            lower,
            unnamed: src.unnamed,
            sentence: c.sentence,
            speaker: true,
            personal_name: looks_like_personal_name(src.span.slice(text), lexicon),
            for_pronouns: false,
        });
    }
}

/// The head word of a lower-case noun phrase: the last word before a post-modifier or comma
/// ("residents of jableh" → "residents").
fn head_of<'a>(lower: &'a str, lexicon: &Lexicon) -> &'a str {
    let core = lower.split(',').next().unwrap_or_default();
    let words: Vec<&str> = core.split_whitespace().collect();
    let end = (1..words.len())
        .find(|&i| lexicon.classes(words[i]).has(Class::PostModifier))
        .unwrap_or(words.len());
    words.get(end.wrapping_sub(1)).copied().unwrap_or_default()
}

/// How many of the nearest earlier sources and mentions a pronoun is resolved against.
const MAX_CANDIDATES: usize = 64;
/// How many sentences back a pronoun may reach.
const MAX_DISTANCE: usize = 4;

/// A source that needs an antecedent.
enum Anaphor {
    /// he, she
    Person,
    /// it
    Institution,
    /// they
    Plural,
    /// the ministry, the group, ...
    Definite(String),
}

impl Anaphor {
    fn parse(lower: &str, lexicon: &Lexicon) -> Option<Anaphor> {
        match lower {
            "he" | "she" => Some(Anaphor::Person),
            "it" => Some(Anaphor::Institution),
            "they" => Some(Anaphor::Plural),
            _ => {
                let noun = lower.strip_prefix("the ")?;
                lexicon
                    .classes(noun)
                    .has(Class::Definite)
                    .then(|| Anaphor::Definite(noun.to_string()))
            }
        }
    }

    fn fits(&self, k: &Candidate, lexicon: &Lexicon) -> bool {
        let last = head_of(&k.lower, lexicon);
        let is = |w: &str, c: Class| lexicon.classes(w).has(c);
        let institution = matches!(
            k.kind,
            Some(EntityType::Organization | EntityType::Media | EntityType::ArmedGroup | EntityType::State)
        );
        match self {
            Anaphor::Person => {
                let appositive = k.lower.split_once(',').map_or("", |(_, a)| head_of(a.trim(), lexicon));
                k.kind == Some(EntityType::Person)
                    || is(last, Class::Person)
                    || is(appositive, Class::Person)
                    || (k.kind.is_none() && k.personal_name)
            }
            Anaphor::Institution => institution || (k.kind.is_none() && is(last, Class::Institution)),
            Anaphor::Plural => {
                matches!(k.kind, None | Some(EntityType::ArmedGroup)) && last.ends_with('s') && !last.ends_with("ss")
            }
            Anaphor::Definite(_) if k.for_pronouns => false,
            Anaphor::Definite(noun) => {
                k.lower
                    .split([' ', '-'])
                    .any(|w| w == noun || w.strip_suffix("'s") == Some(noun))
                    || (is(noun, Class::ArmedGroupNoun) && k.kind == Some(EntityType::ArmedGroup))
                    || (is(noun, Class::OrganizationNoun) && k.kind == Some(EntityType::Organization))
                    || (is(noun, Class::MediaNoun) && k.kind == Some(EntityType::Media))
            }
        }
    }
}
