//! The embedded gazetteers in a compact binary form, parsed and checked once at build time.
//!
//! `build.rs` parses `gazetteers/*.tsv` with this crate's own parser (so a bad row fails the
//! build with its `file:line`) and writes [`encode`]'s strings and records to `OUT_DIR`; the
//! binary embeds the strings with `include_str!` (so the compiler, not every start, checks them
//! as UTF-8: that check was 6.5 M instructions) and the records with `include_bytes!`, and loads
//! them with [`decode`], which reads lengths and borrows the strings from the binary
//! (`Cow::Borrowed`): it never splits, validates, folds or copies (copying the 2.2 MB of strings
//! into 210 k `String`s was 21 M instructions of the start-up). Parsing the 1.7 MB of TSV was
//! about half of the start-up (86 M instructions on the main thread and 66 M on a second one). A
//! gazetteer the user names is still parsed at run time, into owned strings.
//!
//! Invariant: `decode` of `encode(g)`'s strings and records equals `g`: entities, aliases and
//! ids, in the same order.
//!
//! Layout: the strings, one after another, entities' then aliases'; and the records,
//! little-endian: a magic tag, then two sections, the entities and the aliases, read on two
//! threads. A section is the byte length of its strings (a `u32`), then that of its records,
//! then the records: the count, then each entity (id, name, type, subtype, attributes as column
//! index and value, priority, origin) or alias (text, entity, folded, flags, line). In a record
//! a string is its byte length: the strings are read in the order they were written.

use std::borrow::Cow;

use super::{Alias, Entity, EntityType, Gazetteer, ATTRIBUTE_COLUMNS};

/// The first bytes of an encoded gazetteer's records (the last is the layout's version).
const MAGIC: &[u8; 4] = b"CXG\x03";

/// The strings and the records of `g` (see the module docs).
#[allow(dead_code)] // used by build.rs and the tests
pub(crate) fn encode(g: &Gazetteer) -> (String, Vec<u8>) {
    let (mut text, mut bytes) = (String::new(), MAGIC.to_vec());
    let mut entities = Writer::default();
    entities.int(g.entities.len());
    for e in &g.entities {
        entities.string(&e.id);
        entities.string(&e.name);
        entities.byte(EntityType::ALL.iter().position(|&k| k == e.kind).expect("a known type"));
        entities.string(&e.subtype);
        entities.byte(e.attributes.len());
        for (column, value) in &e.attributes {
            entities.byte(
                ATTRIBUTE_COLUMNS
                    .iter()
                    .position(|c| c == column)
                    .expect("a known column"),
            );
            entities.string(value);
        }
        entities.data.extend_from_slice(&e.priority.to_le_bytes());
        entities.string(&e.origin);
    }
    entities.end(&mut text, &mut bytes);
    let mut aliases = Writer::default();
    aliases.int(g.aliases.len());
    for a in &g.aliases {
        aliases.string(&a.text);
        aliases.int(a.entity);
        aliases.string(&a.folded);
        aliases.byte(usize::from(a.case_sensitive) | usize::from(a.shared) << 1 | usize::from(a.weak) << 2);
        aliases.int(a.line);
    }
    aliases.end(&mut text, &mut bytes);
    (text, bytes)
}

/// The gazetteer [`encode`] wrote into `text` and `bytes`, its strings borrowed from `text`:
/// entities and aliases on two threads when there are two cores. Panics on input it did not
/// write (it comes from the build, never from the user).
pub(crate) fn decode(text: &'static str, bytes: &'static [u8]) -> Gazetteer {
    let bytes = bytes.strip_prefix(MAGIC).expect("an encoded gazetteer");
    let (mut entities, rest, text) = Reader::section(bytes, text);
    let (mut aliases, rest, text) = Reader::section(rest, text);
    assert!(
        rest.is_empty() && text.is_empty(),
        "input left after an encoded gazetteer"
    );
    let (aliases, mut g) = crate::both(
        move || {
            let n = aliases.int();
            let mut all = Vec::with_capacity(n);
            for _ in 0..n {
                let text = aliases.string();
                let entity = aliases.int();
                let folded = aliases.string();
                let flags = aliases.byte();
                all.push(Alias {
                    text,
                    entity,
                    folded,
                    case_sensitive: flags & 1 != 0,
                    shared: flags & 2 != 0,
                    weak: flags & 4 != 0,
                    line: aliases.int(),
                });
            }
            aliases.end();
            all
        },
        move || {
            let r = &mut entities;
            let mut g = Gazetteer::default();
            let n = r.int();
            g.entities.reserve_exact(n);
            for _ in 0..n {
                let id = r.string();
                let name = r.string();
                let kind = EntityType::ALL[r.byte() as usize];
                let subtype = r.string();
                let attributes = (0..r.byte())
                    .map(|_| (ATTRIBUTE_COLUMNS[r.byte() as usize], r.string()))
                    .collect();
                let priority = i32::from_le_bytes(r.take(4).try_into().expect("4 bytes"));
                let origin = r.string();
                g.entities.push(Entity {
                    id,
                    name,
                    kind,
                    subtype,
                    attributes,
                    priority,
                    origin,
                });
            }
            r.end();
            g
        },
    );
    g.aliases = aliases;
    g.memo.resize_with(g.entities.len(), Default::default);
    g
}

/// One section being written: its records, and its strings apart.
#[derive(Default)]
struct Writer {
    data: Vec<u8>,
    text: String,
}

impl Writer {
    fn int(&mut self, n: usize) {
        self.data
            .extend_from_slice(&u32::try_from(n).expect("fits 32 bits").to_le_bytes());
    }

    fn byte(&mut self, n: usize) {
        self.data.push(u8::try_from(n).expect("fits 8 bits"));
    }

    /// A string: its length among the records, its bytes among the strings.
    fn string(&mut self, s: &str) {
        self.int(s.len());
        self.text.push_str(s);
    }

    /// Appends the section: its strings to `text`; the strings' length, the records' length and
    /// the records to `out`.
    fn end(self, text: &mut String, out: &mut Vec<u8>) {
        text.push_str(&self.text);
        for n in [self.text.len(), self.data.len()] {
            out.extend_from_slice(&u32::try_from(n).expect("fits 32 bits").to_le_bytes());
        }
        out.extend_from_slice(&self.data);
    }
}

/// The unread rest of one section: its records, and its strings.
struct Reader<'a> {
    data: &'a [u8],
    text: &'a str,
}

impl<'a> Reader<'a> {
    /// The section at the start of `bytes` with its strings at the start of `text`, and the
    /// bytes and strings after it.
    fn section(bytes: &'a [u8], text: &'a str) -> (Reader<'a>, &'a [u8], &'a str) {
        let mut r = Reader { data: bytes, text: "" };
        let (strings, records) = (r.int(), r.int());
        let (text, rest_text) = text.split_at(strings);
        let data = r.take(records);
        let rest = r.data;
        (Reader { data, text }, rest, rest_text)
    }

    /// Checks that the section was read to its end.
    fn end(&self) {
        assert!(
            self.data.is_empty() && self.text.is_empty(),
            "a section read to its end"
        );
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }

    fn byte(&mut self) -> u8 {
        self.take(1)[0]
    }

    fn int(&mut self) -> usize {
        u32::from_le_bytes(self.take(4).try_into().expect("4 bytes")) as usize
    }

    fn string(&mut self) -> Cow<'a, str> {
        let n = self.int();
        let (head, rest) = self.text.split_at(n);
        self.text = rest;
        Cow::Borrowed(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `encode`'s output for the life of the test process, as `decode` borrows its strings.
    fn leaked((text, bytes): (String, Vec<u8>)) -> (&'static str, &'static [u8]) {
        (text.leak(), bytes.leak())
    }

    #[test]
    fn the_build_s_embedded_gazetteer_is_the_parsed_one() {
        let parsed = Gazetteer::parse_embedded().unwrap();
        let loaded = Gazetteer::embedded();
        assert!(parsed.entities().len() > 10_000);
        assert_eq!(loaded.entities(), parsed.entities());
        assert_eq!(loaded.aliases(), parsed.aliases());
        assert_eq!(loaded.ids(), parsed.ids());
    }

    #[test]
    fn decode_reverses_encode_flags_attributes_and_all() {
        let mut g = Gazetteer::default();
        g.add_file(
            "t.tsv",
            "id\tname\ttype\taliases\tlat\tpriority\tperiod\n\
             a\tAbc\tplace\t~?=Abd|Ḩamāh\t35.5\t-3\t2012-2014\nb\tB (x)\tstate\t=Bb|Bbb\t\t7\t\n",
        )
        .unwrap();
        let (text, bytes) = leaked(encode(&g));
        let back = decode(text, bytes);
        assert_eq!(back.entities(), g.entities());
        assert_eq!(back.aliases(), g.aliases());
        assert_eq!((back.find("b"), back.find("c")), (Some(1), None));
        let flags: Vec<_> = back
            .aliases()
            .iter()
            .map(|a| (a.case_sensitive, a.shared, a.weak))
            .collect();
        assert_eq!(flags[0], (true, true, true));
        assert_eq!(back.entity(0).priority, -3);
    }

    #[test]
    fn a_decoded_gazetteer_finds_its_ids_on_demand_and_refuses_them_again() {
        let mut g = Gazetteer::default();
        g.add_file("t.tsv", "id\tname\ttype\taliases\na\tAbc\tplace\t\nb\tBcd\tstate\t\n")
            .unwrap();
        let (text, bytes) = leaked(encode(&g));
        let mut back = decode(text, bytes);
        // An added file sees the decoded ids: a duplicate is refused and leaves no trace.
        let dup = back.add_file("u.tsv", "id\tname\ttype\taliases\nc\tCde\tplace\t\nb\tX\tstate\t\n");
        assert!(dup.unwrap_err().to_string().contains("duplicate id \"b\""));
        assert_eq!(
            (back.find("a"), back.find("b"), back.find("c")),
            (Some(0), Some(1), None)
        );
        back.add_file("v.tsv", "id\tname\ttype\taliases\nc\tCde\tplace\t\n")
            .unwrap();
        assert_eq!((back.find("c"), back.entities().len()), (Some(2), 3));
    }
}
