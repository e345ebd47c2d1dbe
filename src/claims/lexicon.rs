//! The cue lexicon: reporting verbs with their lemma, stance and frame, from `cues.tsv`.

use std::collections::HashMap;

/// How a cue governs its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// SOURCE CUE (that) CONTENT.
    Speech,
    /// SOURCE CUE OBJECT as DESCRIPTION.
    Describe,
    /// SOURCE CUE TARGET of CONTENT.
    Accuse,
    /// A noun: SOURCE's CUE that CONTENT, CUE by SOURCE that CONTENT.
    Nominal,
}

/// One cue form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Dictionary form.
    pub lemma: String,
    /// What the source does with the content.
    pub stance: String,
    /// How the cue governs its content.
    pub frame: Frame,
    /// The form is also a common noun ("reports", "claims"), so it may sit inside a source's
    /// noun phrase ("Local reports indicate ...").
    pub nominal: bool,
}

/// Cue forms by lower-case spelling.
#[derive(Clone, Debug)]
pub struct Lexicon {
    forms: HashMap<String, Cue>,
}

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn embedded() -> Lexicon {
        Lexicon::parse(include_str!("cues.tsv")).expect("embedded cue lexicon is valid (checked by tests)")
    }

    /// Parses a cue TSV (`form lemma stance frame`, `#` comments, header row).
    pub fn parse(content: &str) -> Result<Lexicon, String> {
        let mut forms = HashMap::new();
        let rows = content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1);
        for (i, line) in rows {
            let cells: Vec<&str> = line.split('\t').collect();
            let [form, lemma, stance, frame] = cells[..] else {
                return Err(format!("cues.tsv:{}: expected 4 cells, found {}", i + 1, cells.len()));
            };
            let frame = match frame {
                "speech" => Frame::Speech,
                "describe" => Frame::Describe,
                "accuse" => Frame::Accuse,
                "nominal" => Frame::Nominal,
                other => return Err(format!("cues.tsv:{}: unknown frame {other:?}", i + 1)),
            };
            let nominal = !form.ends_with("ed") && !matches!(form, "said" | "says" | "told" | "tells" | "wrote");
            let cue = Cue {
                lemma: lemma.into(),
                stance: stance.into(),
                frame,
                nominal,
            };
            if forms.insert(form.to_string(), cue).is_some() {
                return Err(format!("cues.tsv:{}: duplicate form {form:?}", i + 1));
            }
        }
        Ok(Lexicon { forms })
    }

    /// The cue spelled `lower` (already lower-cased), if any.
    pub fn get(&self, lower: &str) -> Option<&Cue> {
        self.forms.get(lower)
    }

    /// Every stance some form has.
    pub fn stances(&self) -> impl Iterator<Item = &str> {
        self.forms.values().map(|c| c.stance.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses_and_knows_forms() {
        let l = Lexicon::embedded();
        let c = l.get("portrayed").unwrap();
        assert_eq!(
            (c.lemma.as_str(), c.stance.as_str(), c.frame, c.nominal),
            ("portray", "describe", Frame::Describe, false)
        );
        assert!(l.get("reports").unwrap().nominal);
        assert!(l.get("airstrikes").is_none());
        assert_eq!(
            Lexicon::parse("form\tlemma\tstance\tframe\nsay\tsay\tassert\tshout\n").unwrap_err(),
            "cues.tsv:2: unknown frame \"shout\""
        );
    }
}
