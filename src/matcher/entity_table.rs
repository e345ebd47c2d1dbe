//! What the matcher's resolution ([`super::context`]) needs of each entity that takes work to
//! find: its rank (priority descending, then id), its `admin1`, `admin2` and `country` interned
//! as integers, its coordinates, whether it is a broad place and whether it has a `period`.
//! Sorting the ids, hashing the names and parsing the coordinates of 12 K entities was 23 M
//! instructions of every start. For the embedded gazetteers `build.rs` makes the table when the
//! crate is built and the binary loads it with plain copies ([`EntityTable::embedded`]); a
//! gazetteer the user changes gets its table at run time ([`EntityTable::new`]).
//!
//! Invariants: a table has a row per entity, in entity order; names are interned by first use
//! (entity order, then `admin1`, `admin2`, `country`), so the table is the same whichever way
//! it is made (tested).
//!
//! Layout: as [`super::patterns`]: the row count, then per row the rank, the three names
//! (`u32::MAX` for none), the flags (point, broad, dated) and the coordinates' `f32` bits.

use super::patterns::{le32, Reader, Writer};
use crate::gazetteer::{Entity, EntityId, Gazetteer};
use foldhash::fast::FixedState;
use std::collections::HashMap;

/// One entity's row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Row {
    /// Position in the order (priority descending, id ascending): lower is preferred.
    pub rank: u32,
    /// Interned `admin1`, `admin2` and `country` values.
    pub admin1: Option<u32>,
    pub admin2: Option<u32>,
    pub country: Option<u32>,
    /// `lat` and `lon`, when both parse.
    pub point: Option<(f32, f32)>,
    /// A governorate, region or city (see `context::Info::broad`).
    pub broad: bool,
    /// Has a `period` attribute.
    pub dated: bool,
}

/// A row per entity.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct EntityTable(pub Vec<Row>);

/// The first bytes of an encoded table (the last is the layout's version).
const MAGIC: &[u8; 4] = b"CXE\x01";

impl EntityTable {
    /// The table of the embedded gazetteers, made by the build.
    pub fn embedded() -> EntityTable {
        EntityTable::decode(crate::EMBEDDED_ENTITIES)
    }

    /// The table of `gazetteer`.
    pub fn new<'g>(gazetteer: &'g Gazetteer) -> EntityTable {
        let all = gazetteer.entities();
        let mut order: Vec<EntityId> = (0..all.len()).collect();
        order.sort_by(|&a, &b| {
            all[b]
                .priority
                .cmp(&all[a].priority)
                .then_with(|| all[a].id.cmp(&all[b].id))
        });
        let mut rank = vec![0; all.len()];
        for (r, &e) in order.iter().enumerate() {
            rank[e] = r as u32;
        }
        // Interned by first use, so the map's order does not matter.
        let mut names: HashMap<(&str, &str), u32, FixedState> = HashMap::default();
        let mut intern = |e: &'g Entity, column: &'static str| {
            let v = e.attribute(column)?;
            let next = names.len() as u32;
            Some(*names.entry((column, v)).or_insert(next))
        };
        let rows = all
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let num = |c: &str| e.attribute(c).and_then(|v| v.parse::<f32>().ok());
                Row {
                    rank: rank[i],
                    admin1: intern(e, "admin1"),
                    admin2: intern(e, "admin2"),
                    country: intern(e, "country"),
                    point: num("lat").zip(num("lon")),
                    broad: matches!(
                        &*e.subtype,
                        "governorate" | "region" | "country_region" | "city" | "capital"
                    ),
                    dated: e.attribute("period").is_some(),
                }
            })
            .collect();
        EntityTable(rows)
    }

    /// The table as bytes (see the module docs).
    #[allow(dead_code)] // used by build.rs and the tests
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(MAGIC.to_vec());
        w.len(self.0.len());
        let name = |n: Option<u32>| n.unwrap_or(u32::MAX);
        for r in &self.0 {
            w.u32(r.rank);
            w.u32(name(r.admin1));
            w.u32(name(r.admin2));
            w.u32(name(r.country));
            let flags = [r.point.is_some(), r.broad, r.dated];
            w.u32(flags.iter().enumerate().map(|(i, &f)| u32::from(f) << i).sum());
            let (lat, lon) = r.point.unwrap_or_default();
            w.u32(lat.to_bits());
            w.u32(lon.to_bits());
        }
        w.0
    }

    /// The table [`EntityTable::encode`] wrote into `bytes`. Panics on bytes it did not
    /// write (they come from the build, never from the user).
    pub fn decode(bytes: &[u8]) -> EntityTable {
        let mut r = Reader(bytes.strip_prefix(MAGIC).expect("an encoded entity table"));
        let name = |n: u32| (n != u32::MAX).then_some(n);
        let n = r.len();
        // Seven `u32`s a row, read as one record each.
        let rows = r
            .records::<28>(n)
            .map(|row| {
                let at = |k: usize| le32(&row, 4 * k);
                let rank = at(0);
                let (admin1, admin2, country) = (name(at(1)), name(at(2)), name(at(3)));
                let flags = at(4);
                let point = (f32::from_bits(at(5)), f32::from_bits(at(6)));
                Row {
                    rank,
                    admin1,
                    admin2,
                    country,
                    point: (flags & 1 != 0).then_some(point),
                    broad: flags & 2 != 0,
                    dated: flags & 4 != 0,
                }
            })
            .collect();
        assert!(r.0.is_empty(), "bytes left after an encoded entity table");
        EntityTable(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table the build embedded is, byte for byte, the one made at run time from the
    /// embedded gazetteers, and loading it gives it back.
    #[test]
    fn the_embedded_table_is_the_one_made_at_run_time() {
        let gazetteer = Gazetteer::embedded();
        let made = EntityTable::new(&gazetteer);
        assert_eq!(made.0.len(), gazetteer.entities().len());
        let bytes = made.encode();
        assert!(bytes == crate::EMBEDDED_ENTITIES, "the embedded table differs");
        assert!(EntityTable::embedded() == made, "decode loses something");
        // Not an empty-handed comparison: points, names, broad and dated places are there.
        let count = |f: fn(&Row) -> bool| made.0.iter().filter(|r| f(r)).count();
        assert!(count(|r| r.point.is_some()) > 10_000);
        assert!(count(|r| r.admin2.is_some()) > 10_000);
        assert!(count(|r| r.broad) > 10);
        assert!(count(|r| r.dated) >= 2);
    }
}
