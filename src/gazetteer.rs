//! Gazetteers: the entities claimex knows, loaded from TSV.
//!
//! A gazetteer file is UTF-8 TSV with a header row naming its columns (see
//! `gazetteers/README.md`); `#` lines and blank lines are skipped. Required columns: `id`,
//! `name`, `type`, `aliases`; optional: `subtype`, `country`, `admin1`, `admin2`, `lat`, `lon`,
//! `geonames`, `pcode`, `affiliation`, `period`, `priority`. Aliases are `|`-separated; a
//! leading `=` makes an alias case-sensitive (an alias without lower-case letters, like `HTS`,
//! is case-sensitive anyway); a leading `?` marks an alias shared with another entity on
//! purpose; a leading `~` marks a weak alias, a name that needs evidence in the text before it
//! counts (the matcher decides what evidence is). The markers combine in any order (`?~=Harem`).
//! The canonical name is an alias too, unless it ends with a bracketed qualifier
//! ("National Guard (Sweida)"), which marks it as ambiguous without one.
//!
//! The library never reads files: callers pass each file's name and content, and errors name
//! `file:line`. [`Gazetteer::embedded`] gives the default set compiled into the binary (parsed
//! at build time into the compact form of `src/gazetteer_compact.rs`).
//!
//! Invariants: entity ids are unique; entities are kept in load order and addressed by their
//! index ([`EntityId`]); every alias folds (see [`crate::fold`]) to at least one word, and a
//! case-insensitive alias to at least three characters.

#[path = "gazetteer_compact.rs"]
pub(crate) mod compact;

use crate::fold::fold_str;
use foldhash::fast::FixedState;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// Index of an entity in its [`Gazetteer`].
pub type EntityId = usize;

/// The kinds of entity a gazetteer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    /// Governorates, districts, towns, regions, crossings, bases.
    Place,
    /// Armed groups, forces and coalitions, including generic collectives ("rebels").
    ArmedGroup,
    /// States and governments as actors (and countries as places).
    State,
    /// Monitors, NGOs, UN bodies, research groups.
    Organization,
    /// News media: agencies, broadcasters, state media.
    Media,
    /// Named people.
    Person,
    /// Communities: Druze, Kurds, Alawites...
    Community,
    /// Nationalities, named by their demonyms ("Syrian", "Lebanese"); `country` holds the ISO code.
    /// Never a place: they have no coordinates.
    Nationality,
}

impl EntityType {
    /// All types, in the order used for output.
    pub const ALL: [EntityType; 8] = [
        EntityType::Place,
        EntityType::ArmedGroup,
        EntityType::State,
        EntityType::Organization,
        EntityType::Media,
        EntityType::Person,
        EntityType::Community,
        EntityType::Nationality,
    ];

    /// The name used in TSV files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Place => "place",
            EntityType::ArmedGroup => "armed_group",
            EntityType::State => "state",
            EntityType::Organization => "organization",
            EntityType::Media => "media",
            EntityType::Person => "person",
            EntityType::Community => "community",
            EntityType::Nationality => "nationality",
        }
    }

    fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One gazetteer entry. Its strings (here and in [`Alias`]) are borrowed from the binary for the
/// embedded gazetteers and owned for a file parsed at run time.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable identifier, unique across all loaded files.
    pub id: Cow<'static, str>,
    /// Canonical name.
    pub name: Cow<'static, str>,
    /// What kind of thing it is.
    pub kind: EntityType,
    /// Finer kind: `governorate`, `town`, `monitor`, `state_media`, `rebel`... (may be empty).
    pub subtype: Cow<'static, str>,
    /// Optional attributes, as `(column, value)` pairs in column order; `lat`/`lon` are
    /// validated numbers, `priority` is not included.
    pub attributes: Vec<(&'static str, Cow<'static, str>)>,
    /// Preference when two entities share an alias: higher wins.
    pub priority: i32,
    /// Where the entity was defined, `file:line`.
    pub origin: Cow<'static, str>,
}

impl Entity {
    /// The value of an optional attribute column, if set.
    pub fn attribute(&self, column: &str) -> Option<&str> {
        self.attributes.iter().find(|(c, _)| *c == column).map(|(_, v)| &**v)
    }
}

/// One name an entity can be mentioned by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written in the file, without its markers.
    pub text: Cow<'static, str>,
    /// The entity it names.
    pub entity: EntityId,
    /// The alias folded for matching, wrapped in spaces (see [`crate::fold`]).
    pub folded: Cow<'static, str>,
    /// Match case-sensitively.
    pub case_sensitive: bool,
    /// Marked as shared with other entities on purpose.
    pub shared: bool,
    /// Marked weak (`~`): a name that counts only with evidence (a place cue, Arabic script,
    /// a nearby place); see `gazetteers/README.md`.
    pub weak: bool,
    /// Line in the file, for lint messages.
    pub line: usize,
}

/// A set of entities and their aliases.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    /// Each entity by its id, made on first use ([`Gazetteer::ids`]): a run of the embedded
    /// gazetteers never looks an id up, and filling it was 24k `String` copies and inserts at
    /// every start. Once made, every change to `entities` keeps it equal. Never iterated: its
    /// order does not matter.
    ids: OnceLock<HashMap<String, EntityId, FixedState>>,
    /// Each entity's pieces of JSON for the output stage ([`MEMOS`] of them: its head, its
    /// mentions' prefix), each made on first use ([`Gazetteer::memo`]): the same bytes for every
    /// article, so written once per run instead of once per article or mention.
    memo: Vec<[OnceLock<Box<[u8]>>; MEMOS]>,
    /// Exactly the embedded gazetteers: made by [`Gazetteer::embedded`], cleared by any file
    /// added. The matcher then loads the patterns the build compiled for them.
    embedded: bool,
}

/// The optional attribute columns, in output order.
pub const ATTRIBUTE_COLUMNS: [&str; 9] = [
    "country",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "geonames",
    "pcode",
    "affiliation",
    "period",
];
/// The most aliases a gazetteer may hold in all (about 16.7 million): the matcher keeps where a
/// pattern's targets start in 24 bits. A file that goes past it is refused at the line that does.
pub const MAX_ALIASES: usize = (1 << 24) - 1;

/// How many pieces of bytes [`Gazetteer::memo`] keeps per entity.
pub(crate) const MEMOS: usize = 2;

const REQUIRED_COLUMNS: [&str; 4] = ["id", "name", "type", "aliases"];
const OTHER_COLUMNS: [&str; 2] = ["subtype", "priority"];
/// How many columns a header may name.
const KNOWN: usize = REQUIRED_COLUMNS.len() + OTHER_COLUMNS.len() + ATTRIBUTE_COLUMNS.len();
/// Every column a header may name, in the order that [`ID`] to [`PRIORITY`] and `ATTRIBUTES + i`
/// index: the required ones, the others, then the attributes.
fn known() -> impl Iterator<Item = &'static str> + Clone {
    REQUIRED_COLUMNS
        .iter()
        .chain(&OTHER_COLUMNS)
        .chain(&ATTRIBUTE_COLUMNS)
        .copied()
}
const ID: usize = 0;
const NAME: usize = 1;
const TYPE: usize = 2;
const ALIASES: usize = 3;
const SUBTYPE: usize = 4;
const PRIORITY: usize = 5;
const ATTRIBUTES: usize = 6;

/// A file's header: how many cells its rows have, and the cell of each known column it names
/// (indexed as [`known`]), so a row's value is one array look-up away.
struct Header {
    cells: usize,
    at: [Option<usize>; KNOWN],
}

/// A file at least this long is parsed in two halves, on two threads if there are two cores (of
/// the embedded files, the places).
const CUT_MIN: usize = 256 * 1024;

/// The gazetteer files compiled into the binary.
const EMBEDDED: &[(&str, &str)] = &[
    ("places.tsv", include_str!("../gazetteers/places.tsv")),
    ("states.tsv", include_str!("../gazetteers/states.tsv")),
    ("armed_groups.tsv", include_str!("../gazetteers/armed_groups.tsv")),
    ("organizations.tsv", include_str!("../gazetteers/organizations.tsv")),
    ("media.tsv", include_str!("../gazetteers/media.tsv")),
    ("persons.tsv", include_str!("../gazetteers/persons.tsv")),
    ("communities.tsv", include_str!("../gazetteers/communities.tsv")),
    ("nationalities.tsv", include_str!("../gazetteers/nationalities.tsv")),
];

/// A malformed gazetteer row or header.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GazetteerError {
    /// The file's name as given by the caller.
    pub file: String,
    /// One-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Gazetteer {
    /// The default gazetteers, embedded in the binary: parsed and checked by the build
    /// (`build.rs`), loaded here from their compact form (`src/gazetteer_compact.rs`).
    pub fn embedded() -> Gazetteer {
        Gazetteer {
            embedded: true,
            ..compact::decode(crate::EMBEDDED_GAZETTEER.0, crate::EMBEDDED_GAZETTEER.1)
        }
    }

    /// Whether this is exactly [`Gazetteer::embedded`], with no file added.
    pub(crate) fn is_embedded(&self) -> bool {
        self.embedded
    }

    /// The default gazetteers parsed from their TSV files, as the build does: what
    /// [`Gazetteer::embedded`] loads.
    pub fn parse_embedded() -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer::default();
        for (name, content) in EMBEDDED {
            g.add_file(name, content)?;
        }
        Ok(g)
    }

    /// Parses one TSV file and adds its entities. On error nothing from this file is added.
    /// A long file (the embedded places) is parsed in two halves, on two threads when there
    /// are two cores, with the result and errors of one pass.
    pub fn add_file(&mut self, file: &str, content: &str) -> Result<(), GazetteerError> {
        self.add(file, content, content.len() >= CUT_MIN)
    }

    fn add(&mut self, file: &str, content: &str, cut: bool) -> Result<(), GazetteerError> {
        self.embedded = false;
        let (entities, aliases) = (self.entities.len(), self.aliases.len());
        let result = self.parse(file, content, cut);
        if result.is_err() {
            // Not made yet: nothing to undo there.
            if let Some(ids) = self.ids.get_mut() {
                for e in &self.entities[entities..] {
                    ids.remove(&*e.id);
                }
            }
            self.entities.truncate(entities);
            self.aliases.truncate(aliases);
        }
        self.memo.resize_with(self.entities.len(), Default::default);
        result
    }

    /// The bytes `make` gives for entity `id` in memo `slot` (below [`MEMOS`]), made on the
    /// first call for that entity and slot and kept (the output stage's JSON of the entity; any
    /// thread may make them, all get the first).
    pub(crate) fn memo(&self, id: EntityId, slot: usize, make: impl FnOnce(&Entity) -> Vec<u8>) -> &[u8] {
        self.memo[id][slot].get_or_init(|| make(&self.entities[id]).into_boxed_slice())
    }

    /// All entities, in load order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// All aliases, canonical names included.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// The entity with this index.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }

    /// Looks an entity up by its string id.
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.ids().get(id).copied()
    }

    /// Each entity by its id, made from the entities on first use.
    fn ids(&self) -> &HashMap<String, EntityId, FixedState> {
        self.ids.get_or_init(|| {
            (self.entities.iter().enumerate())
                .map(|(i, e)| (String::from(&*e.id), i))
                .collect()
        })
    }

    /// [`Gazetteer::ids`], to change along with the entities.
    fn ids_mut(&mut self) -> &mut HashMap<String, EntityId, FixedState> {
        self.ids();
        self.ids.get_mut().expect("made by ids()")
    }

    /// Parses `content`; with `cut`, the second half of its rows apart, on a second thread if
    /// there are two cores (the result, errors included, is that of one pass).
    fn parse(&mut self, file: &str, content: &str, cut: bool) -> Result<(), GazetteerError> {
        let err = |line: usize, message: String| GazetteerError {
            file: file.to_string(),
            line,
            message,
        };
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let Some((line, body, raw)) = rows(content, 1).next() else {
            return Err(err(
                1,
                "no header row (expected columns id, name, type, aliases, ...)".into(),
            ));
        };
        let cells: Vec<&str> = split_at_byte(raw, b'\t').collect();
        let columns = parse_header(&cells).map_err(|m| err(line, m))?;
        let body = &content[body..];
        if !cut {
            return self.add_rows(file, &columns, body, line + 1, None);
        }
        // Cut after the line break nearest the middle, so each half holds whole lines.
        let bytes = body.as_bytes();
        let at = memchr::memchr(b'\n', &bytes[bytes.len() / 2..]).map_or(bytes.len(), |i| bytes.len() / 2 + i + 1);
        let (head, tail) = body.split_at(at);
        let tail_line = line + 1 + memchr::memchr_iter(b'\n', head.as_bytes()).count();
        let ((rest, tail_result), head_result) = crate::both(
            || {
                let (mut g, mut lines) = (Gazetteer::default(), Vec::new());
                let result = g.add_rows(file, &columns, tail, tail_line, Some(&mut lines));
                ((g, lines), result)
            },
            || self.add_rows(file, &columns, head, line + 1, None),
        );
        head_result?;
        let (mut rest, lines) = rest;
        // The tail's rows came after the head's: an id they repeat is a duplicate there, and
        // reported before any error further down the tail.
        for (e, &line) in rest.entities.iter().zip(&lines) {
            if let Some(message) = self.duplicate(&e.id) {
                return Err(err(line, message));
            }
        }
        let offset = self.entities.len();
        // `ids` is never iterated: the order it is filled in does not matter.
        let rest_ids = std::mem::take(rest.ids_mut());
        self.ids_mut()
            .extend(rest_ids.into_iter().map(|(id, e)| (id, e + offset)));
        self.aliases.extend(rest.aliases.into_iter().map(|a| Alias {
            entity: a.entity + offset,
            ..a
        }));
        self.entities.extend(rest.entities);
        tail_result
    }

    /// Adds the rows of `text`, whose first line is line `first` of `file`; with `entity_lines`, pushes
    /// the line of each entity added there.
    fn add_rows(
        &mut self,
        file: &str,
        columns: &Header,
        text: &str,
        first: usize,
        mut entity_lines: Option<&mut Vec<usize>>,
    ) -> Result<(), GazetteerError> {
        // One entity a line, about four aliases an entity: reserved up front, not regrown.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        self.entities.reserve(lines);
        self.aliases.reserve(4 * lines);
        self.ids_mut().reserve(lines);
        let mut cells: Vec<&str> = Vec::new();
        for (line, _, raw) in rows(text, first) {
            let err = |message: String| GazetteerError {
                file: file.to_string(),
                line,
                message,
            };
            cells.clear();
            cells.extend(split_at_byte(raw, b'\t'));
            if cells.len() != columns.cells {
                return Err(err(format!(
                    "expected {} tab-separated cells, found {}",
                    columns.cells,
                    cells.len()
                )));
            }
            self.add_row(file, line, columns, &cells).map_err(err)?;
            if let Some(lines) = entity_lines.as_deref_mut() {
                lines.push(line);
            }
        }
        Ok(())
    }

    /// The error for an entity with `id` when one is already defined.
    fn duplicate(&self, id: &str) -> Option<String> {
        let &other = self.ids().get(id)?;
        Some(format!(
            "duplicate id {id:?} (first defined at {})",
            self.entities[other].origin
        ))
    }

    /// Adds one row: `cells`, laid out as `columns` says.
    fn add_row(&mut self, file: &str, line: usize, columns: &Header, cells: &[&str]) -> Result<(), String> {
        let get = |k: usize| columns.at[k].map_or("", |i| trim(cells[i]));
        let id = get(ID);
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.:-".contains(&b))
        {
            return Err(format!(
                "id {id:?} must be non-empty lower-case ASCII letters, digits or _ . : -"
            ));
        }
        if let Some(message) = self.duplicate(id) {
            return Err(message);
        }
        let name = get(NAME);
        if name.is_empty() {
            return Err(format!("entity {id:?} has an empty name"));
        }
        let kind = EntityType::parse(get(TYPE)).ok_or_else(|| {
            let all: Vec<_> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
            format!("type {:?} is not one of {}", get(TYPE), all.join(", "))
        })?;
        let priority = match get(PRIORITY) {
            "" => 0,
            p => p.parse().map_err(|_| format!("priority {p:?} is not an integer"))?,
        };
        let set = |i: &usize| !get(ATTRIBUTES + i).is_empty();
        let mut attributes = Vec::with_capacity((0..ATTRIBUTE_COLUMNS.len()).filter(set).count());
        for (i, column) in ATTRIBUTE_COLUMNS.into_iter().enumerate() {
            let value = get(ATTRIBUTES + i);
            if value.is_empty() {
                continue;
            }
            if let Some(range) = match column {
                "lat" => Some(-90.0..=90.0),
                "lon" => Some(-180.0..=180.0),
                _ => None,
            } {
                let v: f64 = value
                    .parse()
                    .map_err(|_| format!("{column} {value:?} is not a number"))?;
                if !range.contains(&v) {
                    return Err(format!("{column} {value} is out of range"));
                }
            }
            attributes.push((column, value.to_string().into()));
        }
        let entity = self.entities.len();
        let first = self.aliases.len();
        // A name with a bracketed qualifier ("National Guard (Sweida)") is ambiguous without it, so it
        // is not an implicit alias: its explicit aliases say how the text names it.
        let qualified = name.ends_with(')') && name.contains(" (");
        let aliases = get(ALIASES);
        // Explicit aliases first, so their markers win over the implicit alias of the name.
        let explicit = split_at_byte(aliases, b'|').filter(|_| !aliases.is_empty());
        let names = explicit.chain(Some(name).filter(|_| !qualified));
        for raw in names {
            if let Some(alias) = parse_alias(trim(raw), entity, line, &self.aliases[first..])? {
                self.aliases.push(alias);
            }
        }
        if self.aliases.len() > MAX_ALIASES {
            return Err(format!(
                "more than {MAX_ALIASES} aliases in all, the most the matcher indexes"
            ));
        }
        self.ids_mut().insert(id.to_string(), entity);
        self.entities.push(Entity {
            id: id.to_string().into(),
            name: name.to_string().into(),
            kind,
            subtype: get(SUBTYPE).to_string().into(),
            attributes,
            priority,
            origin: origin(file, line).into(),
        });
        Ok(())
    }
}

/// The rows of `text`, whose first line is line `first`: `(line, end, row)` for each line that is
/// not blank or a comment, `end` the byte after its line break. Lines end as in `str::lines`,
/// and one more `\r` is dropped.
fn rows(text: &str, first: usize) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut end = 0;
    text.split_inclusive('\n').enumerate().filter_map(move |(i, piece)| {
        end += piece.len();
        let raw = match piece.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => piece,
        };
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        (!trim(raw).is_empty() && !raw.starts_with('#')).then_some((first + i, end, raw))
    })
}

/// `s` without leading and trailing whitespace, as `str::trim`: a cell that starts and ends
/// with a visible ASCII byte (nearly all) is returned without decoding its ends.
fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// `file:line`, built in one allocation.
fn origin(file: &str, line: usize) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(file.len() + 21);
    s.push_str(file);
    write!(s, ":{line}").expect("writing to a String cannot fail");
    s
}

/// `s` split at every `sep`, an ASCII byte, as `str::split` would, with `memchr`'s searcher
/// (a plain byte loop cost 20 M instructions of the start-up on the embedded rows).
fn split_at_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut from = 0;
    memchr::memchr_iter(sep, s.as_bytes())
        .chain(Some(s.len()))
        .map(move |end| {
            let cell = &s[from..end];
            from = end + 1;
            cell
        })
}

fn parse_header(cells: &[&str]) -> Result<Header, String> {
    let mut columns = Vec::new();
    for cell in cells {
        let c = known()
            .find(|k| *k == cell.trim())
            .ok_or_else(|| format!("unknown column {cell:?}"))?;
        if columns.contains(&c) {
            return Err(format!("column {c:?} appears twice"));
        }
        columns.push(c);
    }
    for required in REQUIRED_COLUMNS {
        if !columns.contains(&required) {
            return Err(format!("header lacks the required column {required:?}"));
        }
    }
    let names: Vec<&str> = known().collect();
    Ok(Header {
        cells: columns.len(),
        at: std::array::from_fn(|k| columns.iter().position(|c| *c == names[k])),
    })
}

/// Parses one alias; None when it repeats the text of one in `earlier` (whose fold it reuses for
/// the same checks).
fn parse_alias(raw: &str, entity: EntityId, line: usize, earlier: &[Alias]) -> Result<Option<Alias>, String> {
    let (mut shared, mut marked, mut weak) = (false, false, false);
    let mut text = raw;
    loop {
        let flag = match text.chars().next() {
            Some('?') => &mut shared,
            Some('=') => &mut marked,
            Some('~') => &mut weak,
            _ => break,
        };
        if *flag {
            return Err(format!("alias {raw:?} repeats the marker {:?}", &text[..1]));
        }
        *flag = true;
        text = &text[1..];
    }
    if text.contains(['(', ')', '[', ']']) {
        return Err(format!(
            "alias {raw:?} contains a bracket; give the bracketed form as its own alias"
        ));
    }
    let repeat = earlier.iter().find(|a| a.text == text);
    let folded = match repeat {
        Some(a) => Cow::Borrowed(&*a.folded),
        None => Cow::Owned(fold_str(text)),
    };
    let words = folded.strip_prefix(' ').unwrap_or(&folded);
    let words = words.strip_suffix(' ').unwrap_or(words);
    if words.is_empty() {
        return Err(format!("alias {raw:?} is empty or has no letters or digits"));
    }
    let case_sensitive = marked || !text.chars().any(char::is_lowercase);
    if !case_sensitive && words.chars().count() < 3 {
        return Err(format!(
            "alias {raw:?} is too short to match case-insensitively; mark it case-sensitive with a leading '='"
        ));
    }
    if repeat.is_some() {
        return Ok(None);
    }
    Ok(Some(Alias {
        text: text.to_string().into(),
        folded: folded.into_owned().into(),
        entity,
        case_sensitive,
        shared,
        weak,
        line,
    }))
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tname\ttype\tsubtype\taliases\tlat\tlon\n";

    fn load(rows: &str) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer::default();
        g.add_file("test.tsv", &format!("{HEADER}{rows}"))?;
        Ok(g)
    }

    /// Only the embedded gazetteers as loaded count as embedded (the matcher loads the
    /// patterns the build made for them): not after a file is added, even one that fails.
    #[test]
    fn a_file_added_makes_the_gazetteer_no_longer_the_embedded_one() {
        assert!(Gazetteer::embedded().is_embedded());
        assert!(!Gazetteer::default().is_embedded());
        assert!(!Gazetteer::parse_embedded().unwrap().is_embedded());
        let mut g = Gazetteer::embedded();
        assert!(g.add_file("x.tsv", "id\tname\n").is_err());
        assert!(!g.is_embedded());
        let mut g = Gazetteer::embedded();
        g.add_file(
            "x.tsv",
            "id\tname\ttype\taliases\nwadi_x\tWadi Xanadu\tplace\tXanadu Valley\n",
        )
        .unwrap();
        assert!(!g.is_embedded() && g.clone().find("wadi_x").is_some());
    }

    #[test]
    fn parses_rows_aliases_and_markers() {
        let g = load(
            "# comment\nhts\tHay'at Tahrir al-Sham\tarmed_group\tjihadist\tHTS|=Tahrir|?Hayat Tahrir al-Sham\t\t\n",
        )
        .unwrap();
        let e = g.entity(g.find("hts").unwrap());
        assert_eq!(
            (&*e.name, e.kind, &*e.subtype, &*e.origin),
            (
                "Hay'at Tahrir al-Sham",
                EntityType::ArmedGroup,
                "jihadist",
                "test.tsv:3"
            )
        );
        let a: Vec<_> = g
            .aliases()
            .iter()
            .map(|a| (&*a.text, a.case_sensitive, a.shared))
            .collect();
        assert_eq!(
            a,
            [
                ("HTS", true, false),
                ("Tahrir", true, false),
                ("Hayat Tahrir al-Sham", false, true),
                ("Hay'at Tahrir al-Sham", false, false)
            ]
        );
    }

    #[test]
    fn weak_marker_combines_with_the_others_in_any_order() {
        let g = load(
            "x\tHarem\tplace\ttown\t~Harem|?~=Kafr|=~?Sarmin|~حارم|Harim\t\t\nn\tSyrians\tnationality\t\tSyrian\t\t\n",
        )
        .unwrap();
        let a: Vec<_> = g
            .aliases()
            .iter()
            .map(|a| (&*a.text, a.weak, a.shared, a.case_sensitive))
            .collect();
        assert_eq!(
            a,
            [
                ("Harem", true, false, false),
                ("Kafr", true, true, true),
                ("Sarmin", true, true, true),
                ("حارم", true, false, true),
                ("Harim", false, false, false),
                ("Syrian", false, false, false),
                ("Syrians", false, false, false),
            ]
        );
        assert_eq!(g.entity(1).kind, EntityType::Nationality);
        assert_eq!(g.entity(1).kind.as_str(), "nationality");
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        let cases = [
            ("x\tX\tplace\t\tXxx\t\t\nx\tY\tplace\t\tYyy\t\t\n", "test.tsv:3: duplicate id \"x\" (first defined at test.tsv:2)"),
            ("x\tX\tcity\t\tXxx\t\t\n", "test.tsv:2: type \"city\" is not one of place, armed_group, state, organization, media, person, community, nationality"),
            ("x\tXyz\tplace\t\t~?~Harem\t\t\n", "test.tsv:2: alias \"~?~Harem\" repeats the marker \"~\""),
            ("x\tX\tplace\t\tXxx\t91\t\n", "test.tsv:2: lat 91 is out of range"),
            ("x\tX\tplace\t\tXxx\tnorth\t\n", "test.tsv:2: lat \"north\" is not a number"),
            ("x\tXyz\tplace\t\tal\t\t\n", "test.tsv:2: alias \"al\" is too short to match case-insensitively; mark it case-sensitive with a leading '='"),
            // A repeated alias is checked as the first one was.
            ("x\tXyz\tplace\t\t=Ab|Ab\t\t\n", "test.tsv:2: alias \"Ab\" is too short to match case-insensitively; mark it case-sensitive with a leading '='"),
            ("x\tXyz\tplace\t\tAbc|~~Abc\t\t\n", "test.tsv:2: alias \"~~Abc\" repeats the marker \"~\""),
            ("x\tXyz\tplace\t\tAbc||Def\t\t\n", "test.tsv:2: alias \"\" is empty or has no letters or digits"),
            ("x\tXyz\tplace\n", "test.tsv:2: expected 7 tab-separated cells, found 3"),
            ("x\tXyz\tplace\t\tHTS (Tahrir)\t\t\n", "test.tsv:2: alias \"HTS (Tahrir)\" contains a bracket; give the bracketed form as its own alias"),
            ("X\tXyz\tplace\t\t\t\t\n", "test.tsv:2: id \"X\" must be non-empty lower-case ASCII letters, digits or _ . : -"),
        ];
        for (rows, want) in cases {
            assert_eq!(load(rows).unwrap_err().to_string(), want);
        }
        let mut g = Gazetteer::default();
        assert_eq!(
            g.add_file("h.tsv", "id\tname\tkind\n").unwrap_err().to_string(),
            "h.tsv:1: unknown column \"kind\""
        );
        assert_eq!(
            g.add_file("h.tsv", "id\tname\ttype\n").unwrap_err().to_string(),
            "h.tsv:1: header lacks the required column \"aliases\""
        );
    }

    #[test]
    fn splits_at_a_byte_as_str_split() {
        for s in ["", "a", "\t", "a\tb", "\ta\t\tb\t", "Ḩamāh\tحلب|x", "||"] {
            for sep in [b'\t', b'|'] {
                let want: Vec<&str> = s.split(char::from(sep)).collect();
                assert_eq!(split_at_byte(s, sep).collect::<Vec<_>>(), want, "{s:?}");
            }
        }
    }

    #[test]
    fn trims_as_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}Xy\u{a0}",
            "Ḩamāh",
            "x\u{2003}",
            " \t ",
            "ab",
            "a b",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
        assert_eq!(origin("places.tsv", 10234), "places.tsv:10234");
    }

    #[test]
    fn the_column_slots_name_their_columns() {
        let known: Vec<&str> = known().collect();
        assert_eq!(known.len(), KNOWN);
        let slots = [(ID, "id"), (NAME, "name"), (TYPE, "type"), (ALIASES, "aliases")];
        for (slot, name) in slots.into_iter().chain([(SUBTYPE, "subtype"), (PRIORITY, "priority")]) {
            assert_eq!(known[slot], name);
        }
        assert_eq!(known[ATTRIBUTES..], ATTRIBUTE_COLUMNS);
        // Columns in any order: each value is read from its own cell.
        let mut g = Gazetteer::default();
        g.add_file(
            "o.tsv",
            "lat\taliases\ttype\tid\tname\tcountry\n35.5\tXyw\tplace\tx\tXyz\tSY\n",
        )
        .unwrap();
        let e = g.entity(0);
        assert_eq!((&*e.id, &*e.name, e.kind), ("x", "Xyz", EntityType::Place));
        assert_eq!((e.attribute("lat"), e.attribute("country")), (Some("35.5"), Some("SY")));
        assert_eq!(g.aliases().iter().map(|a| &*a.text).collect::<Vec<_>>(), ["Xyw", "Xyz"]);
    }

    /// A file long enough to be cut in two: `rows` rows of generated places, then `extra`.
    fn long_file(extra: &str) -> String {
        let mut text = String::from(HEADER);
        let mut i = 0;
        while text.len() < 2 * CUT_MIN {
            text.push_str(&format!(
                "p{i}\tPlace {i}\tplace\ttown\tAlias {i}|Ḩamāh {i}|=P{i}\t35.{i}\t36.5\n"
            ));
            if i % 1000 == 7 {
                text.push_str("# a comment\n\n");
            }
            i += 1;
        }
        text + extra
    }

    #[test]
    fn a_long_file_parses_in_two_halves_as_in_one_pass() {
        let parse = |text: &str, cut: bool| {
            let mut g = Gazetteer::default();
            g.add_file("o.tsv", "id\tname\ttype\taliases\no\tOther\tplace\tOtter\n")
                .unwrap();
            let result = g.add("l.tsv", text, cut);
            (result.map(|()| g.entities().len()), g)
        };
        let valid = long_file("");
        let (r1, g1) = parse(&valid, false);
        let (r2, g2) = parse(&valid, true);
        assert!(r1.as_ref().is_ok_and(|&n| n > 6000), "{r1:?}");
        assert_eq!(r1, r2);
        assert_eq!(g1.entities(), g2.entities());
        assert_eq!(g1.aliases(), g2.aliases());
        let last = g1.entities().len() - 1;
        assert_eq!(g2.find(&g1.entity(last).id), Some(last));
        assert_eq!(g2.find("p0"), Some(1));
        // Errors: in the tail, a duplicate of a head id comes before a bad row; a bad head row
        // comes before anything in the tail; a duplicate of an earlier file's id.
        let lines = valid.lines().count();
        for (extra, want) in [
            ("p1\tX\tplace\t\tXxx\t\t\nq\tX\tcity\t\tXxx\t\t\n", format!("l.tsv:{}: duplicate id \"p1\" (first defined at l.tsv:3)", lines + 1)),
            ("q\tX\tcity\t\tXxx\t\t\np1\tX\tplace\t\tXxx\t\t\n", format!("l.tsv:{}: type \"city\" is not one of place, armed_group, state, organization, media, person, community, nationality", lines + 1)),
            ("q\tX\tplace\t\tXxx\t\t\nq\tX\tplace\t\tXxx\t\t\n", format!("l.tsv:{}: duplicate id \"q\" (first defined at l.tsv:{})", lines + 2, lines + 1)),
            ("o\tX\tplace\t\tXxx\t\t\n", format!("l.tsv:{}: duplicate id \"o\" (first defined at o.tsv:2)", lines + 1)),
        ] {
            let text = long_file(extra);
            for cut in [false, true] {
                let (result, g) = parse(&text, cut);
                assert_eq!(result.unwrap_err().to_string(), want, "cut: {cut}");
                assert_eq!(g.entities().len(), 1);
                assert_eq!((g.aliases().len(), g.find("p1"), g.find("o")), (2, None, Some(0)));
            }
        }
        let bad_head = valid.replacen("p2\tPlace 2\tplace", "p2\tPlace 2\tcity", 1);
        let (_, g) = parse(&bad_head, true);
        let want = "l.tsv:4: type \"city\" is not one of place, armed_group, state, organization, media, person, community, nationality";
        assert_eq!(parse(&bad_head, true).0.unwrap_err().to_string(), want);
        assert_eq!(g.entities().len(), 1);
    }

    #[test]
    fn the_embedded_places_parse_alike_in_two_halves() {
        let (name, places) = EMBEDDED[0];
        assert!(places.len() >= CUT_MIN, "{name} is no longer cut in two");
        let [one, two] = [false, true].map(|cut| {
            let mut g = Gazetteer::default();
            g.add(name, places, cut).unwrap();
            g
        });
        assert_eq!(one.entities(), two.entities());
        assert_eq!(one.aliases(), two.aliases());
        assert!(one
            .entities()
            .iter()
            .enumerate()
            .all(|(i, e)| two.find(&e.id) == Some(i)));
    }

    #[test]
    fn a_bad_file_adds_nothing() {
        let mut g = load("a\tAaa\tplace\t\t\t\t\n").unwrap();
        assert!(g
            .add_file(
                "b.tsv",
                &format!("{HEADER}b\tBbb\tplace\t\t\t\t\nc\tCcc\tcity\t\t\t\t\n")
            )
            .is_err());
        assert_eq!(g.entities().len(), 1);
        assert_eq!(g.find("b"), None);
    }
}
