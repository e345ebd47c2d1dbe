//! Mention scoring for gold sets that annotate mentions (syria-dev-gold), counting only what
//! the annotation covers: armed groups; organisations and media as `organization`; places, and
//! countries named as states, only inside the region of `region.txt` and never as demonyms.
//! Persons, communities, governments, ministries and places elsewhere are not counted as
//! predicted.

use super::gold::GoldMention;
use super::{MentionError, Prf};
use crate::gazetteer::{Entity, EntityType, Gazetteer};
use crate::matcher::Mention;
use crate::span::Span;
use std::collections::{BTreeMap, BTreeSet};

/// The annotation's region: country codes, and demonym endings, from a `region.txt` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    countries: BTreeSet<String>,
    demonym_endings: Vec<String>,
}

impl Region {
    /// The embedded `src/eval/region.txt`.
    pub fn embedded() -> Region {
        Region::parse("region.txt", include_str!("region.txt")).expect("embedded region.txt is valid")
    }

    /// Parses `country CODE` and `demonym SUFFIX` lines (`#` starts a comment); errors name
    /// `file:line`.
    pub fn parse(file: &str, content: &str) -> Result<Region, String> {
        let mut region = Region {
            countries: BTreeSet::new(),
            demonym_endings: Vec::new(),
        };
        for (i, line) in content.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            match line.split_whitespace().collect::<Vec<_>>()[..] {
                ["country", code] if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
                    region.countries.insert(code.to_string());
                }
                ["demonym", suffix] => region.demonym_endings.push(suffix.to_lowercase()),
                _ => {
                    return Err(format!(
                        "{file}:{}: expected `country XX` or `demonym SUFFIX`, found {line:?}",
                        i + 1
                    ))
                }
            }
        }
        Ok(region)
    }

    fn contains(&self, e: &Entity) -> bool {
        e.attribute("country").is_some_and(|c| self.countries.contains(c))
    }

    /// "Syrian", "Iraqis" for Syria, Iraq; but not "Syria", "Syrias", "UAE".
    fn is_demonym(&self, e: &Entity, mention: &str) -> bool {
        let m = mention.to_lowercase();
        let name = e.name.to_lowercase();
        if m == name || m.strip_suffix('s') == Some(name.as_str()) {
            return false;
        }
        self.demonym_endings.iter().any(|s| m.ends_with(s.as_str()))
    }

    /// The gold type a predicted mention counts as, or None when the annotation does not cover it.
    pub fn scope(&self, e: &Entity, mention: &str) -> Option<&'static str> {
        match e.kind {
            EntityType::ArmedGroup => Some("armed_group"),
            EntityType::Organization | EntityType::Media => Some("organization"),
            EntityType::Place if self.contains(e) => Some("place"),
            EntityType::State if e.subtype == "country" && self.contains(e) && !self.is_demonym(e, mention) => {
                Some("place")
            }
            _ => None,
        }
    }
}

/// Exact and overlap scores for one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypeScores {
    /// Same span, same type.
    pub exact: Prf,
    /// Overlapping spans, same type, paired one to one in text order.
    pub overlap: Prf,
}

/// The running totals of mention scoring.
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    pub by_type: BTreeMap<String, TypeScores>,
    pub errors: Vec<MentionError>,
}

impl Tally {
    pub fn add(
        &mut self,
        doc: &str,
        text: &str,
        region: &Region,
        gazetteer: &Gazetteer,
        predicted: &[Mention],
        gold: &[GoldMention],
    ) {
        let predicted: Vec<(Span, &'static str)> = predicted
            .iter()
            .filter_map(|m| Some((m.span, region.scope(gazetteer.entity(m.entity), m.span.slice(text))?)))
            .collect();
        for (_, kind) in &predicted {
            let t = self.by_type.entry(kind.to_string()).or_default();
            t.exact.predicted += 1;
            t.overlap.predicted += 1;
        }
        for g in gold {
            let t = self.by_type.entry(g.kind.clone()).or_default();
            t.exact.gold += 1;
            t.overlap.gold += 1;
        }
        let exact: BTreeSet<(Span, &str)> = gold.iter().map(|g| (g.span, g.kind.as_str())).collect();
        for (span, kind) in &predicted {
            if exact.contains(&(*span, *kind)) {
                self.by_type.get_mut(*kind).expect("counted above").exact.matched += 1;
            }
        }
        let mut used = vec![false; gold.len()];
        for (span, kind) in &predicted {
            let found = (0..gold.len()).find(|&i| !used[i] && gold[i].kind == *kind && gold[i].span.overlaps(*span));
            match found {
                Some(i) => {
                    used[i] = true;
                    self.by_type.get_mut(*kind).expect("counted above").overlap.matched += 1;
                }
                None => self.errors.push(MentionError {
                    doc: doc.to_string(),
                    what: "spurious",
                    kind: kind.to_string(),
                    text: span.slice(text).to_string(),
                }),
            }
        }
        for (g, _) in gold.iter().zip(&used).filter(|(_, u)| !**u) {
            self.errors.push(MentionError {
                doc: doc.to_string(),
                what: "missed",
                kind: g.kind.clone(),
                text: g.span.slice(text).to_string(),
            });
        }
    }
}
