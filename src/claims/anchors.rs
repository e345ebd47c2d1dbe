//! Which sentences can hold a claim: one pass over a sentence's words finds the words the
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
//! The scan reads the sentence's *runs*: maximal runs of ASCII letters and digits, found on one
//! bit per byte, set for a letter or digit, over 64 bytes at a time (computed in a loop the
//! compiler turns into vector compares), the blocks of the tokenizer's
//! ([`super::tokens::alnum_bits`]): it keeps those it read for the tokenizer of a sentence that
//! passes, which computes only the rest. Each run's first eight bytes, ASCII lower-cased, make
//! one integer ([`super::tokens::Key`]), looked up with the run's length in a table of the anchor
//! words ([`ShortWords`]); a run longer than eight bytes that shares its first eight with an
//! anchor word is compared with it in full. No automaton: about one table probe per word.
//!
//! Invariant (exactness): if a token's lower-case form is an anchor word, some run is that word,
//! ignoring ASCII case. The anchor words are ASCII letters and digits and start with a letter
//! (otherwise [`Anchors::new`] gives a scan that lets every sentence through). A token whose
//! lower-case form is ASCII is itself ASCII, up to the Kelvin sign (which lower-cases to `k`; a
//! sentence with one always passes), so such a token is ASCII letters and digits. A token that
//! starts with a letter follows no letter or digit, and one that ends with a letter or digit is a
//! word, which no letter or digit follows (see [`super::tokens`]): the token is a whole run.
//! `tests::the_filter_changes_no_output` checks the whole claims output with and without the
//! scan.

use super::lexicon::{Class, Lexicon};
use super::quotes;
use super::short::ShortWords;
use super::tokens::{alnum_bits, chunk, key, BLOCK};

/// Words a rule starts from that are not cue forms: "according (to)".
pub(super) const RULE_WORDS: &[&str] = &["according"];

/// KELVIN SIGN, whose lower case is the ASCII `k`.
const KELVIN: &str = "\u{212A}";
const _: () = assert!(KELVIN.as_bytes()[0] == quotes::DASHES[0].as_bytes()[0]);

/// The anchor scan of a lexicon; `None` lets every sentence through.
#[derive(Clone, Debug, Default)]
pub(super) struct Anchors(Option<Scan>);

/// The anchor words, looked up by a run's key and length.
#[derive(Clone, Debug)]
struct Scan {
    /// The words of at most eight bytes.
    short: ShortWords<()>,
    /// The first eight bytes of each longer word.
    prefixes: ShortWords<()>,
    /// The longer words, lower case.
    long: Vec<Box<[u8]>>,
    /// The shortest and the longest word's length: other runs need no lookup.
    lengths: (usize, usize),
}

/// The anchor words of `lexicon`: its cue forms, a word of each hedge phrase, its follow-up
/// participles and [`RULE_WORDS`], in no particular order.
fn words(lexicon: &Lexicon) -> Vec<&str> {
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
    words
}

impl Anchors {
    /// The scan for the cue forms and hedge phrases of `lexicon` and [`RULE_WORDS`].
    pub(super) fn new(lexicon: &Lexicon) -> Anchors {
        let mut words = words(lexicon);
        let alnum = |w: &str| w.bytes().all(|b| b.is_ascii_alphanumeric());
        if !words
            .iter()
            .all(|w| alnum(w) && w.len() < BLOCK && w.starts_with(|c: char| c.is_ascii_alphabetic()))
        {
            return Anchors(None);
        }
        words.sort_unstable();
        words.dedup();
        let mut scan = Scan {
            short: ShortWords::default(),
            prefixes: ShortWords::default(),
            long: Vec::new(),
            lengths: (usize::MAX, 0),
        };
        for w in words {
            let b = w.as_bytes();
            if b.len() <= 8 {
                scan.short.insert(key(b), b.len(), ());
            } else {
                scan.prefixes.insert(key(b), 8, ());
                scan.long.push(b.to_ascii_lowercase().into());
            }
            scan.lengths = (scan.lengths.0.min(b.len()), scan.lengths.1.max(b.len()));
        }
        Anchors(Some(scan))
    }

    /// `sentence` may hold a claim: some token of it may be an anchor word.
    #[cfg(test)]
    pub(super) fn may_hold_claim(&self, sentence: &str) -> bool {
        self.may_hold_claim_with(sentence, &mut Vec::new())
    }

    /// [`Anchors::may_hold_claim`], which leaves in `blocks` the [`alnum_bits`] of the first
    /// blocks of `sentence` it read (maybe none), for the tokenizer to go on from.
    pub(super) fn may_hold_claim_with(&self, sentence: &str, blocks: &mut Vec<u64>) -> bool {
        blocks.clear();
        let Some(scan) = &self.0 else {
            return true;
        };
        let b = sentence.as_bytes();
        // The runs, a block of bytes at a time: each run that ends inside its block is read from
        // its bits; one that reaches the block's end (`open`, its start) ends in a later one.
        let mut open = None;
        for at in (0..b.len()).step_by(BLOCK) {
            let bits = alnum_bits(b, at);
            blocks.push(bits);
            let mut starts = bits & !((bits << 1) | u64::from(open.is_some()));
            if let Some(start) = open {
                let ones = bits.trailing_ones() as usize;
                if ones < BLOCK {
                    open = None;
                    if scan.holds(b, start, at + ones - start) {
                        return true;
                    }
                }
            }
            while starts != 0 {
                let s = starts.trailing_zeros() as usize;
                let len = (!(bits >> s)).trailing_zeros() as usize;
                let start = at + s;
                if s + len == BLOCK {
                    open = Some(start);
                    break;
                }
                if scan.holds(b, start, len) {
                    return true;
                }
                starts &= starts - 1;
            }
        }
        if let Some(start) = open {
            if scan.holds(b, start, b.len() - start) {
                return true;
            }
        }
        // A sentence without an anchor word (looked for first, so a sentence with one needs no
        // second pass) may still hold “...” ― NAME: a quote signed with a dash has no cue word.
        // The dashes share their first byte with the Kelvin sign, which memchr finds fast; news
        // has few bytes of it (dashes, curly quotes). The dash counts after a closing mark, or
        // where the sentence before it is blank.
        let lead = quotes::DASHES[0].as_bytes()[0];
        let dash = |i: usize| {
            quotes::DASHES.iter().any(|d| b[i..].starts_with(d.as_bytes())) && {
                let before = sentence[..i].trim_end_matches(quotes::DASH_GAP);
                before.is_empty() || before.ends_with(quotes::CLOSING_MARKS)
            }
        };
        let kelvin = |i: usize| b[i..].starts_with(KELVIN.as_bytes());
        memchr::memchr_iter(lead, b).any(|i| kelvin(i) || dash(i))
    }
}

impl Scan {
    /// The run of `len` bytes at `start` of `b` is an anchor word, ignoring ASCII case. Inlined
    /// in the scan's loop, where it is called once per word: a run of a length no anchor word has
    /// reads no bytes, and only a long one is sliced.
    #[inline(always)]
    fn holds(&self, b: &[u8], start: usize, len: usize) -> bool {
        if len < self.lengths.0 || len > self.lengths.1 {
            return false;
        }
        // Setting bit 0x20 lower-cases an ASCII letter and keeps a digit.
        let first = chunk(b, start) | 0x2020_2020_2020_2020;
        if len <= 8 {
            return self.short.get(first & (u64::MAX >> (8 * (8 - len))), len).is_some();
        }
        self.prefixes.get(first, 8).is_some()
            && self.long.iter().any(|w| w.eq_ignore_ascii_case(&b[start..start + len]))
    }
}

#[cfg(test)]
pub(super) mod tests {
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
        // A word inside a longer run is no token; a longer word with an anchor's first eight
        // bytes is none either.
        assert!(!a.may_hold_claim("Reportedlyx, the aforesaid alleged2 plot."));
        assert!(a.may_hold_claim("The unsaid part: officials said nothing."));
        assert!(a.may_hold_claim("Rebel claims, unverified."));
        assert!(a.may_hold_claim("Mid-\u{212A}elvin, unsaid"));
        // Words across the scan's 64-byte blocks, and after a run of 64 bytes or more.
        for pad in 50..140 {
            let x = "x ".repeat(pad / 2) + &" ".repeat(pad % 2);
            assert!(a.may_hold_claim(&format!("{x}said so")), "{pad}");
            assert!(!a.may_hold_claim(&format!("{x}saidso")), "{pad}");
            let run = "y".repeat(pad);
            assert!(!a.may_hold_claim(&format!("{run}said")), "{pad}");
            assert!(a.may_hold_claim(&format!("{run} said")), "{pad}");
        }
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
        texts_with(&["polnear/polnear_dev.jsonl", "syria-dev-gold/syria_dev_gold.jsonl"])
    }

    /// The seed corpus and, when `../shared` is there, every FA-KES article and the texts of
    /// the `golds` files (JSON lines with a `text`, under `../shared/data`), with their names.
    pub(in crate::claims) fn texts_with(golds: &[&str]) -> Vec<(String, String)> {
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
        for gold in golds {
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

    proptest::proptest! {
        /// The run scan finds an anchor word exactly where splitting the text at every byte
        /// that is no ASCII letter or digit does: runs across its eight-byte reads and its
        /// 64-byte blocks (runs of 64 bytes and more among them), at the start and the end, of
        /// lengths around eight and sixteen, in any case, beside non-ASCII characters (a curly
        /// quote shares the dashes' first byte) and NUL bytes. No dash: a dash may let a
        /// sentence through without an anchor word.
        #[test]
        fn the_run_scan_finds_what_splitting_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "said", "SAID", "Said", "saidx", "xsaid", "according", "ACCORDINGLY", "accordin",
                "reportedly", "reportedly2", "claims", "a", "bc", "defghij", "klmnopqr", "stuvwxyz1",
                " ", "  ", ",", "-", ".", "\u{e9}", "\u{a0}", "\0", "7", "\u{201c}",
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl",
                "said0123456789012345678901234567890123456789012345678901234567",
            ]), 0..48)
        ) {
            let lexicon = Lexicon::embedded();
            let scan = Anchors::new(&lexicon);
            let anchors: std::collections::HashSet<String> =
                words(&lexicon).iter().map(|w| w.to_ascii_lowercase()).collect();
            let text = parts.concat();
            let expected = text
                .as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .any(|run| anchors.contains(&String::from_utf8_lossy(run).to_ascii_lowercase()));
            proptest::prop_assert_eq!(scan.may_hold_claim(&text), expected, "{:?}", text);
        }
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
