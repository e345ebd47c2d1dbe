//! Sources: the noun phrase that makes a claim, its appositive, the `unnamed` flag, and the
//! resolution of pronoun sources to an earlier source or mention.
//!
//! A source noun phrase is bounded by punctuation, clause words and unambiguous reporting
//! verbs, and must look like a source: a name, a gazetteer mention, a pronoun, or a source noun
//! ("officials", "a security source", "two sources familiar with the matter"). An appositive
//! between commas belongs to it ("Sabrina Singh, a Pentagon spokesperson, said"; "said Rami
//! Abdel Rahman, head of the Observatory.").
//!
//! Resolution: "he"/"she" take the nearest earlier person (a person mention or a source headed
//! by a person noun), "it" the nearest earlier institutional source, "they" the nearest plural
//! one, and a bare "the ministry"/"the group" the nearest earlier source with that head noun or
//! a mention of the fitting kind; a resolved source that was itself resolved passes its referent
//! on. Only the previous few sentences are searched.

use super::{Claim, Ctx, Resolved, Source};
use crate::gazetteer::{EntityId, EntityType};
use crate::matcher::Mention;
use crate::span::Span;

impl Ctx<'_> {
    /// The source over tokens `[from, to)`, whose own noun phrase (before any appositive) ends
    /// at `core_end`.
    pub(super) fn source(&self, from: usize, to: usize, core_end: usize) -> Source {
        let span = self.span(from, to);
        let head_end = (from + 1..core_end)
            .find(|&k| self.is(k, POST_MODIFIERS))
            .unwrap_or(core_end);
        let core = self.span(from, head_end);
        // A place names the source only as its head ("Damascus said"), not in a modifier
        // ("a resident of Sweida").
        let entity = self
            .mentions
            .iter()
            .filter(|m| span.contains(m.span) && (self.kinds[m.entity] != EntityType::Place || m.span.end == core.end))
            .max_by_key(|m| m.span.len())
            .map(|m| m.entity);
        Source {
            span,
            entity,
            unnamed: self.unnamed(from, core_end),
            resolved: None,
        }
    }

    /// Where the noun phrase ending right before `end` starts.
    pub(super) fn np_start(&self, end: usize) -> usize {
        let mut j = end;
        while j > 0 && end - j < 12 {
            let t = &self.toks[j - 1];
            let w = self.lower(j - 1);
            let blocking_cue = self.lexicon.get(&w).is_some_and(|c| !c.nominal);
            let joiner = matches!(self.word(j - 1), "'" | "’" | "-" | "&") && !self.is_quote_mark(j - 1);
            if (t.is_punct() && !joiner) || CLAUSE_WORDS.contains(&w.as_str()) || blocking_cue || self.verbish(j - 1) {
                break;
            }
            j -= 1;
            // A determiner after a noun starts a new phrase: "a charge [that] the group denies".
            if self.is(j, &["the", "a", "an"]) && j > 0 && !self.toks[j - 1].is_punct() && !self.is(j - 1, LINKS) {
                break;
            }
        }
        j
    }

    /// Token `k` opens or closes a quote.
    fn is_quote_mark(&self, k: usize) -> bool {
        let span = self.toks[k].span;
        self.quote_closed_at(span).is_some() || self.quotes.iter().any(|q| q.open == span)
    }

    /// Where the noun phrase starting at `start` ends.
    pub(super) fn np_end(&self, start: usize) -> usize {
        let mut j = start;
        while j < self.toks.len() && !self.toks[j].is_punct() && !CLAUSE_WORDS.contains(&self.lower(j).as_str()) {
            j += 1;
        }
        j
    }

    /// A finite verb in lower case ("carried", "were", "hit"): never inside a source's name.
    pub(super) fn verbish(&self, i: usize) -> bool {
        let w = self.word(i);
        if !w.starts_with(char::is_lowercase) {
            return false;
        }
        let w = w.to_lowercase();
        (w.len() > 4
            && w.ends_with("ed")
            && !SOURCE_NOUNS.contains(&w.as_str())
            && !ADJECTIVES_ED.contains(&w.as_str()))
            || FINITE_VERBS.contains(&w.as_str())
    }

    /// The head noun of `[from, to)`: the last word before a post-modifier ("sources familiar
    /// with the matter", "a resident of Sweida"), lower case, possessive stripped.
    fn head(&self, from: usize, to: usize) -> String {
        let end = (from + 1..to).find(|&k| self.is(k, POST_MODIFIERS)).unwrap_or(to);
        let w = self.lower(end - 1);
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(&w)
            .to_string()
    }

    pub(super) fn looks_like_source(&self, from: usize, to: usize) -> bool {
        let last = self.lower(to - 1);
        if NOT_HEADS.contains(&last.as_str()) || to - from > 10 || (from..to).any(|k| self.verbish(k)) {
            return false;
        }
        let head = self.head(from, to);
        let first = self.word(from);
        let span = self.span(from, to);
        let capitalised =
            (from..to).any(|k| self.word(k).starts_with(char::is_uppercase) && !self.is(k, &["The", "A", "An"]));
        let named = self.mentions.iter().any(|m| span.contains(m.span)) || capitalised;
        let nouny = is_source_noun(&head) || is_source_noun(&last);
        let pronoun = to - from == 1 && PRONOUNS.contains(&head.as_str());
        // A gazetteer entity heading the phrase ("state news agency SANA") names it whatever comes first.
        let entity_head = self
            .mentions
            .iter()
            .any(|m| m.span.end == span.end && span.contains(m.span));
        let determined = first.starts_with(char::is_uppercase) || DETERMINERS.contains(&first.to_lowercase().as_str());
        (named && (determined || entity_head)) || nouny || pronoun
    }

    /// Nobody is named: an indefinite or bare source noun ("a security source", "activists"),
    /// or a person noun that stands for an anonymous speaker ("the commander", "residents").
    fn unnamed(&self, from: usize, to: usize) -> bool {
        let head = self.head(from, to);
        let singular = head.trim_end_matches('s');
        let indefinite = self.is(from, INDEFINITE) && is_source_noun(&head);
        indefinite || ANONYMOUS.contains(&head.as_str()) || ANONYMOUS.contains(&singular)
    }

    /// "NAME, APPOSITIVE, CUE": where the source starts, when the tokens between the comma at
    /// `open` (found here) and the comma at `comma` are an appositive or relative clause after
    /// a named source.
    pub(super) fn appositive_start(&self, comma: usize) -> Option<usize> {
        let open = (comma.saturating_sub(16)..comma)
            .rev()
            .find(|&k| self.toks[k].is_punct() && !self.is(k, &["-", "'", "’"]))?;
        if !self.is(open, &[","]) || open + 1 >= comma {
            return None;
        }
        let first = open + 1;
        let name = (first..comma).all(|k| self.capitalised(k) || self.is(k, &["al", "bin", "ibn", "-"]));
        let opener = self.appositive_opener(first) || self.adjunct_at(first) || name;
        let start = self.np_start(open);
        let ok = opener
            && start < open
            && self.looks_like_source(start, open)
            && (self.named(start, open) || is_source_noun(&self.head(start, open)));
        ok.then_some(start)
    }

    /// "said NAME[, APPOSITIVE]" up to the clause end at `end`: where the source's own noun
    /// phrase ends and where the source ends, when the tokens from `start` are one.
    pub(super) fn trailing_source(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let np = self.np_end(start).min(end);
        let core = (start + 1..np).find(|&k| self.adjunct_at(k)).unwrap_or(np);
        if core == start || !self.looks_like_source(start, core) {
            return None;
        }
        if core == end || self.adjunct_at(core) {
            return Some((core, core));
        }
        let relative = self.is(core + 1, &["who", "which", "whose"]);
        let appositive = self.is(core, &[","])
            && end - core <= 14
            && self.appositive_opener(core + 1)
            && !(core + 2..end).any(|k| self.is(k, &["that", ","]) || (!relative && self.verbish(k)));
        appositive.then_some((core, end))
    }

    /// An appositive or relative clause may open with token `k`: "a", "the", "which", "who",
    /// a source noun ("head of the Observatory") or a participle ("speaking on condition of
    /// anonymity").
    fn appositive_opener(&self, k: usize) -> bool {
        let w = self.lower(k);
        self.is(k, APPOSITIVE_OPENERS) || is_source_noun(&w) || (w.ends_with("ing") && self.word_is_lower(k))
    }

    fn word_is_lower(&self, k: usize) -> bool {
        self.word(k).starts_with(char::is_lowercase)
    }

    /// A time, medium or recipient adjunct starts at `k`: "on Sunday", "in a statement", "to
    /// Reuters", "by phone", "late on", "earlier".
    pub(super) fn adjunct_at(&self, k: usize) -> bool {
        if self.is(k, &["late", "earlier", "later", "last", "during", "via"]) {
            return true;
        }
        let next_ok =
            |words: &[&str]| self.is(k + 1, words) || self.is(k + 1, &["a", "an", "its", "their", "his", "her"]);
        match self.lower(k).as_str() {
            "in" | "on" | "at" => next_ok(DAYS_AND_MEDIA),
            "to" => self.capitalised(k + 1) || next_ok(&["reporters", "journalists"]),
            "by" => next_ok(&["phone", "telephone"]),
            _ => false,
        }
    }

    fn named(&self, from: usize, to: usize) -> bool {
        let span = self.span(from, to);
        self.mentions.iter().any(|m| span.contains(m.span))
            || (from..to).any(|k| self.capitalised(k) && k > from)
            || (self.capitalised(from) && !self.is(from, &["The", "A", "An"]))
    }
}

fn is_source_noun(w: &str) -> bool {
    SOURCE_NOUNS.contains(&w) || SOURCE_NOUNS.contains(&w.trim_end_matches('s'))
}

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
}

/// Fills `resolved` (and `unnamed`) for pronoun and bare definite sources, from the sources
/// of earlier claims and the mentions of earlier sentences.
pub(super) fn resolve(claims: &mut [Claim], mentions: &[Mention], kinds: &[EntityType], text: &str) {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut next_mention = 0;
    for c in claims.iter_mut() {
        while next_mention < mentions.len() && mentions[next_mention].sentence < c.sentence {
            let m = &mentions[next_mention];
            next_mention += 1;
            if candidates.iter().any(|k| k.span.contains(m.span)) {
                continue; // already there as (part of) a source
            }
            candidates.push(Candidate {
                span: m.span,
                entity: Some(m.entity),
                kind: Some(kinds[m.entity]),
                lower: m.span.slice(text).to_lowercase(),
                unnamed: false,
                sentence: m.sentence,
                speaker: false,
            });
        }
        let Some(src) = c.source.as_mut() else { continue };
        let lower = src.span.slice(text).to_lowercase();
        if let Some(anaphor) = Anaphor::parse(&lower) {
            // Earlier speakers first: "Residents said security forces ... They said" means the residents.
            let near = |k: &&Candidate| k.span.end <= src.span.start && c.sentence - k.sentence <= MAX_DISTANCE;
            let fitting = |speaker: bool| {
                candidates
                    .iter()
                    .rev()
                    .filter(near)
                    .find(|k| k.speaker == speaker && anaphor.fits(k))
            };
            let found = fitting(true).or_else(|| fitting(false));
            if let Some(k) = found {
                src.resolved = Some(Resolved {
                    span: k.span,
                    entity: k.entity,
                });
                src.unnamed = k.unnamed;
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
        });
    }
}

/// The head word of a lower-case noun phrase: the last word before a post-modifier or comma
/// ("residents of jableh" → "residents").
fn head_of(lower: &str) -> &str {
    let core = lower.split(',').next().unwrap_or_default();
    let words: Vec<&str> = core.split_whitespace().collect();
    let end = (1..words.len())
        .find(|&i| POST_MODIFIERS.contains(&words[i]))
        .unwrap_or(words.len());
    words.get(end.wrapping_sub(1)).copied().unwrap_or_default()
}

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
    fn parse(lower: &str) -> Option<Anaphor> {
        match lower {
            "he" | "she" => Some(Anaphor::Person),
            "it" => Some(Anaphor::Institution),
            "they" => Some(Anaphor::Plural),
            _ => {
                let noun = lower.strip_prefix("the ")?;
                DEFINITE_HEADS
                    .contains(&noun)
                    .then(|| Anaphor::Definite(noun.to_string()))
            }
        }
    }

    fn fits(&self, k: &Candidate) -> bool {
        let last = head_of(&k.lower);
        let institution = matches!(
            k.kind,
            Some(EntityType::Organization | EntityType::Media | EntityType::ArmedGroup | EntityType::State)
        );
        match self {
            Anaphor::Person => k.kind == Some(EntityType::Person) || PERSON_HEADS.contains(&last),
            Anaphor::Institution => institution || (k.kind.is_none() && INSTITUTION_HEADS.contains(&last)),
            Anaphor::Plural => {
                matches!(k.kind, None | Some(EntityType::ArmedGroup)) && last.ends_with('s') && !last.ends_with("ss")
            }
            Anaphor::Definite(noun) => {
                k.lower
                    .split([' ', '-'])
                    .any(|w| w == noun || w.strip_suffix("'s") == Some(noun))
                    || match noun.as_str() {
                        "group" | "militia" | "movement" | "faction" => k.kind == Some(EntityType::ArmedGroup),
                        "monitor" | "observatory" | "organisation" | "organization" => {
                            k.kind == Some(EntityType::Organization)
                        }
                        "agency" | "broadcaster" | "channel" => k.kind == Some(EntityType::Media),
                        _ => false,
                    }
            }
        }
    }
}

const CLAUSE_WORDS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "while",
    "but",
    "when",
    "after",
    "before",
    "because",
    "although",
    "though",
    "if",
    "whereas",
    "since",
    "as",
    "where",
    "meanwhile",
    "however",
    "and",
    "or",
];
/// Words after "in", "on" or "at" that make an adjunct rather than part of a source's name.
const DAYS_AND_MEDIA: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Twitter",
    "X",
    "Telegram",
    "Facebook",
    "condition",
    "state",
    "television",
    "social",
];
/// Words after which a determiner continues the same noun phrase ("head of the Observatory").
const LINKS: &[&str] = &[
    "of", "for", "from", "in", "at", "on", "with", "to", "by", "near", "inside", "outside", "within", "among", "and",
    "close", "familiar", "like", "against", "over", "under", "about", "into", "across",
];
const NOT_HEADS: &[&str] = &[
    "the", "a", "an", "of", "for", "in", "on", "at", "to", "by", "with", "from", "and", "or", "it's", "is", "was",
    "has", "have", "had", "be", "been", "this", "these", "those", "its", "their", "his", "her", "also", "not", "very",
    "more", "most", "there", "here", "what", "now", "then", "so", "than",
];
const FINITE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "must", "hit",
    "struck", "took", "fled", "made", "left", "held", "fell", "won", "lost", "shot", "began", "came", "went",
];
/// Past participles used as adjectives in source names ("armed groups", "so-called").
const ADJECTIVES_ED: &[&str] = &[
    "armed",
    "unnamed",
    "unidentified",
    "informed",
    "concerned",
    "united",
    "detained",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "two", "three", "several", "some", "many", "local", "syrian", "other", "both", "all", "one",
];
const INDEFINITE: &[&str] = &[
    "a", "an", "two", "three", "four", "five", "several", "some", "many", "one", "other", "local", "senior",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];
const POST_MODIFIERS: &[&str] = &[
    "of", "from", "in", "at", "with", "familiar", "close", "for", "inside", "on", "who", "which", "based", "near",
];
const APPOSITIVE_OPENERS: &[&str] = &["a", "an", "the", "which", "who", "whose", "head", "chief", "director"];
/// Person nouns that stand for a speaker the article does not name.
const ANONYMOUS: &[&str] = &[
    "source",
    "official",
    "activist",
    "resident",
    "witness",
    "witnesse",
    "diplomat",
    "person",
    "people",
    "medic",
    "doctor",
    "commander",
    "fighter",
    "rebel",
    "analyst",
    "expert",
    "observer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "member",
    "worker",
    "soldier",
    "officer",
    "journalist",
    "mother",
    "father",
    "man",
    "woman",
];
const SOURCE_NOUNS: &[&str] = &[
    "official",
    "source",
    "activist",
    "resident",
    "witness",
    "witnesses",
    "media",
    "monitor",
    "observatory",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ministry",
    "army",
    "military",
    "group",
    "government",
    "agency",
    "statement",
    "report",
    "analyst",
    "expert",
    "police",
    "authorities",
    "commander",
    "fighter",
    "rebel",
    "observer",
    "diplomat",
    "doctor",
    "medic",
    "journalist",
    "correspondent",
    "minister",
    "president",
    "envoy",
    "council",
    "committee",
    "coalition",
    "force",
    "faction",
    "militia",
    "militias",
    "network",
    "outlet",
    "television",
    "tv",
    "channel",
    "newspaper",
    "daily",
    "website",
    "command",
    "office",
    "pentagon",
    "kremlin",
    "regime",
    "administration",
    "leader",
    "people",
    "person",
    "member",
    "worker",
    "organization",
    "organisation",
    "ngo",
    "head",
    "chief",
    "director",
    "spokesmen",
    "soldier",
    "officer",
    "mother",
    "father",
    "man",
    "woman",
    "men",
    "women",
];
/// Heads that "he" or "she" may refer to.
const PERSON_HEADS: &[&str] = &[
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "minister",
    "president",
    "envoy",
    "leader",
    "fighter",
    "resident",
    "activist",
    "witness",
    "doctor",
    "analyst",
    "diplomat",
    "source",
    "chief",
    "head",
    "director",
    "officer",
    "soldier",
    "man",
    "woman",
    "mother",
    "father",
];
/// Heads that "it" may refer to.
const INSTITUTION_HEADS: &[&str] = &[
    "ministry",
    "army",
    "military",
    "group",
    "government",
    "agency",
    "monitor",
    "observatory",
    "council",
    "coalition",
    "command",
    "office",
    "militia",
    "movement",
    "organisation",
    "organization",
    "media",
    "television",
    "channel",
    "newspaper",
    "regime",
    "administration",
    "kremlin",
    "pentagon",
];
/// Nouns that make "the NOUN" a source to resolve.
const DEFINITE_HEADS: &[&str] = &[
    "ministry",
    "group",
    "army",
    "military",
    "monitor",
    "observatory",
    "agency",
    "government",
    "militia",
    "movement",
    "faction",
    "organisation",
    "organization",
    "council",
    "coalition",
    "command",
    "office",
    "official",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "broadcaster",
    "channel",
    "sources",
    "officials",
    "activists",
    "residents",
    "rebels",
    "witnesses",
    "militants",
    "fighters",
    "source",
];
