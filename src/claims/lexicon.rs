//! The claims lexicon: every word list the claim rules use, loaded from the TSV files in the
//! top-level `lexicon/` folder (embedded as the default; see `lexicon/README.md`).
//!
//! - `cues.tsv`: reporting cues, one row per form (form, lemma, stance, frame, classes);
//! - `words.tsv` and `nouns.tsv`: word forms with their [`Class`]es, one row per form;
//! - `participles.tsv`: ", saying ..." participles with their lemma (classes `participle`,
//!   `follow_up`, `relay`);
//! - `hedges.tsv`: hedge phrases (class `verification` for disclaimers);
//! - `boilerplate.tsv`: page furniture glued into sentences ("Tags ...", "Get short URL");
//! - `abbreviations.tsv`: abbreviations; the tokenizer keeps class `title` whole, and every
//!   class tells the sentence splitter whether the abbreviation can end a sentence
//!   ([`Lexicon::abbreviations`], see [`crate::segment`]).
//!
//! Opt-in profiles (`lexicon/extra/`, `lexicon/polnear/`) are embedded too ([`PROFILES`]) and
//! added by name (`--profile NAME`, [`Lexicon::add_profile`]).
//!
//! Invariants: a word's classes are the union of its rows in all files (a form has at most one
//! row per file); a later file may replace a cue row or extend a word's classes. Lookups are by
//! lower-case form and never allocate: one lookup in one table per token gives both its classes
//! and its cue. Every error names `file:line`.

use crate::byte_set::ByteSet;
use crate::segment::{Abbreviations, Ending};
use std::collections::HashMap as StdHashMap;
use std::fmt;
use std::sync::LazyLock;

macro_rules! enum_names {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        pub enum $name { $($(#[$vmeta])* $variant,)* }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The name used in data files and the JSON output.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
            /// The value named `s`.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use enum_names;

enum_names! {
    /// What a source does with its content: the cue's stance.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Stance {
        /// Says it is so.
        Assert = "assert",
        /// Blames someone.
        Accuse = "accuse",
        /// Holds it true.
        Believe = "believe",
        /// Admits it.
        Concede = "concede",
        /// Condemns it.
        Condemn = "condemn",
        /// Confirms it.
        Confirm = "confirm",
        /// Says it is not so.
        Deny = "deny",
        /// Characterises something ("portrayed X as Y").
        Describe = "describe",
        /// Gives a figure.
        Estimate = "estimate",
        /// Nobody is named, the text hedges it.
        Hedge = "hedge",
        /// Says it will happen.
        Predict = "predict",
        /// Hints at it.
        Suggest = "suggest",
        /// Threatens it.
        Threaten = "threaten",
        /// Urges it.
        Urge = "urge",
        /// Promises it.
        Vow = "vow",
        /// Warns of it.
        Warn = "warn",
        /// Evidence shows it ("Flight data show that ...").
        Evidence = "evidence",
        /// Wants, hopes or plans it.
        Intend = "intend",
        /// Asks or questions it.
        Question = "question",
        /// Criticises someone ("criticized X for Y").
        Criticize = "criticize",
        /// Praises someone.
        Praise = "praise",
    }
}

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
    /// SOURCE CUE the FIGURE-NOUN at N: "put the toll at 40" (the object needs a `figure` noun
    /// and "at").
    Figure,
    /// DOCUMENT CUE (:) CONTENT: "the statement reads" (the source's head needs a `document`
    /// noun).
    Written,
    /// DATA CUE (that) CONTENT: "the poll shows", "records show": the source's head needs a
    /// `data` noun, or "that" follows the cue ("a video showed a convoy" is no claim).
    Evidence,
}

enum_names! {
    /// A word class from `words.tsv`, `nouns.tsv` or `participles.tsv` (documented there).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Class {
        /// A past participle used as an adjective in names ("armed groups").
        AdjectiveEd = "adjective_ed",
        /// Opens an adjunct after a cue ("on", "via", "late").
        Adjunct = "adjunct",
        /// A determiner inside an adjunct ("in a statement", "on its channel").
        AdjunctDet = "adjunct_det",
        /// After "in"/"on"/"at", makes an adjunct rather than a name ("on Sunday").
        AdjunctNoun = "adjunct_noun",
        /// Points back in a denial ("denied the claim").
        Anaphoric = "anaphoric",
        /// A written thing that may "read" ("the statement reads").
        Document = "document",
        /// A count that a source may "put at" ("put the toll at 40").
        Figure = "figure",
        /// Data that may "show" ("the poll shows", "records show").
        Data = "data",
        /// "the NOUN" may refer to an armed group mention ("the group", "the militia").
        ArmedGroupNoun = "armed_group_noun",
        /// "the NOUN" may refer to an organization mention ("the monitor").
        OrganizationNoun = "organization_noun",
        /// "the NOUN" may refer to a media mention ("the agency", "the channel").
        MediaNoun = "media_noun",
        /// Stands for a speaker the article does not name.
        Anonymous = "anonymous",
        /// Its bare plural names nobody ("Monitors say", "reports said").
        AnonymousPlural = "anonymous_plural",
        /// May open an appositive.
        AppositiveOpener = "appositive_opener",
        /// the, a, an.
        Article = "article",
        /// An auxiliary or adverb between a source and its cue.
        Auxiliary = "auxiliary",
        /// A form of "be".
        Be = "be",
        /// Opens a clause.
        Clause = "clause",
        /// ", but ...".
        Contrast = "contrast",
        /// "the NOUN" is a source to resolve.
        Definite = "definite",
        /// May open a named source.
        Determiner = "determiner",
        /// A finite verb never inside a source's name.
        FiniteVerb = "finite_verb",
        /// ", PARTICIPLE that ..." after a claim is a second claim.
        FollowUp = "follow_up",
        /// Time words between a claim and ", adding that".
        FollowupGap = "followup_gap",
        /// Makes a source unnamed ("a source").
        Indefinite = "indefinite",
        /// "it" may refer to a source with this head.
        Institution = "institution",
        /// A determiner after it continues the noun phrase.
        Link = "link",
        /// Inside a name ("al", "bin").
        NameParticle = "name_particle",
        /// Names nobody ("no", "none").
        Negative = "negative",
        /// Ends a nominal claim's content.
        NominalStop = "nominal_stop",
        /// Cannot end a source noun phrase.
        NotHead = "not_head",
        /// Before a hedge, shows it modifies a verb.
        NotNoun = "not_noun",
        /// Cannot open a content.
        NotOpener = "not_opener",
        /// A cue after it is not speech yet ("to say", "will say").
        NotYet = "not_yet",
        /// A preposition before an object.
        ObjectLink = "object_link",
        /// ", PARTICIPLE" ends a content clause.
        Participle = "participle",
        /// A speech participant: I, we, you.
        Participant = "participant",
        /// "he"/"she" may refer to a source with this head.
        Person = "person",
        /// Ends a source's head noun.
        PostModifier = "post_modifier",
        /// A preposition: a cue-noun in the noun phrase after it is a noun.
        Preposition = "preposition",
        /// A pronoun source.
        Pronoun = "pronoun",
        /// Relays another source ("Reuters quoting US officials said").
        Relay = "relay",
        /// May follow "told".
        Recipient = "recipient",
        /// who, which, whose.
        Relative = "relative",
        /// May head a source noun phrase.
        Source = "source",
        /// Opens a sentence-initial subordinate clause ("While he said X, Y ...").
        Subordinator = "subordinator",
        /// Opens an adjunct inside a source span.
        SourceAdjunct = "source_adjunct",
        /// Sums up the clause before it.
        Summary = "summary",
        /// The first word of a hedge phrase (derived from `hedges.tsv`).
        HedgeStart = "hedge_start",
        /// The first word of a boilerplate phrase (derived from `boilerplate.tsv`).
        BoilerplateStart = "boilerplate_start",
        /// A day, month or time of day: never a source ("said Saturday").
        Time = "time",
        /// May stand before a source noun without a determiner ("state television").
        SourceModifier = "source_modifier",
        /// A sentence adverb outside a source ("Meanwhile", ", however,").
        Connective = "connective",
        /// "the NUMERAL" is a source ("The two said").
        Numeral = "numeral",
        /// Opens a noun phrase in copy without commas ("... a monitoring group said").
        NpOpener = "np_opener",
        /// A cue lemma that may come before its source ("..., said the commander").
        InvertingCue = "inverting_cue",
        /// A cue lemma of headline claims ("Russia says ...").
        HeadlineCue = "headline_cue",
        /// Its object makes "claim" a casualty verb ("claiming the lives of eight").
        Casualty = "casualty",
        /// A view or belief noun: "echoed the view that X" has content X.
        ViewNoun = "view_noun",
        /// Ends a fronted phrase at the sentence start ("In return", "In a video statement").
        FrontedEnd = "fronted_end",
        /// A number word that opens a counted noun phrase ("four people", "dozens of").
        Count = "count",
        /// Stands before a number in a count ("over 50", "nearly 20", "at least 7").
        Approximator = "approximator",
        /// ":" after a name opening a sentence makes a claim ("Senator X: Y"; the PolNeAR profile).
        SpeakerColon = "speaker_colon",
        /// Makes a colon lead-in no speaker's ("Breaking:", "Update:"; the PolNeAR profile).
        NotSpeaker = "not_speaker",
    }
}

// A class is a bit of a `u64`: 64 classes at most, all used. A `u64` keeps a token (and a
// lexicon entry) small; a 65th class needs a `u128` here again.
const _: () = assert!(Class::ALL.len() <= 64, "Classes holds 64 classes at most");

/// A set of [`Class`]es.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(u64);

impl Classes {
    /// Holds `c`.
    pub fn has(self, c: Class) -> bool {
        self.0 & (1 << c as u8) != 0
    }

    fn add(&mut self, c: Class) {
        self.0 |= 1 << c as u8;
    }

    /// The classes of both.
    #[inline]
    pub fn union(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }
}

/// One cue form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Dictionary form.
    pub lemma: String,
    /// What the source does with the content.
    pub stance: Stance,
    /// How the cue governs its content.
    pub frame: Frame,
    /// The form is also a common noun ("reports", "claims"), so it may sit inside a source's
    /// noun phrase ("Local reports indicate ...").
    pub nominal: bool,
    /// "CUE OBJECT to VERB" is an order, not a claim ("told his men to hold").
    pub directive: bool,
    /// An order ("urged X to V", "called for X", "called on X to V") is a claim of stance
    /// `urge` rather than refused: class `order`, which the PolNeAR profile's rows give
    /// (`lexicon/polnear/`); the default lexicon has none, as the Syria conventions exclude
    /// directives and calls.
    pub order: bool,
    /// A judgement (condemn, praise) whose content may be its noun-phrase object alone
    /// ("praised the mayor"): class `object`, only in the PolNeAR profile; by default such a
    /// judgement needs "as", "for" or "that" ([`super::Ctx::bare_judgement`]).
    pub object: bool,
    /// A content after the cue needs "that" ("found that ...", not "found a way").
    pub needs_that: bool,
}

/// A hedge phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hedge {
    /// Its words, lower case.
    pub words: Vec<Box<str>>,
    /// A verification disclaimer ("could not be independently verified").
    pub verification: bool,
}

/// A boilerplate phrase (`boilerplate.tsv`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Boilerplate {
    /// Its words, lower case.
    pub words: Vec<Box<str>>,
    /// A keyword list in title case follows it (kind `list`), up to the glued sentence.
    pub list: bool,
}

/// A lexicon file with a problem: `file:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// The file's name as given by the caller.
    pub file: String,
    /// One-based line number (0 for the file as a whole).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// The files of a lexicon folder, in load order.
pub const FILES: &[&str] = &[
    "abbreviations.tsv",
    "boilerplate.tsv",
    "cues.tsv",
    "hedges.tsv",
    "nouns.tsv",
    "participles.tsv",
    "words.tsv",
];

const EMBEDDED: &[(&str, &str)] = &[
    ("abbreviations.tsv", include_str!("../../lexicon/abbreviations.tsv")),
    ("boilerplate.tsv", include_str!("../../lexicon/boilerplate.tsv")),
    ("cues.tsv", include_str!("../../lexicon/cues.tsv")),
    ("hedges.tsv", include_str!("../../lexicon/hedges.tsv")),
    ("nouns.tsv", include_str!("../../lexicon/nouns.tsv")),
    ("participles.tsv", include_str!("../../lexicon/participles.tsv")),
    ("words.tsv", include_str!("../../lexicon/words.tsv")),
];

/// The opt-in profiles compiled into the binary, by name: the files of `lexicon/NAME/`, which
/// [`Lexicon::add_profile`] adds as `--lexicon lexicon/NAME` would. `extra`: cues and hedges
/// measured and left out of the default; `polnear`: what PolNeAR annotates and the Syria
/// conventions exclude (orders and calls, `X: Y` lead-ins, judgements of a bare object).
pub const PROFILES: &[(&str, &[(&str, &str)])] = &[
    (
        "extra",
        &[
            ("lexicon/extra/cues.tsv", include_str!("../../lexicon/extra/cues.tsv")),
            (
                "lexicon/extra/hedges.tsv",
                include_str!("../../lexicon/extra/hedges.tsv"),
            ),
        ],
    ),
    (
        "polnear",
        &[
            (
                "lexicon/polnear/cues.tsv",
                include_str!("../../lexicon/polnear/cues.tsv"),
            ),
            (
                "lexicon/polnear/words.tsv",
                include_str!("../../lexicon/polnear/words.tsv"),
            ),
        ],
    ),
];

static EMBEDDED_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut l = Lexicon::default();
    for (name, text) in EMBEDDED {
        l.add_file(name, text)
            .unwrap_or_else(|e| panic!("embedded lexicon: {e}"));
    }
    l
});

/// The lookup tables: hashed by foldhash with a fixed seed, several times faster than the
/// standard SipHash on short words. Keys are our own data, not an attacker's, so the hash needs
/// no protection against flooding; lookups never depend on iteration order.
type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::FixedState>;

/// What the lexicon knows of one lower-case form.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    classes: Classes,
    cue: Option<u32>,
}

/// Cue forms, word classes, participles, hedges and titles.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    cues: Vec<Cue>,
    /// Classes and cue by lower-case form.
    words: HashMap<Box<str>, Word>,
    /// The entries of `words` whose form is ASCII of at most eight bytes, by the form's key
    /// and length ([`super::tokens::Key`]): a token's lookup without hashing its text.
    short: super::short::ShortWords<Word>,
    lemmas: HashMap<Box<str>, Box<str>>,
    /// The cue [`Lexicon::lemma_cue`] gives for each lemma of `cues`: the cue of the lemma's own
    /// form if that cue has this lemma, else the first cue with it. Remade after every
    /// lexicon file.
    lemma_cues: HashMap<Box<str>, u32>,
    hedges: Vec<Hedge>,
    /// The indices in `hedges` of the phrases each first word opens, in file order.
    hedge_starts: HashMap<Box<str>, Vec<u32>>,
    /// The boilerplate phrases, by their first word, in file order.
    boilerplate: HashMap<Box<str>, Vec<Boilerplate>>,
    titles: Vec<String>,
    /// The first bytes of the titles, one bit a byte value: most words before a period (a
    /// sentence's last) open with no title's first letter and need no search of `titles`.
    title_firsts: ByteSet,
    /// A title is not all ASCII letters (the tokenizer's fast scan cannot find it).
    odd_titles: bool,
    abbreviations: Abbreviations,
}

impl Lexicon {
    /// The lexicon compiled into the binary (parsed once per process).
    pub fn embedded() -> Lexicon {
        EMBEDDED_LEXICON.clone()
    }

    /// Adds the embedded profile `name` (one of [`PROFILES`]); `None` if there is no such profile.
    pub fn add_profile(&mut self, name: &str) -> Option<()> {
        let (_, files) = PROFILES.iter().find(|(n, _)| *n == name)?;
        for (file, rows) in *files {
            self.add_file(file, rows)
                .unwrap_or_else(|e| panic!("embedded profile: {e}"));
        }
        Some(())
    }

    /// Adds the rows of the lexicon file `file` (named as one of [`FILES`], perhaps with a
    /// folder before it): a cue row replaces one of the same form, a word row adds classes.
    pub fn add_file(&mut self, file: &str, content: &str) -> Result<(), LexiconError> {
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        let added = self.add_rows(file, name, content);
        // After every file (a few hundred cues): whichever rows change cues, the map follows.
        self.index_lemmas();
        added
    }

    /// [`Lexicon::add_file`] of the file `file`, named `name` without its folder.
    fn add_rows(&mut self, file: &str, name: &str, content: &str) -> Result<(), LexiconError> {
        let err = |line: usize, message: String| LexiconError {
            file: file.to_string(),
            line,
            message,
        };
        let (header, parse): (&[&str], RowParser) = match name {
            "cues.tsv" => (&["form", "lemma", "stance", "frame", "classes"], Lexicon::cue_row),
            "words.tsv" | "nouns.tsv" => (&["word", "classes"], Lexicon::word_row),
            "participles.tsv" => (&["form", "lemma", "classes"], Lexicon::participle_row),
            "hedges.tsv" => (&["phrase", "classes"], Lexicon::hedge_row),
            "boilerplate.tsv" => (&["phrase", "kind"], Lexicon::boilerplate_row),
            "abbreviations.tsv" => (&["abbr", "classes"], Lexicon::abbreviation_row),
            _ => {
                return Err(err(
                    0,
                    format!("unknown lexicon file (expected one of {})", FILES.join(", ")),
                ))
            }
        };
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let mut seen_header = false;
        let mut seen = std::collections::HashSet::new();
        for (i, raw) in content.lines().enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if !seen_header {
                if cells != header {
                    return Err(err(i + 1, format!("expected the header {:?}", header.join("\t"))));
                }
                seen_header = true;
                continue;
            }
            if cells.len() != header.len() {
                let n = cells.len();
                return Err(err(
                    i + 1,
                    format!("expected {} tab-separated cells, found {n}", header.len()),
                ));
            }
            if cells[0].is_empty() || !seen.insert(cells[0]) {
                return Err(err(i + 1, format!("empty or duplicate {} {:?}", header[0], cells[0])));
            }
            parse(self, &cells).map_err(|m| err(i + 1, m))?;
        }
        if !seen_header {
            return Err(err(0, "no header row".into()));
        }
        Ok(())
    }

    fn cue_row(&mut self, cells: &[&str]) -> Result<(), String> {
        let [form, lemma, stance, frame, classes] = cells else {
            unreachable!()
        };
        let stance = Stance::parse(stance).ok_or_else(|| format!("unknown stance {stance:?}"))?;
        let frame = match *frame {
            "speech" => Frame::Speech,
            "describe" => Frame::Describe,
            "accuse" => Frame::Accuse,
            "nominal" => Frame::Nominal,
            "figure" => Frame::Figure,
            "written" => Frame::Written,
            "evidence" => Frame::Evidence,
            other => return Err(format!("unknown frame {other:?}")),
        };
        let (mut nominal, mut directive, mut needs_that, mut order, mut object) = (false, false, false, false, false);
        for c in split_classes(classes) {
            match c {
                "noun" => nominal = true,
                "directive" => directive = true,
                "that" => needs_that = true,
                "order" => order = true,
                "object" => object = true,
                other => {
                    return Err(format!(
                        "unknown cue class {other:?} (expected noun, directive, that, order, object)"
                    ))
                }
            }
        }
        let cue = Cue {
            lemma: lemma.to_string(),
            stance,
            frame,
            nominal,
            directive,
            needs_that,
            order,
            object,
        };
        let lower = form.to_lowercase();
        let word = self.words.entry(lower.as_str().into()).or_default();
        match word.cue {
            Some(id) => self.cues[id as usize] = cue,
            None => {
                word.cue = Some(self.cues.len() as u32);
                self.cues.push(cue);
            }
        }
        self.sync_short(&lower);
        Ok(())
    }

    fn word_row(&mut self, cells: &[&str]) -> Result<(), String> {
        let classes = parse_classes(cells[1])?;
        self.add_classes(cells[0], classes);
        Ok(())
    }

    fn add_classes(&mut self, word: &str, classes: impl IntoIterator<Item = Class>) {
        let lower = word.to_lowercase();
        let entry = self.words.entry(lower.as_str().into()).or_default();
        for c in classes {
            entry.classes.add(c);
        }
        self.sync_short(&lower);
    }

    /// Copies the entry of `lower` into `short` if its form is ASCII of at most eight bytes.
    fn sync_short(&mut self, lower: &str) {
        if let Some(&w) = self.words.get(lower).filter(|_| lower.is_ascii() && lower.len() <= 8) {
            if !lower.is_empty() {
                self.short.insert(super::tokens::key(lower.as_bytes()), lower.len(), w);
            }
        }
    }

    fn participle_row(&mut self, cells: &[&str]) -> Result<(), String> {
        let classes = parse_classes(cells[2])?;
        if classes.contains(&Class::FollowUp) && self.lemma_cue(cells[1]).is_none() {
            return Err(format!("follow_up lemma {:?} has no row in cues.tsv", cells[1]));
        }
        self.add_classes(cells[0], classes);
        self.lemmas.insert(cells[0].to_lowercase().into(), cells[1].into());
        Ok(())
    }

    fn hedge_row(&mut self, cells: &[&str]) -> Result<(), String> {
        let mut verification = false;
        for c in split_classes(cells[1]) {
            match c {
                "verification" => verification = true,
                other => return Err(format!("unknown hedge class {other:?} (expected verification)")),
            }
        }
        let words = phrase_words(cells[0], "hedge")?;
        self.add_classes(&words[0], [Class::HedgeStart]);
        let starts = self.hedge_starts.entry(words[0].clone()).or_default();
        starts.push(self.hedges.len() as u32);
        self.hedges.push(Hedge { words, verification });
        Ok(())
    }

    fn boilerplate_row(&mut self, cells: &[&str]) -> Result<(), String> {
        let list = match cells[1] {
            "list" => true,
            "line" => false,
            other => return Err(format!("unknown boilerplate kind {other:?} (expected line, list)")),
        };
        let words = phrase_words(cells[0], "boilerplate")?;
        self.add_classes(&words[0], [Class::BoilerplateStart]);
        self.boilerplate
            .entry(words[0].clone())
            .or_default()
            .push(Boilerplate { words, list });
        Ok(())
    }

    fn abbreviation_row(&mut self, cells: &[&str]) -> Result<(), String> {
        let Some(stem) = cells[0].strip_suffix('.').filter(|s| !s.is_empty() && !s.contains(' ')) else {
            return Err(format!("an abbreviation ends with its period: {:?}", cells[0]));
        };
        let mut ending = None;
        for c in split_classes(cells[1]) {
            let e = Ending::of_class(c).ok_or_else(|| {
                format!("unknown abbreviation class {c:?} (expected title, month, no_end, number or may_end)")
            })?;
            if c == "title" && !self.titles.iter().any(|t| t == stem) {
                self.titles.push(stem.to_string());
                if let Some(&b) = stem.as_bytes().first() {
                    self.title_firsts.insert(b);
                }
                self.odd_titles |= !stem.bytes().all(|b| b.is_ascii_alphabetic());
            }
            ending = ending.max(Some(e));
        }
        let ending = ending.ok_or_else(|| format!("no class for {:?}", cells[0]))?;
        self.abbreviations.insert(cells[0], ending);
        Ok(())
    }

    /// The abbreviations of `abbreviations.tsv`, for the sentence splitter
    /// ([`crate::segment::Segmenter`]): a later file's row replaces an earlier one's.
    pub fn abbreviations(&self) -> &Abbreviations {
        &self.abbreviations
    }

    /// The cue spelled `lower` (already lower-cased), if any.
    pub fn get(&self, lower: &str) -> Option<&Cue> {
        self.cue_id(lower).map(|id| &self.cues[id as usize])
    }

    /// The index of the cue spelled `lower`, for [`Lexicon::cue`].
    pub fn cue_id(&self, lower: &str) -> Option<u32> {
        self.words.get(lower)?.cue
    }

    /// The classes and the cue index of the word spelled `lower` (already lower-cased).
    #[inline]
    pub fn lookup(&self, lower: &str) -> (Classes, Option<u32>) {
        self.words.get(lower).map(|w| (w.classes, w.cue)).unwrap_or_default()
    }

    /// [`Lexicon::lookup`] of an ASCII word of at most eight bytes by its key and length
    /// (inlined into the tokenizer's loop: one probe per token).
    #[inline(always)]
    pub fn lookup_key(&self, key: u64, len: usize) -> (Classes, Option<u32>) {
        debug_assert!(len <= 8);
        if len == 0 {
            return self.lookup_empty();
        }
        self.short.get(key, len).map(|w| (w.classes, w.cue)).unwrap_or_default()
    }

    /// [`Lexicon::lookup`] of the empty word, which the short table does not hold (no token is
    /// empty).
    #[cold]
    fn lookup_empty(&self) -> (Classes, Option<u32>) {
        self.lookup("")
    }

    /// `word` is a title abbreviation without its period (case-sensitive, as the tokenizer
    /// keeps it whole).
    pub fn is_title(&self, word: &[u8]) -> bool {
        match word.first() {
            Some(&b) if !self.title_firsts.contains(b) => false,
            _ => self.titles.iter().any(|t| t.as_bytes() == word),
        }
    }

    /// The length of the longest title that `text` starts with, followed by its period
    /// (case-sensitive): the title alternative of the tokenizer's pattern, which takes the
    /// longest such title.
    pub(super) fn title_at(&self, text: &[u8]) -> Option<usize> {
        if !text.first().is_some_and(|&b| self.title_firsts.contains(b)) {
            return None;
        }
        if !self.odd_titles {
            // Every title is ASCII letters: one can only end where the letters do.
            let run = text.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(text.len());
            return (text.get(run) == Some(&b'.') && self.is_title(&text[..run])).then_some(run);
        }
        self.titles
            .iter()
            .filter(|t| text.starts_with(t.as_bytes()) && text.get(t.len()) == Some(&b'.'))
            .map(String::len)
            .max()
    }

    /// Every title is ASCII letters, so the tokenizer's fast scan may look for them.
    pub fn titles_are_ascii_words(&self) -> bool {
        !self.odd_titles
    }

    /// Every cue form (lower case), in no particular order.
    pub fn cue_forms(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .filter(|(_, w)| w.cue.is_some())
            .map(|(form, _)| &**form)
    }

    /// Every form (lower case) of word class `class`, in no particular order.
    pub fn forms_of(&self, class: Class) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .filter(move |(_, w)| w.classes.has(class))
            .map(|(form, _)| &**form)
    }

    /// The cue with index `id`.
    pub fn cue(&self, id: u32) -> &Cue {
        &self.cues[id as usize]
    }

    /// A cue whose lemma is `lemma`: the cue of the form `lemma` if its lemma is `lemma`, else
    /// the first such cue in file order.
    pub fn lemma_cue(&self, lemma: &str) -> Option<&Cue> {
        self.lemma_cues.get(lemma).map(|&id| &self.cues[id as usize])
    }

    /// Remakes `lemma_cues` from `cues` and the forms' cues.
    fn index_lemmas(&mut self) {
        self.lemma_cues.clear();
        for (id, cue) in self.cues.iter().enumerate() {
            if !self.lemma_cues.contains_key(cue.lemma.as_str()) {
                let own = self
                    .cue_id(&cue.lemma)
                    .filter(|&i| self.cues[i as usize].lemma == cue.lemma);
                self.lemma_cues
                    .insert(cue.lemma.as_str().into(), own.unwrap_or(id as u32));
            }
        }
    }

    /// The classes of the word spelled `lower` (already lower-cased).
    pub fn classes(&self, lower: &str) -> Classes {
        self.words.get(lower).map(|w| w.classes).unwrap_or_default()
    }

    /// The classes of `word` in any case: [`Lexicon::classes`] of its lower-case form, made
    /// without allocating. A short ASCII word is one probe by its key, as the tokenizer makes it.
    #[inline]
    pub(super) fn classes_any_case(&self, word: &str) -> Classes {
        if (1..=8).contains(&word.len()) && word.is_ascii() {
            return self.lookup_key(super::tokens::key(word.as_bytes()), word.len()).0;
        }
        with_lower(word, |lower| self.classes(lower))
    }

    /// The classes of a noun or its singular ("officials" has those of "official", "agencies"
    /// those of "agency").
    pub fn noun_classes(&self, lower: &str) -> Classes {
        let own = self.classes(lower);
        // Only a form ending in "s" has a singular to look up.
        if !lower.ends_with('s') {
            return own;
        }
        let singular = lower.trim_end_matches('s');
        let y = lower
            .strip_suffix("ies")
            .map_or(0, |stem| self.classes(&format!("{stem}y")).0);
        Classes(own.0 | self.classes(singular).0 | y)
    }

    /// The lemma of a participle (`participles.tsv`).
    pub fn participle_lemma(&self, lower: &str) -> Option<&str> {
        self.lemmas.get(lower).map(|l| &**l)
    }

    /// The hedge phrases, in file order.
    pub fn hedges(&self) -> &[Hedge] {
        &self.hedges
    }

    /// The hedge phrases whose first word is `lower` (already lower-cased), in file order.
    pub fn hedges_from(&self, lower: &str) -> impl Iterator<Item = &Hedge> {
        let ids = self.hedge_starts.get(lower).map_or(&[][..], |ids| &ids[..]);
        ids.iter().map(|&id| &self.hedges[id as usize])
    }

    /// The boilerplate phrases whose first word is `lower` (already lower-cased), in file order.
    pub fn boilerplate_from(&self, lower: &str) -> &[Boilerplate] {
        self.boilerplate.get(lower).map_or(&[], |b| &b[..])
    }

    /// The pattern the claims tokenizer matches ([`super::tokens`]), as a regex: titles with
    /// their period ("Lt.", from `abbreviations.tsv`), initialisms ("U.S."), words, or one
    /// other character. The tokenizer scans for these itself; the tests hold it to this regex.
    #[cfg(test)]
    pub(crate) fn token_regex(&self) -> regex::Regex {
        let mut titles: Vec<String> = self.titles.iter().map(|t| regex::escape(t)).collect();
        titles.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let titles = if titles.is_empty() {
            String::new()
        } else {
            format!(r"\b(?:{})\.|", titles.join("|"))
        };
        let re =
            format!(r"{titles}(?:\p{{L}}\.){{2,}}|[\p{{L}}\p{{N}}\p{{M}}]+(?:['’\-.,][\p{{L}}\p{{N}}\p{{M}}]+)*|\S");
        regex::Regex::new(&re).expect("escaped titles make a valid pattern")
    }
}

/// Calls `f` with `word` lower-cased as [`str::to_lowercase`] does it: on the stack for a
/// short ASCII word (most words; no allocation), else in a new `String`.
pub(super) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const ON_STACK: usize = 32;
    if word.len() <= ON_STACK && word.is_ascii() {
        let mut buf = [0u8; ON_STACK];
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        // ASCII stays ASCII, so this is always `Ok`.
        if let Ok(lower) = std::str::from_utf8(buf) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// Adds one row's cells to the lexicon, or says what is wrong with them.
type RowParser = fn(&mut Lexicon, &[&str]) -> Result<(), String>;

/// The lower-cased words of a `what` phrase (a hedge, page furniture) in a lexicon cell: words
/// separated by single spaces.
fn phrase_words(cell: &str, what: &str) -> Result<Vec<Box<str>>, String> {
    let words: Vec<Box<str>> = cell.split(' ').map(|w| w.to_lowercase().into()).collect();
    if words.iter().any(|w| w.is_empty()) {
        return Err(format!("a {what} phrase is words separated by single spaces"));
    }
    Ok(words)
}

fn split_classes(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(',').map(str::trim).filter(|c| !c.is_empty() && *c != "-")
}

fn parse_classes(cell: &str) -> Result<Vec<Class>, String> {
    split_classes(cell)
        .map(|c| {
            Class::parse(c)
                .filter(|c| !matches!(c, Class::HedgeStart | Class::BoilerplateStart))
                .ok_or_else(|| format!("unknown class {c:?}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// [`with_lower`] gives what `str::to_lowercase` gives, on the stack or not: ASCII
        /// words up to and past its 32 bytes, and non-ASCII ones (a final sigma included).
        #[test]
        fn with_lower_is_to_lowercase(word in "[A-Za-z'Σσςé\\-]{0,40}") {
            proptest::prop_assert_eq!(with_lower(&word, str::to_owned), word.to_lowercase());
        }
    }

    #[test]
    fn classes_in_any_case_are_those_of_the_lower_case_form() {
        let l = Lexicon::embedded();
        let words = [
            "The",
            "THE",
            "the",
            "Officials",
            "SAID",
            "Spokesman",
            "SPOKESWOMAN",
            "Étienne",
            "",
        ];
        for word in words {
            assert_eq!(l.classes_any_case(word), l.classes(&word.to_lowercase()), "{word}");
        }
        assert!(l.classes_any_case("The").has(Class::Article));
    }

    #[test]
    fn the_embedded_profiles_are_the_profile_folders() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon");
        let mut folders: Vec<(String, Vec<String>)> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let mut files: Vec<String> = std::fs::read_dir(&p)
                    .unwrap()
                    .map(|e| format!("lexicon/{name}/{}", e.unwrap().file_name().to_string_lossy()))
                    .filter(|f| f.ends_with(".tsv"))
                    .collect();
                files.sort();
                (name, files)
            })
            .collect();
        folders.sort();
        let embedded: Vec<(String, Vec<String>)> = PROFILES
            .iter()
            .map(|(n, files)| (n.to_string(), files.iter().map(|f| f.0.to_string()).collect()))
            .collect();
        assert_eq!(embedded, folders);
        for (name, _) in PROFILES {
            assert!(Lexicon::embedded().add_profile(name).is_some());
        }
        assert!(Lexicon::embedded().add_profile("nope").is_none());
    }

    #[test]
    fn embedded_lexicon_parses_and_knows_forms() {
        let l = Lexicon::embedded();
        let c = l.get("portrayed").unwrap();
        assert_eq!(
            (c.lemma.as_str(), c.stance, c.frame, c.nominal),
            ("portray", Stance::Describe, Frame::Describe, false)
        );
        assert!(l.get("reports").unwrap().nominal);
        assert!(l.get("told").unwrap().directive);
        assert!(l.get("airstrikes").is_none());
        assert!(l.classes("the").has(Class::Article));
        assert!(l.noun_classes("officials").has(Class::Source));
        assert!(!l.classes("officials").has(Class::Source));
        assert!(l.classes("stressing").has(Class::Participle));
        assert_eq!(l.participle_lemma("stressing"), Some("stress"));
        assert!(l.classes("reportedly").has(Class::HedgeStart));
        assert!(l.hedges().iter().any(|h| h.verification));
    }

    #[test]
    fn a_short_ascii_word_looked_up_by_key_finds_what_its_text_finds() {
        let mut l = Lexicon::embedded();
        l.add_file("nouns.tsv", "word\tclasses\nPlacard\tsource\nsaid\tsource\n")
            .unwrap();
        l.add_file(
            "cues.tsv",
            "form\tlemma\tstance\tframe\tclasses\nquipped\tquip\tassert\tspeech\t-\n",
        )
        .unwrap();
        let forms: Vec<String> = l.words.keys().map(|f| f.to_string()).collect();
        let others = ["", "x", "saidx", "said\0", "placards", "\0", "zzzzzzzz"];
        for w in forms
            .iter()
            .map(String::as_str)
            .chain(others)
            .filter(|w| w.is_ascii() && w.len() <= 8)
        {
            let by_key = l.lookup_key(super::super::tokens::key(w.as_bytes()), w.len());
            let by_text = l.lookup(w);
            assert_eq!((by_key.0, by_key.1), (by_text.0, by_text.1), "{w:?}");
        }
        assert!(l
            .lookup_key(super::super::tokens::key(b"placard"), 7)
            .0
            .has(Class::Source));
        assert!(l.lookup_key(super::super::tokens::key(b"quipped"), 7).1.is_some());
        assert!(l.lookup_key(super::super::tokens::key(b"said"), 4).0.has(Class::Source));
    }

    #[test]
    fn hedges_from_a_word_are_the_phrases_it_opens_in_file_order() {
        let mut l = Lexicon::embedded();
        l.add_file("hedges.tsv", "phrase\tclasses\nIs Thought To\t-\n").unwrap();
        for first in ["is", "could", "reportedly", "thought"] {
            let opened: Vec<&Hedge> = l.hedges().iter().filter(|h| &*h.words[0] == first).collect();
            assert_eq!(l.hedges_from(first).collect::<Vec<_>>(), opened, "{first}");
        }
        assert!(l.hedges_from("is").last().is_some_and(|h| &*h.words[1] == "thought"));
        assert_eq!(l.hedges_from("thought").count(), 0);
    }

    #[test]
    fn one_row_per_word_across_words_and_nouns() {
        let forms = |name: &str| -> Vec<&str> {
            let text = EMBEDDED.iter().find(|(n, _)| *n == name).unwrap().1;
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .skip(1)
                .map(|l| l.split('\t').next().unwrap())
                .collect()
        };
        let nouns = forms("nouns.tsv");
        let both: Vec<_> = forms("words.tsv").into_iter().filter(|w| nouns.contains(w)).collect();
        assert!(both.is_empty(), "in both words.tsv and nouns.tsv: {both:?}");
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut l = Lexicon::default();
        let e = l
            .add_file(
                "x/cues.tsv",
                "# c\nform\tlemma\tstance\tframe\tclasses\nsay\tsay\tassert\tshout\t-\n",
            )
            .unwrap_err();
        assert_eq!(e.to_string(), "x/cues.tsv:3: unknown frame \"shout\"");
        let e = l
            .add_file("words.tsv", "word\tclasses\nthe\tarticle\nthe\tlink\n")
            .unwrap_err();
        assert_eq!(e.to_string(), "words.tsv:3: empty or duplicate word \"the\"");
        let e = l.add_file("words.tsv", "word\tclasses\nfoo\tbogus\n").unwrap_err();
        assert_eq!(e.to_string(), "words.tsv:2: unknown class \"bogus\"");
        let e = l.add_file("verbs.tsv", "x\n").unwrap_err();
        assert!(e.to_string().starts_with("verbs.tsv:0: unknown lexicon file"));
        let e = l.add_file("nouns.tsv", "word\n").unwrap_err();
        assert_eq!(e.to_string(), "nouns.tsv:1: expected the header \"word\\tclasses\"");
        let e = l
            .add_file("x/boilerplate.tsv", "phrase\tkind\ntags\tlist\nget  url\tline\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x/boilerplate.tsv:3: a boilerplate phrase is words separated by single spaces"
        );
        let e = l
            .add_file("boilerplate.tsv", "phrase\tkind\nshare this\tfooter\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "boilerplate.tsv:2: unknown boilerplate kind \"footer\" (expected line, list)"
        );
        assert_eq!(l.boilerplate_from("tags").len(), 1);
        assert!(l.boilerplate_from("tags")[0].list);
    }

    #[test]
    fn extending_adds_classes_and_replaces_cues() {
        let mut l = Lexicon::embedded();
        l.add_file("nouns.tsv", "word\tclasses\nplacard\tsource\n").unwrap();
        assert!(l.classes("placard").has(Class::Source));
        l.add_file(
            "cues.tsv",
            "form\tlemma\tstance\tframe\tclasses\nsaid\tsay\tdeny\tspeech\t-\n",
        )
        .unwrap();
        assert_eq!(l.get("said").unwrap().stance, Stance::Deny);
        l.add_file("abbreviations.tsv", "abbr\tclasses\nCapt.\ttitle\nHon.\ttitle\n")
            .unwrap();
        assert!(l.is_title(b"Hon") && !l.is_title(b"Smith"));
        // The tokenizer's title alternative: "Hon" followed by its period.
        assert_eq!(l.title_at(b"Hon. Smith"), Some("Hon".len()));
        assert_eq!(l.title_at(b"Honest man"), None);
    }

    /// The cue of a lemma as a scan of the cues finds it: the lemma's own form's cue if that
    /// cue has the lemma, else the first cue with it in file order.
    fn lemma_cue_by_scan<'a>(l: &'a Lexicon, lemma: &str) -> Option<&'a Cue> {
        l.get(lemma)
            .filter(|c| c.lemma == lemma)
            .or_else(|| l.cues.iter().find(|c| c.lemma == lemma))
    }

    #[test]
    fn a_lemma_finds_the_cue_a_scan_of_the_cues_finds() {
        let mut lexicons = vec![Lexicon::embedded()];
        for (name, _) in PROFILES {
            let mut l = Lexicon::embedded();
            l.add_profile(name).unwrap();
            lexicons.push(l);
        }
        // Rows that move lemmas: "mutter" has only the cue of "said"; the form "say" no longer
        // has the lemma "say", so another form's cue answers for it.
        let mut moved = Lexicon::embedded();
        let rows =
            "form\tlemma\tstance\tframe\tclasses\nsaid\tmutter\tdeny\tspeech\t-\nsay\tutter\tassert\tspeech\t-\n";
        moved.add_file("cues.tsv", rows).unwrap();
        assert_eq!(moved.lemma_cue("mutter").map(|c| c.stance), Some(Stance::Deny));
        assert!(moved.lemma_cue("say").is_some_and(|c| c.lemma == "say"));
        assert!(moved.lemma_cue("utter").is_some_and(|c| c.lemma == "utter"));
        lexicons.push(moved);
        for l in &lexicons {
            let lemmas = l.cues.iter().map(|c| c.lemma.as_str());
            for lemma in lemmas.chain(["", "sayy", "Say", "according"]) {
                assert_eq!(l.lemma_cue(lemma), lemma_cue_by_scan(l, lemma), "{lemma:?}");
            }
        }
        assert!(Lexicon::embedded().lemma_cue("say").is_some());
    }
}

/// Behaviours that came with one list per fact: every participle ends a content and every
/// follow-up is a participle; every title abbreviation the tokenizer knows stays in a source.
#[cfg(test)]
mod merged_lists {
    use crate::claims::tests::triples as claims;

    #[test]
    fn stressing_ends_the_content_and_follows_up() {
        assert_eq!(
            claims("The army said the road was open, stressing that convoys could pass."),
            [
                ("The army", "said", "the road was open"),
                ("The army", "stressing", "convoys could pass")
            ]
        );
    }

    #[test]
    fn stating_and_criticizing_follow_up() {
        assert_eq!(
            claims("The minister rejected the plan, stating that the border would stay closed."),
            [
                ("The minister", "rejected", "the plan"),
                ("The minister", "stating", "the border would stay closed")
            ]
        );
        // "condemned the raid" alone is no claim (a bare noun phrase); the criticism is.
        assert_eq!(
            claims("The council condemned the raid, criticizing the militia for shelling homes."),
            [("The council", "criticizing", "the militia for shelling homes")]
        );
    }

    #[test]
    fn pvt_is_a_title() {
        assert_eq!(
            claims("Pvt. Omar Haddad said the checkpoint was abandoned."),
            [("Pvt. Omar Haddad", "said", "the checkpoint was abandoned")]
        );
    }
}
