//! Resolving pronoun sources: "he"/"she" take the nearest earlier person (a person mention, a
//! source headed by a person noun, a name, or a title before a name: "Observatory director
//! Rami Abdel Rahman"), "it" the nearest earlier institution, "they" the nearest plural source,
//! and a bare "the ministry"/"the group"/"the sources" the nearest earlier source with that noun
//! as a word of its own (not "pro-government forces"; not a person merely titled by it) or else
//! one of the fitting kind. Earlier speakers (claim sources) are preferred to mere mentions; a
//! resolved source passes its referent on; a conjoined source ("X and the Y") is no single
//! referent. Pronouns search the previous few sentences; a definite that names its referent also
//! reaches named entities further back. The pronoun of a relative clause ("a video that it said
//! showed") refers within its own sentence only: a speaker there, or else its first fitting
//! mention. The resolved source also takes its referent's `unnamed` flag; an unresolved pronoun
//! lowers its claim's confidence. The candidate lists are capped, so this stays linear.

use std::cell::OnceCell;

use super::{Claim, Class, Lexicon, Resolved};
use crate::gazetteer::{EntityId, EntityType};
use crate::matcher::Mention;
use crate::span::Span;

/// What a pronoun or bare definite source may refer to. Most candidates are never asked
/// about (few sources are pronouns), so what is derived from the text is derived on demand.
struct Candidate<'t> {
    span: Span,
    /// The candidate's text, `span` sliced from the document.
    phrase: &'t str,
    entity: Option<EntityId>,
    kind: Option<EntityType>,
    /// The lower-case text, to match "the ministry" against "Turkey's defence ministry";
    /// filled on first use.
    lower: OnceCell<String>,
    unnamed: bool,
    sentence: usize,
    /// A claim's source rather than a mere mention.
    speaker: bool,
    /// An unresolved "the ministry": only a pronoun may refer to it.
    for_pronouns: bool,
}

impl<'t> Candidate<'t> {
    /// A mere mention of a gazetteer entity.
    fn mention(m: &Mention, kinds: &[EntityType], text: &'t str) -> Candidate<'t> {
        Candidate {
            span: m.span,
            phrase: m.span.slice(text),
            entity: Some(m.entity),
            kind: Some(kinds[m.entity]),
            lower: OnceCell::new(),
            unnamed: false,
            sentence: m.sentence,
            speaker: false,
            for_pronouns: false,
        }
    }

    fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.phrase.to_lowercase())
    }

    /// A speaker whose phrase (before any appositive) looks like a personal name: "Rami
    /// Abdulrahman".
    fn personal_name(&self, lexicon: &Lexicon) -> bool {
        self.speaker && looks_like_personal_name(self.phrase, lexicon)
    }

    /// A speaker whose phrase names a person after a title: "Observatory director Rami Abdel
    /// Rahman".
    fn titled(&self, lexicon: &Lexicon) -> bool {
        self.speaker && titled_name(self.phrase, lexicon)
    }
}

/// Two to four capitalised words, as in "Rami Abdulrahman" or "Yasar Guler", one before an
/// appositive ("Ahmad, a farmer from Qusayr"), the same run before a lower-case appositive
/// when the commas are lost ("Shuhud al-Hussein a member of ..."), or one unknown capitalised
/// word that is not an acronym ("Xelil", a surname on second mention).
fn looks_like_personal_name(phrase: &str, lexicon: &Lexicon) -> bool {
    let core = phrase.split(',').next().unwrap_or_default();
    let words: Vec<&str> = core.split_whitespace().collect();
    let Some(first) = words.first() else { return false };
    let first_classes = lexicon.classes_any_case(first);
    if first_classes.has(Class::Article) || first_classes.has(Class::Preposition) {
        return false;
    }
    let capitalised = |w: &&&str| name_word(w) && !w.ends_with('.');
    let run = words.iter().take_while(capitalised).count();
    if run == 1 && words.len() == 1 && !phrase.contains(',') {
        return first.chars().any(char::is_lowercase) && lexicon.classes_any_case(first) == Default::default();
    }
    // "Manal a 28-year-old teacher": a name before an indefinite appositive.
    let appositive = words
        .get(run)
        .is_some_and(|w| lexicon.classes(w).has(Class::Indefinite));
    let least = if phrase.contains(',') || appositive { 1 } else { 2 };
    (least..=4).contains(&run)
        && (run == words.len() || words[run].starts_with(char::is_lowercase) && !name_word(words[run]))
}

/// A word of a name: capitalised, or a particle before a capital ("al-Hussein", "bin Laden"
/// are not told apart here: "al-" counts when a capital follows the hyphen).
fn name_word(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        || w.split_once('-')
            .is_some_and(|(p, rest)| p.len() <= 3 && rest.starts_with(char::is_uppercase))
}

/// Whether a source phrase names a person by a title before a name: "Observatory director
/// Rami Abdel Rahman", "media activist Abu Omar", "the coalition's spokesman Colonel Ryan
/// Dillon" (not "an activist collective", nor "the government of President Assad").
fn titled_name(phrase: &str, lexicon: &Lexicon) -> bool {
    let core = phrase.split(',').next().unwrap_or_default();
    let is = |w: &str, c: Class| lexicon.classes_any_case(w).has(c);
    // A name, not an acronym: "the official SANA news agency" is no person.
    let name = |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    // Each word with the one before it and the one after it, no list of the words.
    let (mut before, mut word): (Option<&str>, Option<&str>) = (None, None);
    core.split_whitespace().any(|next| {
        // The name test first: it needs no lower-cased copy of the word.
        let titled = word
            .is_some_and(|w| name(next) && is(w, Class::Person) && before.is_none_or(|b| !is(b, Class::PostModifier)));
        (before, word) = (word, Some(next));
        titled
    })
}

/// Fills `resolved` (and `unnamed`) for pronoun and bare definite sources, from the sources
/// of earlier claims and the mentions of earlier sentences.
pub(super) fn resolve(claims: &mut [Claim], mentions: &[Mention], kinds: &[EntityType], text: &str, lexicon: &Lexicon) {
    let mut candidates: Vec<Candidate> = Vec::new();
    // Named candidates that left the window, the latest per entity: for definites only.
    let mut far: Vec<Candidate> = Vec::new();
    let mut next_mention = 0;
    for c in claims.iter_mut() {
        while next_mention < mentions.len() && mentions[next_mention].sentence < c.sentence {
            let m = &mentions[next_mention];
            next_mention += 1;
            let possessive = text[m.span.end..].starts_with(['\'', '’']);
            if possessive || candidates.iter().any(|k| k.span.contains(m.span)) {
                continue; // a modifier ("Assad's forces"), or already there as (part of) a source
            }
            candidates.push(Candidate::mention(m, kinds, text));
        }
        // Only the last few sentences matter; keeping the list short keeps this linear.
        // ... and only the nearest few of them, however many one run-on sentence holds.
        // Those that stay are not moved: most claims drop none.
        let keep_from = candidates.len().saturating_sub(MAX_CANDIDATES);
        let mut i = 0;
        let gone = candidates.extract_if(.., |k| {
            let keep = i >= keep_from && c.sentence.saturating_sub(k.sentence) <= MAX_DISTANCE;
            i += 1;
            !keep
        });
        for k in gone.filter(|k| k.entity.is_some()) {
            // A named entity stays within reach of "the observatory" further on.
            far.retain(|f| f.entity != k.entity);
            if far.len() == MAX_CANDIDATES {
                far.remove(0);
            }
            far.push(k);
        }
        // A quote the source speaks: who it names is not the speaker.
        let quoted = text[..c.content.start].ends_with(['“', '"', '‘', '\'']);
        let content = c.content;
        let Some(src) = c.source.as_mut() else { continue };
        let phrase = src.span.slice(text);
        if let Some(anaphor) = Anaphor::parse(phrase, lexicon) {
            // Earlier speakers first: "Residents said security forces ... They said" means the residents.
            // "“President X promised us schools,” he said": not someone named in the quote the
            // pronoun speaks ("X, a commander, had fled, he said" may name its speaker).
            let near = |k: &&Candidate| {
                k.span.end <= src.span.start
                    && c.sentence.saturating_sub(k.sentence) <= MAX_DISTANCE
                    && !(quoted && content.contains(k.span))
            };
            // A definite that names its referent ("the observatory": "the Syrian Observatory
            // for Human Rights") before one that only fits its kind ("the group": an NGO).
            let fitting = |speaker: bool, literal: bool| {
                candidates.iter().rev().filter(near).find(|k| {
                    k.speaker == speaker && anaphor.fits(k, lexicon) && (!literal || anaphor.names(k, lexicon))
                })
            };
            let subject: Option<Option<Candidate>>;
            let before = text[..src.span.start].trim_end();
            let previous = before.rsplit(char::is_whitespace).next().unwrap_or_default();
            let found = if !matches!(anaphor, Anaphor::Definite(_))
                && ["that", "which", "what"]
                    .iter()
                    .any(|r| previous.eq_ignore_ascii_case(r))
            {
                // "a video that it said showed ...": the pronoun of a relative clause refers
                // within its own sentence, to a speaker there or else to the first fitting
                // mention (the subject); never across sentences.
                let own = |k: &&Candidate| k.sentence == c.sentence && k.span.end <= src.span.start;
                let speaker = candidates
                    .iter()
                    .rev()
                    .filter(own)
                    .find(|k| k.speaker && anaphor.fits(k, lexicon));
                subject = speaker.is_none().then(|| {
                    mentions[next_mention..]
                        .iter()
                        .take(MAX_CANDIDATES)
                        .take_while(|m| m.sentence == c.sentence && m.span.end <= src.span.start)
                        .filter(|m| !text[m.span.end..].starts_with(['\'', '’', '-']))
                        .map(|m| Candidate::mention(m, kinds, text))
                        .find(|k| anaphor.fits(k, lexicon))
                });
                speaker.or(subject.as_ref().and_then(Option::as_ref))
            } else {
                let definite = matches!(anaphor, Anaphor::Definite(_));
                (definite.then(|| {
                    fitting(true, true).or_else(|| fitting(false, true)).or_else(|| {
                        far.iter()
                            .rev()
                            .find(|k| anaphor.fits(k, lexicon) && anaphor.names(k, lexicon))
                    })
                }))
                .flatten()
                .or_else(|| fitting(true, false))
                .or_else(|| fitting(false, false))
            };
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
                    phrase: r.span.slice(text),
                    lower: OnceCell::new(),
                    unnamed: src.unnamed,
                    sentence: c.sentence,
                    speaker: true,
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
                    phrase,
                    lower: OnceCell::new(),
                    unnamed: src.unnamed,
                    sentence: c.sentence,
                    speaker: false,
                    for_pronouns: true,
                });
            }
            continue;
        }
        candidates.push(Candidate {
            span: src.span,
            entity: src.entity,
            kind: src.entity.map(|e| kinds[e]),
            phrase,
            lower: OnceCell::new(),
            unnamed: src.unnamed,
            sentence: c.sentence,
            speaker: true,
            for_pronouns: false,
        });
    }
}

/// The head word of a lower-case noun phrase: the last word before a post-modifier or comma
/// ("residents of jableh" → "residents").
fn head_of<'a>(lower: &'a str, lexicon: &Lexicon) -> &'a str {
    let core = lower.split(',').next().unwrap_or_default();
    let mut words = core.split_whitespace();
    let Some(mut head) = words.next() else { return "" };
    for w in words {
        if lexicon.classes(w).has(Class::PostModifier) {
            break;
        }
        head = w;
    }
    head
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
    /// The anaphor a source phrase is. Only "he", "she", "it", "they" and "the ..." can be one,
    /// and none lower-cases from anything but ASCII, so they are told apart by ASCII case;
    /// only the noun of a definite anaphor is lower-cased, once it is known to be one.
    fn parse(phrase: &str, lexicon: &Lexicon) -> Option<Anaphor> {
        let is = |w: &str| phrase.eq_ignore_ascii_case(w);
        if is("he") || is("she") {
            return Some(Anaphor::Person);
        } else if is("it") {
            return Some(Anaphor::Institution);
        } else if is("they") {
            return Some(Anaphor::Plural);
        }
        let noun = &phrase[phrase.get(..4).filter(|p| p.eq_ignore_ascii_case("the "))?.len()..];
        if !lexicon.classes_any_case(noun).has(Class::Definite) {
            return None;
        }
        Some(Anaphor::Definite(noun.to_lowercase()))
    }

    /// A definite whose noun is a word of the candidate: "the ministry", "Turkey's defence
    /// ministry".
    fn names(&self, k: &Candidate, lexicon: &Lexicon) -> bool {
        match self {
            // "the monitor" names the monitor named before, not "a monitor".
            Anaphor::Definite(noun)
                if !lexicon.classes(noun).has(Class::Person)
                    && ["a ", "an "].iter().any(|a| k.lower().starts_with(a)) =>
            {
                false
            }
            // "the government" is not "pro-government forces".
            Anaphor::Definite(noun) => k.lower().split(' ').any(|w| {
                let w = w.strip_suffix("'s").unwrap_or(w);
                w == noun
                    || w.split_once('-')
                        .is_some_and(|(pre, rest)| rest == noun && pre != "pro" && pre != "anti")
            }),
            _ => false,
        }
    }

    fn fits(&self, k: &Candidate, lexicon: &Lexicon) -> bool {
        // The head word, found only by the branches that ask for it.
        let last = || head_of(k.lower(), lexicon);
        let is = |w: &str, c: Class| lexicon.classes(w).has(c);
        let institution = matches!(
            k.kind,
            Some(EntityType::Organization | EntityType::Media | EntityType::ArmedGroup | EntityType::State)
        );
        match self {
            // "the Observatory and the civil defence" is two referents.
            Anaphor::Person | Anaphor::Institution | Anaphor::Definite(_)
                if k.speaker
                    && [" and the ", " and a ", " and an "]
                        .iter()
                        .any(|a| k.lower().contains(a)) =>
            {
                false
            }
            Anaphor::Person => {
                let appositive = k
                    .lower()
                    .split_once(',')
                    .map_or("", |(_, a)| head_of(a.trim(), lexicon));
                k.kind == Some(EntityType::Person)
                    || is(last(), Class::Person)
                    || is(appositive, Class::Person)
                    || k.titled(lexicon)
                    || (k.kind.is_none() && k.personal_name(lexicon))
            }
            Anaphor::Institution => institution || (k.kind.is_none() && is(last(), Class::Institution)),
            Anaphor::Plural => {
                matches!(k.kind, None | Some(EntityType::ArmedGroup)) && {
                    let last = last();
                    last.ends_with('s') && !last.ends_with("ss")
                }
            }
            Anaphor::Definite(_) if k.for_pronouns => false,
            // "the observatory" is not "Observatory director Rami Abdel Rahman" (but "the
            // ministry" is "Russia's Defense Ministry").
            Anaphor::Definite(noun)
                if !is(noun, Class::Person)
                    && k.speaker
                    && k.lower().split([',', ' ']).rfind(|w| !w.is_empty()) != Some(noun.as_str())
                    && ((k.personal_name(lexicon) && matches!(k.kind, None | Some(EntityType::Person)))
                        || k.titled(lexicon)
                        || is(last(), Class::Person)) =>
            {
                false
            }
            Anaphor::Definite(noun) => {
                self.names(k, lexicon)
                    || (is(noun, Class::ArmedGroupNoun) && k.kind == Some(EntityType::ArmedGroup))
                    || (is(noun, Class::OrganizationNoun) && k.kind == Some(EntityType::Organization))
                    || (is(noun, Class::MediaNoun) && k.kind == Some(EntityType::Media))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Anaphor;
    use crate::claims::tests::EXTRACTOR;
    use crate::claims::Lexicon;

    #[test]
    fn anaphors_are_told_apart_by_ascii_case_alone() {
        let lexicon = Lexicon::embedded();
        let kind = |phrase: &str| match Anaphor::parse(phrase, &lexicon) {
            Some(Anaphor::Person) => "person".to_string(),
            Some(Anaphor::Institution) => "institution".to_string(),
            Some(Anaphor::Plural) => "plural".to_string(),
            Some(Anaphor::Definite(noun)) => format!("the {noun}"),
            None => "-".to_string(),
        };
        for (phrase, want) in [
            ("he", "person"),
            ("HE", "person"),
            ("She", "person"),
            ("it", "institution"),
            ("They", "plural"),
            ("THE MINISTRY", "the ministry"),
            ("the Ministry", "the ministry"),
            ("the ministry of defence", "-"),
            ("Theo", "-"),
            ("them", "-"),
            ("hes", "-"),
            ("the", "-"),
            ("thé ministry", "-"),
            // The Kelvin sign lower-cases to an ASCII 'k', but makes none of these words.
            ("\u{212A}", "-"),
        ] {
            assert_eq!(kind(phrase), want, "{phrase:?}");
        }
    }

    /// The `resolved` text of the source of the first claim whose source is `source`.
    fn resolved(text: &str, source: &str) -> Option<String> {
        let x = EXTRACTOR.extract(text);
        let src = x
            .claims
            .iter()
            .filter_map(|c| c.source.as_ref())
            .find(|s| s.span.slice(text) == source)
            .unwrap_or_else(|| panic!("no source {source:?} in {text:?}"));
        src.resolved.as_ref().map(|r| r.span.slice(text).to_string())
    }

    #[test]
    fn a_relative_clause_pronoun_refers_within_its_sentence() {
        let text = "The Syrian Observatory for Human Rights said five people died. \
                    The Aleppo Media Centre published footage that it said showed burning homes.";
        assert_eq!(resolved(text, "it").as_deref(), Some("Aleppo Media Centre"));
    }

    #[test]
    fn people_named_by_a_surname_a_title_or_an_appositive_without_a_comma() {
        let text = "Redur Xelil spoke to reporters in Qamishli. Other attackers came from the south Xelil said. \
                    He said dozens of fighters were killed.";
        assert_eq!(resolved(text, "He").as_deref(), Some("Xelil"));
        let text = "Civil defence official Leys Farouk said 20 people died in the market. \
                    He said rescuers were still digging.";
        assert_eq!(
            resolved(text, "He").as_deref(),
            Some("Civil defence official Leys Farouk")
        );
        let text = "Interior Minister Mohammed Shaar said the city was safe. Huda a 30-year-old nurse living \
                    in Douma said the shelling never stopped. She said two children survived.";
        assert_eq!(
            resolved(text, "She").as_deref(),
            Some("Huda a 30-year-old nurse living in Douma")
        );
        // A modifier is no title: "an activist collective" is not a person.
        let text = "Rami Saleh said the road was cut. The Local Coordination Committees an activist collective \
                    said 12 people died. He said the bakery was hit.";
        assert_eq!(resolved(text, "He").as_deref(), Some("Rami Saleh"));
    }

    #[test]
    fn a_definite_names_its_referent_by_its_head_not_a_modifier() {
        let text = "The Syrian Observatory for Human Rights said 30 people died. Observatory director Rami \
                    Abdel Rahman told reporters that most were civilians. The Observatory said the toll would rise.";
        assert_eq!(
            resolved(text, "The Observatory").as_deref(),
            Some("The Syrian Observatory for Human Rights")
        );
        let text = "Pro-government forces said they shelled the village. The government of President Bashar \
                    al-Assad said 40 rebels died. The government said the road was open.";
        assert_eq!(
            resolved(text, "The government").as_deref(),
            Some("The government of President Bashar al-Assad")
        );
    }

    #[test]
    fn a_definite_reaches_a_named_entity_beyond_the_pronoun_window() {
        let text = "The Syrian Observatory for Human Rights said 30 people died. The market was full. \
                    Shops were closed. The road was cut. Rain fell. Buses waited. \
                    The Observatory said the toll would rise.";
        assert_eq!(
            resolved(text, "The Observatory").as_deref(),
            Some("The Syrian Observatory for Human Rights")
        );
        // A pronoun does not.
        let text = "The Syrian Observatory for Human Rights said 30 people died. The market was full. \
                    Shops were closed. The road was cut. Rain fell. Buses waited. It said the toll would rise.";
        assert_eq!(resolved(text, "It"), None);
    }

    #[test]
    fn the_group_may_be_a_monitor_and_is_not_a_conjoined_pair() {
        let text = "Islamic State fighters attacked the town at dawn. The Syrian Observatory for Human Rights \
                    said 20 fighters died. The group said the attack had been repelled.";
        assert_eq!(
            resolved(text, "The group").as_deref(),
            Some("The Syrian Observatory for Human Rights")
        );
        let text = "Local doctors and the Syrian Observatory for Human Rights said nine people died. \
                    The Observatory said the toll would rise.";
        assert_ne!(
            resolved(text, "The Observatory").as_deref(),
            Some("Local doctors and the Syrian Observatory for Human Rights")
        );
    }
}
