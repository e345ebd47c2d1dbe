//! The matcher's context words: place cues, titles, the words that turn a place name into another
//! thing's name, and the common English words that short aliases spell (all from
//! `lexicon/matcher.tsv`, which documents each kind); and the given names of the gazetteer
//! build's sources. Errors name `file:line`.
//!
//! Invariant: every phrase folds (see [`crate::fold`]) to at least one word.

use crate::fold::fold_str;
use crate::gazetteer::GazetteerError;
use std::collections::BTreeSet;

/// The lexicon compiled into the binary.
const EMBEDDED: (&str, &str) = ("lexicon/matcher.tsv", include_str!("../../lexicon/matcher.tsv"));

/// Given names (the gazetteer build's source, `name` in the first column): a capitalised given
/// name right before a place name makes it a person's ("Ahmad Khalil").
const GIVEN_NAMES: (&str, &str) = (
    "data/sources/given-names/given_names.tsv",
    include_str!("../../data/sources/given-names/given_names.tsv"),
);

/// Kinds of context phrase, as bits (a phrase may be of several kinds).
pub mod cue {
    /// Right before a name, makes it a place ("the village of").
    pub const PLACE_BEFORE: u8 = 1;
    /// Right after a name, makes it a place ("countryside").
    pub const PLACE_AFTER: u8 = 2;
    /// Right before a name, makes it a person ("Queen"); given names do the same.
    pub const PERSON_BEFORE: u8 = 4;
    /// Right after a place name, makes both another thing's name ("hospital").
    pub const NAME_AFTER: u8 = 8;
    /// A given name: a person cue only when capitalised in the text.
    pub const GIVEN_NAME: u8 = 16;
}

/// The context phrases, folded and lower-cased, with their kinds.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// `(folded phrase without its trailing space, kind bits)`.
    pub cues: Vec<(String, u8)>,
    /// Common English words, folded and lower-cased, without spaces.
    pub common_words: BTreeSet<String>,
}

impl Lexicon {
    /// The embedded lexicon.
    pub fn embedded() -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon
            .add_file(EMBEDDED.0, EMBEDDED.1)
            .expect("the embedded lexicon is valid (checked by tests)");
        lexicon
            .add_given_names(GIVEN_NAMES.0, GIVEN_NAMES.1)
            .expect("the embedded given names are valid (checked by tests)");
        lexicon
    }

    /// Adds the given names of a TSV file whose header's first column is `name`.
    pub fn add_given_names(&mut self, file: &str, content: &str) -> Result<(), GazetteerError> {
        let mut rows = content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let err = |line: usize, message: String| GazetteerError {
            file: file.to_string(),
            line,
            message,
        };
        match rows.next() {
            Some((_, header)) if header.split('\t').next() == Some("name") => {}
            Some((i, _)) => return Err(err(i + 1, "the header's first column must be `name`".into())),
            None => return Err(err(1, "no header row".into())),
        }
        for (i, row) in rows {
            let name = row.split('\t').next().unwrap_or("");
            // Lower-cased and trimmed in place: one string a name, not three.
            let mut folded = fold_str(name);
            folded.make_ascii_lowercase();
            if folded.trim().is_empty() {
                return Err(err(i + 1, format!("name {name:?} has no letters or digits")));
            }
            folded.truncate(folded.trim_end().len());
            self.cues.push((folded, cue::GIVEN_NAME));
        }
        Ok(())
    }

    /// Adds the phrases of one `kind<TAB>phrase` file.
    pub fn add_file(&mut self, file: &str, content: &str) -> Result<(), GazetteerError> {
        let mut header = false;
        for (i, raw) in content.lines().enumerate() {
            let err = |message: String| GazetteerError {
                file: file.to_string(),
                line: i + 1,
                message,
            };
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let Some((kind, phrase)) = raw.split_once('\t') else {
                return Err(err(format!("expected kind<TAB>phrase, found {raw:?}")));
            };
            if !header {
                if (kind, phrase) != ("kind", "phrase") {
                    return Err(err("the first row must be the header kind<TAB>phrase".into()));
                }
                header = true;
                continue;
            }
            let folded = fold_str(phrase).to_ascii_lowercase();
            if folded.trim().is_empty() {
                return Err(err(format!("phrase {phrase:?} has no letters or digits")));
            }
            let bits = match kind {
                "place_before" => cue::PLACE_BEFORE,
                "place_after" => cue::PLACE_AFTER,
                "title" => cue::PERSON_BEFORE,
                "given_name" => cue::GIVEN_NAME,
                "name_after" => cue::NAME_AFTER,
                "common_word" => {
                    self.common_words.insert(folded.trim().to_string());
                    continue;
                }
                _ => {
                    return Err(err(format!(
                    "kind {kind:?} is not one of place_before, place_after, title, given_name, name_after, common_word"
                )))
                }
            };
            self.add_cue(folded.trim_end(), bits);
        }
        Ok(())
    }

    /// Adds one cue: `folded` is a folded, lower-cased phrase with its leading space.
    pub fn add_cue(&mut self, folded: &str, bits: u8) {
        self.cues.push((folded.to_string(), bits));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicon_loads() {
        let l = Lexicon::embedded();
        assert!(l.common_words.contains("who"));
        assert!(l.cues.contains(&(" village of".to_string(), cue::PLACE_BEFORE)));
        assert!(l.cues.contains(&(" queen".to_string(), cue::PERSON_BEFORE)));
        assert!(l.cues.contains(&(" ahmad".to_string(), cue::GIVEN_NAME)));
        let mut l = Lexicon::default();
        assert_eq!(
            l.add_given_names("g.tsv", "# c\nfirst\tgender\n")
                .unwrap_err()
                .to_string(),
            "g.tsv:2: the header's first column must be `name`"
        );
        assert_eq!(
            l.add_given_names("g.tsv", "name\tgender\nAli\tM\n--\tM\n")
                .unwrap_err()
                .to_string(),
            "g.tsv:3: name \"--\" has no letters or digits"
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("kind\tphrase\nplace\tnear\n", "x.tsv:2: kind \"place\" is not one of place_before, place_after, title, given_name, name_after, common_word"),
            ("kind\tphrase\ntitle\t--\n", "x.tsv:2: phrase \"--\" has no letters or digits"),
            ("# c\n\nkind\tphrase\nnear\n", "x.tsv:4: expected kind<TAB>phrase, found \"near\""),
            ("title\tKing\n", "x.tsv:1: the first row must be the header kind<TAB>phrase"),
        ];
        for (content, want) in cases {
            assert_eq!(
                Lexicon::default().add_file("x.tsv", content).unwrap_err().to_string(),
                want
            );
        }
    }
}
