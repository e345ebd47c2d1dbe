//! The article's say in what a candidate names: dates, evidence for weak aliases, and
//! disambiguation by the article's other places (the way Mordecai and CLAVIN rank candidates).
//!
//! Steps, each linear in the candidates:
//! 1. an article date drops the entities whose `period` excludes it, when another one of the
//!    candidate's entities fits the date;
//! 2. a first leftmost-longest selection; its winners that name one strong entity are the
//!    article's *anchors*, summarised as sets of governorates, districts and countries and at
//!    most [`MAX_POINTS`] coordinates;
//! 3. a weak alias keeps an entity only with evidence: its own (Arabic script, a place cue next
//!    to it) or an anchor in the same district, or in the same governorate when the anchor is
//!    more specific than a city ("sarin" is no village of Aleppo governorate because the article
//!    names Aleppo);
//! 4. of the entities left, the best fit wins: same district, then governorate, then country as
//!    an anchor; then (when the best-ranked entity is a place) the nearest to an anchor; then
//!    priority and id;
//! 5. the final leftmost-longest selection.

use super::entity_table::EntityTable;
use crate::date::{Date, Period};
use crate::gazetteer::{EntityId, EntityType, Gazetteer};
use crate::matcher::Mention;
use crate::span::Span;

/// At most this many anchor coordinates are kept per article, so ranking by distance costs a
/// bounded amount per candidate.
const MAX_POINTS: usize = 32;

/// A name found in a sentence, with a range of the entities it may name.
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    pub span: Span,
    pub sentence: usize,
    /// `[first, end)` in [`Found::viable`].
    pub targets: (usize, usize),
}

/// An entity a candidate may name.
#[derive(Clone, Copy, Debug)]
pub(super) struct Viable {
    pub entity: EntityId,
    pub weak: bool,
    /// Arabic script or a place cue next to the name.
    pub evidence: bool,
    pub dot: bool,
    pub alive: bool,
}

/// Every candidate of one article.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub candidates: Vec<Candidate>,
    pub viable: Vec<Viable>,
}

impl Found {
    /// Empties both lists, keeping their memory.
    pub fn clear(&mut self) {
        self.candidates.clear();
        self.viable.clear();
    }
}

/// What resolution needs of each entity, indexed by [`EntityId`].
#[derive(Clone, Debug, Default)]
pub(super) struct Entities {
    info: Vec<Info>,
}

#[derive(Clone, Copy, Debug)]
struct Info {
    kind: EntityType,
    /// Position in the order (priority descending, id ascending): lower is preferred.
    rank: u32,
    period: Option<Period>,
    /// Interned `admin1`, `admin2` and `country` values.
    admin1: Option<u32>,
    admin2: Option<u32>,
    country: Option<u32>,
    point: Option<(f32, f32)>,
    /// A governorate, region or city: named in most articles of its governorate, so it is no
    /// evidence for a weak name elsewhere in that governorate (only in its own district).
    broad: bool,
}

/// The article's strong places, summarised.
#[derive(Debug, Default)]
struct Anchors {
    admin1: Vec<u32>,
    /// The governorates of the anchors that are not [`Info::broad`].
    admin1_specific: Vec<u32>,
    admin2: Vec<u32>,
    countries: Vec<u32>,
    points: Vec<(f32, f32)>,
}

impl Entities {
    /// The entities of `gazetteer`, with its [`EntityTable`].
    pub fn new(gazetteer: &Gazetteer, table: EntityTable) -> Entities {
        let all = gazetteer.entities();
        assert_eq!(table.0.len(), all.len(), "a table row per entity");
        let info = (all.iter().zip(table.0))
            .map(|(e, row)| Info {
                kind: e.kind,
                rank: row.rank,
                period: match row.dated {
                    true => e.attribute("period").and_then(Period::parse),
                    false => None,
                },
                admin1: row.admin1,
                admin2: row.admin2,
                country: row.country,
                point: row.point,
                broad: row.broad,
            })
            .collect();
        Entities { info }
    }

    pub fn kind(&self, e: EntityId) -> EntityType {
        self.info[e].kind
    }

    /// Decides what each candidate names and selects the mentions.
    pub fn resolve(&self, text: &str, found: &mut Found, date: Option<Date>) -> Vec<Mention> {
        if let Some(date) = date {
            for c in &found.candidates {
                let targets = &mut found.viable[c.targets.0..c.targets.1];
                let fits = |v: &Viable| self.info[v.entity].period.is_none_or(|p| p.contains(date));
                if targets.iter().any(fits) {
                    targets.iter_mut().filter(|v| !fits(v)).for_each(|v| v.alive = false);
                }
            }
        }
        found
            .candidates
            .sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
        let anchors = self.anchors(found);
        let mut chosen = Vec::with_capacity(found.candidates.len());
        for c in &found.candidates {
            let targets = &mut found.viable[c.targets.0..c.targets.1];
            for v in targets.iter_mut().filter(|v| v.weak && !v.evidence) {
                let i = &self.info[v.entity];
                let near = i.admin2.is_some_and(|a| anchors.admin2.contains(&a))
                    || i.admin1.is_some_and(|a| anchors.admin1_specific.contains(&a));
                v.alive &= near;
            }
            chosen.push(self.choose(targets, &anchors));
        }
        let mut out = Vec::new();
        let mut end = 0;
        for (c, v) in found.candidates.iter().zip(chosen) {
            let Some(v) = v else { continue };
            if c.span.start < end {
                continue;
            }
            let span = match v.dot && text[c.span.end..].starts_with('.') {
                true => Span::new(c.span.start, c.span.end + 1),
                false => c.span,
            };
            end = span.end;
            out.push(Mention {
                span,
                entity: v.entity,
                sentence: c.sentence,
            });
        }
        out
    }

    /// The strong places of a first leftmost-longest selection.
    fn anchors(&self, found: &Found) -> Anchors {
        let mut a = Anchors::default();
        let mut end = 0;
        let mut seen: Vec<EntityId> = Vec::new();
        for c in &found.candidates {
            let mut alive = found.viable[c.targets.0..c.targets.1].iter().filter(|v| v.alive);
            let Some(first) = alive.clone().next() else { continue };
            if c.span.start < end {
                continue;
            }
            end = c.span.end;
            let strong = alive.all(|v| v.entity == first.entity && !v.weak);
            let i = &self.info[first.entity];
            if !strong || !matches!(i.kind, EntityType::Place | EntityType::State) {
                continue;
            }
            let add = |set: &mut Vec<u32>, v: Option<u32>| {
                if let Some(v) = v.filter(|v| !set.contains(v)) {
                    set.push(v);
                }
            };
            add(&mut a.countries, i.country);
            if i.kind == EntityType::Place {
                add(&mut a.admin1, i.admin1);
                if !i.broad {
                    add(&mut a.admin1_specific, i.admin1);
                }
                add(&mut a.admin2, i.admin2);
                if let Some(p) = i
                    .point
                    .filter(|_| a.points.len() < MAX_POINTS && !seen.contains(&first.entity))
                {
                    seen.push(first.entity);
                    a.points.push(p);
                }
            }
        }
        a
    }

    /// The living entity that fits the article best, if any.
    fn choose(&self, targets: &[Viable], anchors: &Anchors) -> Option<Viable> {
        let alive = targets.iter().filter(|v| v.alive);
        let best = alive.clone().min_by_key(|v| self.info[v.entity].rank)?;
        if alive.clone().all(|v| v.entity == best.entity) {
            return Some(*best);
        }
        let by_place = self.info[best.entity].kind == EntityType::Place && !anchors.points.is_empty();
        alive
            .min_by_key(|v| {
                let i = &self.info[v.entity];
                let has = |set: &Vec<u32>, x: Option<u32>| x.is_some_and(|x| set.contains(&x));
                let fit = match () {
                    _ if has(&anchors.admin2, i.admin2) => 3,
                    _ if has(&anchors.admin1, i.admin1) => 2,
                    _ if has(&anchors.countries, i.country) => 1,
                    _ => 0,
                };
                let distance = match (by_place && i.kind == EntityType::Place, i.point) {
                    (true, Some(p)) => nearest_km(p, &anchors.points),
                    _ => u32::MAX,
                };
                (std::cmp::Reverse(fit), distance, i.rank)
            })
            .copied()
    }
}

/// Kilometres from `p` to the nearest of `points` (equirectangular; fine at these distances).
fn nearest_km(p: (f32, f32), points: &[(f32, f32)]) -> u32 {
    let km = |q: &(f32, f32)| {
        let x = (p.1 - q.1).to_radians() * ((p.0 + q.0) / 2.0).to_radians().cos();
        let y = (p.0 - q.0).to_radians();
        (6371.0 * (x * x + y * y).sqrt()) as u32
    };
    points.iter().map(km).min().unwrap_or(u32::MAX)
}
