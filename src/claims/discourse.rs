//! `disputed`: a claim is disputed when the same sentence goes on to contradict it (", but
//! ...", "; however ...", ", though the army denied it"), or the next sentence opens with "But",
//! "However" or "Yet", or holds a denial pointing back ("State media denied the claim"). A concessive clause
//! (", though ...") disputes only when it denies.

use super::{Claim, Class, Lexicon, Stance};
use crate::segment::Sentence;

/// Sets `disputed` on every claim the text contradicts right after it.
pub(super) fn mark_disputed(text: &str, sentences: &[Sentence], claims: &mut [Claim], lexicon: &Lexicon) {
    let denials: Vec<usize> = claims
        .iter()
        .filter(|c| c.cue.stance == Stance::Deny && refers_back(c.content.slice(text), lexicon))
        .map(|c| c.sentence)
        .collect();
    for c in claims.iter_mut() {
        let end = sentences[c.sentence].span.end;
        // Only the words right after the content can contradict it; a bounded look keeps this
        // linear in a run-on sentence of many claims.
        let mut rest_end = end.min(c.content.end + MAX_REST);
        while !text.is_char_boundary(rest_end) {
            rest_end -= 1;
        }
        let rest = if c.content.end < rest_end {
            &text[c.content.end..rest_end]
        } else {
            ""
        };
        let next = sentences.get(c.sentence + 1).map_or("", |s| s.span.slice(text));
        // `denials` is in claim order, so sorted by sentence.
        let next_denies = c.cue.stance != Stance::Deny && denials.binary_search(&(c.sentence + 1)).is_ok();
        c.disputed = contrast_follows(rest) || NEXT_CONTRAST.iter().any(|p| next.starts_with(p)) || next_denies;
    }
}

/// How many bytes after a claim's content are read for a contradicting clause.
const MAX_REST: usize = 400;

/// A denial whose content points back ("the claim", "the reports", "it"): it denies what came
/// before rather than something new.
fn refers_back(content: &str, lexicon: &Lexicon) -> bool {
    let lower = content.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| lexicon.classes(w).has(Class::Anaphoric))
}

/// The rest of the sentence after a claim's content opens a contradicting clause.
fn contrast_follows(rest: &str) -> bool {
    let r = rest.trim_start_matches(['"', '”', '’', ' ']);
    // The openings are ASCII, and no character outside ASCII lower-cases to the ASCII letters
    // they need in place (the Kelvin sign gives "k", which none has; "İ" gives "i" and a
    // combining dot, where each has a letter or space after "i"): an opening starts the
    // lower-cased rest exactly when it starts the rest ignoring ASCII case.
    let opens = |p: &&str| {
        r.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    let concessive = [", though ", ", although ", ", while "].iter().any(opens);
    // Searched for only after a concessive opening: seven substring searches per claim.
    let denied = || {
        let lower = r.to_lowercase();
        DENIALS.iter().any(|n| lower.contains(n))
    };
    STRONG_CONTRAST.iter().any(opens) || (concessive && denied())
}

const STRONG_CONTRAST: &[&str] = &[", but ", "; but ", ", however", "; however", ", yet ", " but "];
const NEXT_CONTRAST: &[&str] = &["But ", "However,", "However ", "Yet "];
/// Words that make a concessive clause a contradiction (", though the army denied it"); a bare
/// "not" does not (", though Reuters could not verify them").
const DENIALS: &[&str] = &[
    " denied",
    " denies",
    " dismissed",
    " rejected",
    " disputed",
    " contradict",
    " refuted",
];

#[cfg(test)]
mod tests {
    use super::contrast_follows;

    #[test]
    fn contrasts() {
        assert!(contrast_follows(
            ", but the scope of losses indicates deeper structural issues."
        ));
        assert!(contrast_follows(", though the army denied it."));
        assert!(!contrast_follows(", though specifics remain under wraps."));
        assert!(!contrast_follows(
            ", though Reuters could not independently verify them."
        ));
        assert!(!contrast_follows(" on Sunday."));
    }

    #[test]
    fn openings_ignore_case_as_lower_casing_would() {
        assert!(contrast_follows(", BUT the army says otherwise."));
        assert!(contrast_follows("”, However, nothing changed."));
        assert!(contrast_follows(", THOUGH the ministry DENIED it."));
        // "İ" lower-cases to "i" and a combining dot, so this is no ", while ".
        assert!(!contrast_follows(", whİle the ministry denied it."));
        assert!(!contrast_follows(", buts and ifs."));
    }
}
