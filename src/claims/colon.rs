//! "NAME: CONTENT" lead-ins, for corpora that count them: PolNeAR annotates a headline such as
//! "Senator X: Talks Must Resume" or a body sentence "X: “...”" as an attribution whose cue is
//! the colon; the Syria conventions exclude `X: Y` headlines, so the rule runs only when the
//! lexicon gives ":" the class `speaker_colon` (a row of the PolNeAR profile,
//! `lexicon/polnear/words.tsv`). Upper-case dialogue tags ("TAPPER: ...") are
//! [`super::transcript`]'s.
//!
//! A sentence (title, heading or body) holding no other claim opens with its source: one to five
//! words before the first colon, the first capitalised and every other capitalised or a
//! lower-case joiner ("and", "of", "the"), no digit, not all upper case, no word of class
//! `not_speaker` ("Breaking:", "Update:", "Editor's Note:"), and no place or state mention
//! covering them (a dateline). Then ": " and at least three words. The content is the rest of
//! the sentence without a final period; when it opens with a quotation mark, the whole
//! quotation (which may run over several sentences). In body text after the first sentence the
//! content must be such a quotation ("Turnout: low in the north" is a list item). Rule `speaker_tag`, lemma `colon`,
//! stance `assert`.
//!
//! Invariants: one pass over the sentences (linear); the source and colon lie in the
//! sentence, the content starts in it.

use super::quotes::Quote;
use super::{Claim, Class, Lexicon};
use crate::gazetteer::EntityType;
use crate::matcher::Mention;
use crate::segment::{Role, Sentence};
use crate::span::Span;

/// At most this many words before the colon.
const MAX_WORDS: usize = 5;
/// At least this many words after it ("Finish second" is a list item, not a claim).
const MIN_WORDS: usize = 3;

/// Appends the colon lead-ins of `text` to `out`, whose claims are sorted by sentence.
pub(super) fn find(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    kinds: &[EntityType],
    quotes: &[Quote],
    lexicon: &Lexicon,
    out: &mut Vec<Claim>,
) {
    if !lexicon.classes(":").has(Class::SpeakerColon) {
        return;
    }
    let mut found = Vec::new();
    let mut next = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        if !matches!(sentence.role, Role::Title | Role::Heading | Role::Body) {
            continue;
        }
        while next < out.len() && out[next].sentence < i {
            next += 1;
        }
        if out.get(next).is_some_and(|c| c.sentence == i) {
            continue;
        }
        // The first sentence of a text is its headline, whatever its role ("Title: X." ends
        // with a period in some feeds).
        let body = sentence.role == Role::Body && i > 0;
        let Some((tag, colon, content)) = lead_in(text, sentence.span, body, quotes, lexicon) else {
            continue;
        };
        let lo = mentions.partition_point(|m| m.span.end <= tag.start);
        let covering = mentions[lo..]
            .iter()
            .take_while(|m| m.span.start < tag.end)
            .find(|m| m.span.start <= tag.start && tag.end <= m.span.end);
        if covering.is_some_and(|m| matches!(kinds.get(m.entity), Some(EntityType::Place | EntityType::State))) {
            continue;
        }
        found.push(super::transcript::speaker_claim(
            i,
            tag,
            covering.filter(|m| m.span == tag).map(|m| m.entity),
            colon,
            content,
            0.6,
        ));
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|c| (c.sentence, c.cue.span.start, c.content.start));
    }
}

/// The (source, colon, content) of a sentence at `span` that opens with "NAME: "; in `body`
/// text only before a quotation.
fn lead_in(text: &str, span: Span, body: bool, quotes: &[Quote], lexicon: &Lexicon) -> Option<(Span, Span, Span)> {
    let s = span.slice(text);
    let colon = s.get(..60).unwrap_or(s).find(':')?;
    let tag = &s[..colon];
    let words: Vec<&str> = tag.split_whitespace().collect();
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let joiner = |w: &str| matches!(w, "and" | "of" | "the" | "&");
    if words.is_empty()
        || words.len() > MAX_WORDS
        || tag.starts_with(char::is_whitespace)
        || tag.ends_with(char::is_whitespace)
        || !capitalised(words[0])
        || !words.iter().all(|w| capitalised(w) || joiner(w))
        || tag.contains(|c: char| c.is_ascii_digit())
        || !tag.contains(char::is_lowercase)
        || words.iter().any(|w| lexicon.classes_any_case(w).has(Class::NotSpeaker))
    {
        return None;
    }
    let rest = &s[colon + 1..];
    if !rest.starts_with([' ', '\u{a0}']) || rest.split_whitespace().count() < MIN_WORDS {
        return None;
    }
    let lead = rest.len() - rest.trim_start().len();
    let start = span.start + colon + 1 + lead;
    // A quotation that opens the content is the content, over sentences if it runs on.
    let quote = quotes
        .get(quotes.partition_point(|q| q.open.start < start))
        .filter(|q| q.open.start == start);
    let content = match quote {
        Some(q) => Span::new(q.open.start, q.close.end),
        None if body => return None,
        None => {
            let body = rest.trim();
            let body = body.strip_suffix('.').unwrap_or(body).trim_end();
            Span::new(start, start + body.len())
        }
    };
    Some((
        Span::new(span.start, span.start + colon),
        Span::new(span.start + colon, span.start + colon + 1),
        content,
    ))
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::{EXTRACTOR as DEFAULT, POLNEAR};
    use crate::Extractor;

    /// (source, cue, content) of each claim of lemma `colon`.
    fn leads(x: &Extractor, text: &str) -> Vec<(String, String, String)> {
        let slice = |s: crate::Span| text[s.start..s.end].to_string();
        x.extract(text)
            .claims
            .iter()
            .filter(|c| c.cue.lemma == "colon")
            .map(|c| {
                (
                    c.source.as_ref().map_or("-".into(), |s| slice(s.span)),
                    slice(c.cue.span),
                    slice(c.content),
                )
            })
            .collect()
    }

    fn triple(s: &str, c: &str, t: &str) -> (String, String, String) {
        (s.into(), c.into(), t.into())
    }

    #[test]
    fn a_name_and_a_colon_open_a_claim_in_a_headline_or_before_a_quote() {
        let text = "Senator Blake: Ceasefire Talks Must Resume\n\nThe senator spoke on Monday. \
                    Blake: “We will not abandon the talks. Nobody should.” Others disagreed.\n";
        assert_eq!(
            leads(&POLNEAR, text),
            [
                triple("Senator Blake", ":", "Ceasefire Talks Must Resume"),
                triple("Blake", ":", "“We will not abandon the talks. Nobody should.”"),
            ]
        );
        assert_eq!(leads(&DEFAULT, text), []);
        // A first sentence ending with a period is the headline too.
        let text = "Farm Bureau: Harvest Down by a Third.\n\nThe bureau published its figures.\n";
        assert_eq!(
            leads(&POLNEAR, text),
            [triple("Farm Bureau", ":", "Harvest Down by a Third")]
        );
    }

    #[test]
    fn labels_list_items_datelines_and_taken_sentences_are_no_lead_ins() {
        for text in [
            "Breaking: Dam Opens Its Gates\n\nWater reached the valley.\n",
            "Editor's Note: An earlier version misspelled a name.\n\nThe story follows.\n",
            "Aleppo: Shelling Resumes Near the Citadel\n\nResidents fled.\n",
            "Storm Report\n\nThe crews worked all night. Turnout: low in the north and south.\n",
            "Storm Report\n\nThe crews worked all night. Rain: heavy.\n",
            "Storm Report\n\nThe crews worked all night. Mayor Lind: “The worst is over,” her deputy said.\n",
            "Storm Report at 5: Crews Still Out\n\nThe crews worked all night.\n",
        ] {
            assert_eq!(leads(&POLNEAR, text), [], "{text}");
        }
    }
}
