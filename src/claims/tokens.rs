//! Word and punctuation tokens of one sentence, for the claim rules.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A word (`U.S.`, `Iran-backed`, `Hay’at`) or a single punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the original text.
    pub span: Span,
    word: bool,
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
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{TITLES}|(?:\p{{L}}\.){{2,}}|[\p{{L}}\p{{N}}\p{{M}}]+(?:['’\-.,][\p{{L}}\p{{N}}\p{{M}}]+)*|\S"
    ))
    .unwrap()
});

/// Titles whose period is part of the word, so "Lt. Gen. Ali Mahmoud" stays one noun phrase.
const TITLES: &str = r"\b(?:Gen|Lt|Col|Maj|Brig|Sgt|Capt|Cpl|Cmdr|Adm|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Prof|Rev|Amb|Pres)\.";

/// A reusable token buffer.
#[derive(Default)]
pub struct Tokens {
    /// The tokens of the last sentence.
    pub list: Vec<Token>,
    /// Each token in lower case, computed once per sentence for the word-list lookups.
    pub lower: Vec<String>,
}

impl Tokens {
    /// Tokenises `span` of `text` into `self.list`.
    pub fn tokenize(&mut self, text: &str, span: Span) {
        self.list.clear();
        self.lower.clear();
        for m in TOKEN.find_iter(span.slice(text)) {
            let word = m.as_str().starts_with(|c: char| c.is_alphanumeric());
            self.lower.push(m.as_str().to_lowercase());
            self.list.push(Token {
                span: Span::new(span.start + m.start(), span.start + m.end()),
                word,
            });
        }
    }
}
