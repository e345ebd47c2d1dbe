//! Word and punctuation tokens of one sentence, for the claim rules, with their lexicon classes
//! and cue looked up once per token.

use super::lexicon::{Class, Classes, Lexicon};
use crate::span::Span;
use regex::Regex;

/// A word (`U.S.`, `Iran-backed`, `Hay’at`, `Lt.`) or a single punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the original text.
    pub span: Span,
    word: bool,
    /// Its word classes from the lexicon.
    pub classes: Classes,
    /// Its cue in the lexicon, if its lower-case form is one.
    pub cue: Option<u32>,
}

impl Token {
    /// True for punctuation.
    pub fn is_punct(&self) -> bool {
        !self.word
    }

    /// True for punctuation that may close a sentence or a quote.
    pub fn is_final_punct(&self) -> bool {
        !self.word && self.span.len() <= 3
    }

    /// The token belongs to class `c`.
    pub fn has(&self, c: Class) -> bool {
        self.classes.has(c)
    }
}

/// A reusable token buffer.
#[derive(Default)]
pub struct Tokens {
    /// The tokens of the last sentence.
    pub list: Vec<Token>,
    /// The tokens in lower case, one after another (one buffer, no allocation per token).
    lower: String,
    /// Where each token's lower-case form lies in `lower`.
    bounds: Vec<(u32, u32)>,
}

impl Tokens {
    /// Tokenises `span` of `text` into `self.list` with `token` (see [`Lexicon::token_regex`]).
    pub fn tokenize(&mut self, text: &str, span: Span, token: &Regex, lexicon: &Lexicon) {
        self.list.clear();
        self.lower.clear();
        self.bounds.clear();
        for m in token.find_iter(span.slice(text)) {
            let word = m.as_str().starts_with(|c: char| c.is_alphanumeric());
            let start = self.lower.len();
            if m.as_str().is_ascii() {
                self.lower.extend(m.as_str().chars().map(|c| c.to_ascii_lowercase()));
            } else {
                self.lower.extend(m.as_str().chars().flat_map(char::to_lowercase));
            }
            let lower = &self.lower[start..];
            self.bounds.push((start as u32, self.lower.len() as u32));
            self.list.push(Token {
                span: Span::new(span.start + m.start(), span.start + m.end()),
                word,
                classes: lexicon.classes(lower),
                cue: lexicon.cue_id(lower),
            });
        }
    }

    /// Token `i` in lower case.
    pub fn lower(&self, i: usize) -> &str {
        let (s, e) = self.bounds[i];
        &self.lower[s as usize..e as usize]
    }
}
