//! Which sentences can hold a claim: one Aho-Corasick pass over a sentence finds the words the
//! claim rules start from, so the other sentences skip tokenizing and the rules.
//!
//! Every rule starts from a token whose lower-case form is a cue form (`cues.tsv`; speech,
//! nominal, passive, quote and headline rules, the learned layer), spells a hedge phrase
//! (`hedges.tsv`; hedges and verification disclaimers), is a follow-up participle (", saying
//! ...", which the sentence's subject may make), or is one of [`RULE_WORDS`]; a quote signed with
//! a dash (“...” ― NAME) has no word to start from, so a sentence with such a dash passes when
//! the dash may sign a quote: when only spaces ([`quotes::DASH_GAP`]) stand between it and a
//! closing mark ([`quotes::CLOSING_MARKS`], the last character of every quote `quotes::find`
//! pairs), or between it and the sentence's start (the mark may lie before the sentence). A
//! dash inside a clause ("the mall – one of Germany's largest –") signs nothing.
//! Attitudes and discourse only read or drop claims those rules found. So a sentence in which no
//! such token can be holds no claim, and skipping it changes nothing.
//!
//! Invariant (exactness): if a token's lower-case form is an anchor word, the scan finds it. The
//! anchor words are ASCII and start with a letter (otherwise [`Anchors::new`] gives a scan that
//! lets every sentence through). A token whose lower-case form is ASCII is itself ASCII, up to
//! the Kelvin sign (which lower-cases to `k`; a sentence with one always passes), so the
//! case-insensitive scan finds the form where the token is. A token that starts with a letter
//! follows no letter or digit, and one that ends with a letter or digit is a word, which no
//! letter or digit follows (see [`super::tokens`]); so a match with an ASCII letter or digit
//! against its alphanumeric ends is no such token and is ignored. When every anchor word is ASCII
//! letters only (the embedded lexicon's are), a match that counts is a whole run of ASCII letters
//! and digits, and no match can cross the ends of a run; so a leftmost-longest scan, which at the
//! start of a run reports the longest word starting there (the run itself, if it is a word),
//! misses none, and no match needs to overlap another. Otherwise matches may overlap, so none
//! hides another. `tests::the_filter_changes_no_output` checks the whole claims output with and
//! without the scan.

use super::lexicon::{Class, Lexicon};
use super::quotes;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Words a rule starts from that are not cue forms: "according (to)".
pub(super) const RULE_WORDS: &[&str] = &["according"];

/// KELVIN SIGN, whose lower case is the ASCII `k`.
const KELVIN: &str = "\u{212A}";

/// The anchor scan of a lexicon; `None` lets every sentence through.
#[derive(Clone, Debug, Default)]
pub(super) struct Anchors(Option<Scan>);

/// The automaton and how it searches.
#[derive(Clone, Debug)]
struct Scan {
    ac: AhoCorasick,
    /// Leftmost-longest and without overlaps: every anchor word is ASCII letters only.
    letters: bool,
}

impl Anchors {
    /// The scan for the cue forms and hedge phrases of `lexicon` and [`RULE_WORDS`].
    pub(super) fn new(lexicon: &Lexicon) -> Anchors {
        let mut words: Vec<&str> = lexicon.cue_forms().collect();
        // A hedge phrase is found by one of its words: the longest (the last of the longest), so
        // "is said to" is found by "said", not "is".
        words.extend(
            lexicon
                .hedges()
                .iter()
                .filter_map(|h| h.words.iter().rev().max_by_key(|w| w.len()).map(|w| &**w)),
        );
        // ", saying ...": a follow-up participle opens a claim by the sentence's subject.
        words.extend(lexicon.forms_of(Class::FollowUp));
        words.extend(RULE_WORDS);
        if !words
            .iter()
            .all(|w| w.is_ascii() && w.starts_with(|c: char| c.is_ascii_alphabetic()))
        {
            return Anchors(None);
        }
        let letters = words.iter().all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()));
        words.sort_unstable();
        words.dedup();
        words.push(KELVIN);
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(if letters {
                MatchKind::LeftmostLongest
            } else {
                MatchKind::Standard
            })
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("a few hundred short words build an automaton");
        Anchors(Some(Scan { ac, letters }))
    }

    /// `sentence` may hold a claim: some token of it may be an anchor word.
    pub(super) fn may_hold_claim(&self, sentence: &str) -> bool {
        let Some(Scan { ac, letters }) = &self.0 else {
            return true;
        };
        let b = sentence.as_bytes();
        // “...” ― NAME: a quote signed with a dash has no cue word. The dashes share their first
        // byte, which memchr finds fast; news has few bytes of it (dashes, curly quotes). The
        // dash counts after a closing mark, or where the sentence before it is blank.
        let lead = quotes::DASHES[0].as_bytes()[0];
        let dash = |i: usize| {
            quotes::DASHES.iter().any(|d| b[i..].starts_with(d.as_bytes())) && {
                let before = sentence[..i].trim_end_matches(quotes::DASH_GAP);
                before.is_empty() || before.ends_with(quotes::CLOSING_MARKS)
            }
        };
        if memchr::memchr_iter(lead, b).any(dash) {
            return true;
        }
        let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
        let counts = |m: aho_corasick::Match| {
            let (s, e) = (m.start(), m.end());
            let kelvin = !b[s].is_ascii();
            let ends_word = b[e - 1].is_ascii_alphanumeric();
            kelvin || !((s > 0 && alnum(s - 1)) || (ends_word && alnum(e)))
        };
        if *letters {
            ac.find_iter(sentence).any(counts)
        } else {
            ac.find_overlapping_iter(sentence).any(counts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::ClaimFinder;

    #[test]
    fn finds_anchor_words_as_whole_tokens_only() {
        let a = Anchors::new(&Lexicon::embedded());
        assert!(a.may_hold_claim("The army SAID so."));
        assert!(a.may_hold_claim("Fighters were reportedly killed."));
        assert!(a.may_hold_claim("(According to state media) ..."));
        assert!(a.may_hold_claim("The claims by the group are false."));
        // "said" and "read" inside other words are no tokens.
        assert!(!a.may_hold_claim("The aforesaid troops spread out at 2pm."));
        assert!(!a.may_hold_claim("Shelling hit the town on Monday."));
        assert!(!a.may_hold_claim(""));
        // TAL\u{212A} lower-cases to "talk": a sentence with a Kelvin sign always passes.
        assert!(a.may_hold_claim("Nothing to see \u{212A}."));
        // The embedded words are letters only: the leftmost-longest scan, which must see past a
        // match inside a word ("unsaid") and prefer the longer word ("claims" over "claim").
        assert!(a.0.as_ref().is_some_and(|s| s.letters));
        assert!(a.may_hold_claim("The unsaid part: officials said nothing."));
        assert!(a.may_hold_claim("Rebel claims, unverified."));
        assert!(a.may_hold_claim("Mid-\u{212A}elvin, unsaid"));
        // A quote signed with a dash has no cue word; a dash lets a sentence through.
        assert!(a.may_hold_claim("\u{201c}We held the hill\u{201d} \u{2015} a commander"));
        assert!(a.may_hold_claim("\u{201c}We held\u{201d}\u{a0}\u{2014} a commander"));
        assert!(a.may_hold_claim("\"We held\" \u{2013} a commander"));
        assert!(
            a.may_hold_claim("\u{2015} a commander"),
            "the mark may close the sentence before"
        );
        assert!(a.may_hold_claim("  \u{2014} a commander"));
        // A dash inside a clause signs no quote.
        assert!(!a.may_hold_claim("Prices rose \u{2013} again."));
        assert!(!a.may_hold_claim("The mall \u{2014} one of the largest \u{2014} was hit."));
        assert!(
            !a.may_hold_claim("\u{201c}Prices rose\u{201d} \u{2012} again."),
            "a figure dash"
        );
        let lead = |d: &str| d.as_bytes()[0];
        assert!(quotes::DASHES.iter().all(|d| lead(d) == lead(quotes::DASHES[0])));
    }

    /// Every quote of every text of [`texts`] ends with one of the closing marks the dash test
    /// looks for.
    #[test]
    fn every_quote_ends_with_a_closing_mark() {
        let mut n = 0;
        for (name, text) in texts().iter().chain(
            [(
                "own".to_owned(),
                "He said ''we held'' and “we held” and 'We held.' and \"we held.\"".to_owned(),
            )]
            .iter(),
        ) {
            for q in quotes::find(text) {
                let last = text[..q.close.end].chars().next_back();
                assert!(
                    last.is_some_and(|c| quotes::CLOSING_MARKS.contains(&c)),
                    "{name}: {q:?}"
                );
                n += 1;
            }
        }
        assert!(n >= 4, "{n} quotes");
    }

    /// Every text the filter is checked on: the seed corpus and, when `../shared` is there,
    /// every FA-KES article and the texts of the PolNeAR dev and syria-dev-gold files.
    fn texts() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = ["corpus", "../shared/data/fakes-syria-news/articles"]
            .iter()
            .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
            .flatten()
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut out: Vec<_> = paths
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
            .collect();
        for gold in ["polnear/polnear_dev.jsonl", "syria-dev-gold/syria_dev_gold.jsonl"] {
            let Ok(lines) = std::fs::read_to_string(root.join("../shared/data").join(gold)) else {
                continue;
            };
            for (i, line) in lines.lines().enumerate() {
                let record: serde_json::Value = serde_json::from_str(line).unwrap();
                out.push((format!("{gold}:{}", i + 1), record["text"].as_str().unwrap().to_owned()));
            }
        }
        out
    }

    /// The claims of every text of [`texts`] with and without the filter: the same.
    #[test]
    fn the_filter_changes_no_output() {
        let extractor = crate::Extractor::new(crate::Gazetteer::embedded());
        let filtered = ClaimFinder::new(extractor.gazetteer());
        let all = ClaimFinder {
            anchors: Anchors::default(),
            ..filtered.clone()
        };
        let (mut skipped, mut claims) = (0, 0);
        for (name, text) in &texts() {
            let x = extractor.extract(text);
            let got = filtered.find(text, &x.sentences, &x.mentions);
            assert_eq!(got, all.find(text, &x.sentences, &x.mentions), "{name}");
            claims += got.len();
            skipped += x
                .sentences
                .iter()
                .filter(|s| !filtered.anchors.may_hold_claim(s.span.slice(text)))
                .count();
        }
        // The comparison means something: claims were found and sentences skipped.
        assert!(
            claims > 0 && skipped > 0,
            "{claims} claims, {skipped} sentences skipped"
        );
    }

    #[test]
    fn a_non_ascii_anchor_word_turns_the_filter_off() {
        let mut l = Lexicon::embedded();
        l.add_file(
            "cues.tsv",
            "form\tlemma\tstance\tframe\tclasses\nérit\térire\tassert\tspeech\t-\n",
        )
        .unwrap();
        assert!(Anchors::new(&l).may_hold_claim("Shelling hit the town."));
    }
}
