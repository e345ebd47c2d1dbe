//! Sources: the noun phrase that makes a claim, its appositive, and the `unnamed` flag.
//!
//! A source noun phrase is bounded by punctuation, clause words and unambiguous reporting
//! verbs, and must look like a source: a name, a gazetteer mention, a pronoun, or a source noun
//! ("officials", "a security source", "two sources familiar with the matter"). An appositive
//! between commas belongs to it ("Sabrina Singh, a Pentagon spokesperson, said"; "said Rami
//! Abdel Rahman, head of the Observatory."). Pronoun sources are resolved in
//! [`super::resolve`].
//!
//! In copy without commas, a phrase fronted at the sentence start is not the source's ("In
//! Homs state television said", "For his part Lavrov said", "In a video statement the group
//! said"), and a source never opens with a lower-case preposition; a participle modifier and
//! its agent are ("The Observatory based in Britain", "A statement attributed to the
//! commander"); a relative clause is not, and the phrase that ends one is its object ("Rami
//! Abdulrahman who runs the Observatory said": the source is the antecedent).

use super::tokens::Word;
use super::{words, Class, Ctx, Source};
use crate::gazetteer::EntityType;
use crate::matcher::Mention;

impl Ctx<'_> {
    /// The source over tokens `[from, to)`, whose own noun phrase (before any appositive) ends
    /// at `core_end`.
    pub(super) fn source(&self, from: usize, to: usize, core_end: usize) -> Source {
        // "... said the Syrian Observatory for Human Rights said.": a source never ends with a
        // reporting verb (a scraped copy's doubled cue).
        let to = if to > from + 1 && self.cue_at(to - 1).is_some_and(|c| !c.nominal) {
            to - 1
        } else {
            to
        };
        let core_end = core_end.min(to);
        let span = self.span(from, to);
        let head_end = (from + 1..core_end)
            .find(|&k| self.has(k, Class::PostModifier))
            .unwrap_or(core_end);
        let core = self.span(from, head_end);
        // A place names the source only as its head ("Damascus said"), not in a modifier
        // ("a resident of Sweida").
        let inside = self
            .mentions
            .iter()
            .filter(|m| span.contains(m.span) && (self.kinds[m.entity] != EntityType::Place || m.span.end == core.end));
        // The head names the source: the last mention starting in the core that is not a
        // possessive modifier ("Syria's state news agency SANA", "Turkish Defence Minister Yasar
        // Guler", "Rami Abdulrahman, the head of the monitor"); else the longest one
        // ("a spokesman for the Syrian Democratic Forces").
        let possessive = |m: &Mention| self.text[m.span.end..].starts_with(['\'', '’']);
        let entity = inside
            .clone()
            .filter(|m| m.span.start < core.end && !possessive(m))
            .max_by_key(|m| m.span.start)
            .or_else(|| inside.max_by_key(|m| m.span.len()))
            .map(|m| m.entity);
        Source {
            span,
            entity,
            unnamed: self.unnamed(from, core_end) && !self.names_in_appositive(core_end, to),
            resolved: None,
        }
    }

    /// Where the noun phrase ending right before `end` starts.
    /// The "(" of a bracketed party tag that ends right before token `j`: up to six tokens of
    /// capitalised words joined by "-" and "." ("(D-Ga.)", "(R-N.Y.)"), with a "-" in it.
    fn party_tag(&self, j: usize) -> Option<usize> {
        if j < 4 || !self.is(j - 1, words![")"]) {
            return None;
        }
        let open = (j.saturating_sub(8)..j - 2).rev().find(|&k| self.is(k, words!["("]))?;
        let inside = open + 1..j - 1;
        let tag = inside.clone().all(|k| {
            if self.toks[k].is_punct() {
                self.is(k, words!["-", "."])
            } else {
                self.word(k).starts_with(|c: char| c.is_ascii_uppercase())
            }
        });
        let dash = inside.clone().any(|k| self.word(k).contains('-'));
        (tag && dash && !self.toks[open + 1].is_punct()).then_some(open)
    }

    /// Where the noun phrase ending at token `end` (exclusive) starts. The rules around one cue
    /// ask for the phrase before it several times: the last answer is kept ([`Ctx::np_memo`]).
    pub(super) fn np_start(&self, end: usize) -> usize {
        self.np_memo.get_or(end, || self.find_np_start(end))
    }

    fn find_np_start(&self, end: usize) -> usize {
        let mut j = end;
        while j > 0 && end - j < 16 {
            // "The Local Coordination Committees (LCC) said": a bracketed acronym stays inside.
            // "(AFP) The Raqa Brigades said": a credit before a new phrase is not.
            let credit = self.has(j, Class::Article) || j < 4 || self.toks[j - 4].is_punct();
            if j >= 3 && self.is(j - 1, words![")"]) && self.is(j - 3, words!["("]) && self.acronym(j - 2) && !credit {
                j -= 3;
                continue;
            }
            // "Sen. Ann Lee (D-Ga.) said": a party tag right before the end stays inside.
            if let Some(open) = self
                .party_tag(j)
                .filter(|&o| j == end && o > 0 && !self.toks[o - 1].is_punct())
            {
                j = open;
                continue;
            }
            let t = &self.toks[j - 1];
            let blocking_cue = t.cue.is_some_and(|id| !self.lexicon.cue(id).nominal) && !self.adjective_ed(j - 1);
            // "reports - YouTube UN envoy X said": a spaced dash ends a glued line, a hyphen joins.
            let joiner = matches!(self.word(j - 1), "'" | "’" | "-" | "&")
                && !self.is_quote_mark(j - 1)
                && !self.spaced_dash(j - 1);
            let verb = self.verb_in_np(j - 1) && !self.participle_modifier(j - 1);
            if (t.is_punct() && !joiner) || t.has(Class::Clause) || blocking_cue || verb || self.counted_before_name(j)
            {
                break;
            }
            j -= 1;
            // A determiner after a noun starts a new phrase: "a charge [that] the group denies".
            if self.has(j, Class::Article)
                && j > 0
                && !self.toks[j - 1].is_punct()
                && !self.has(j - 1, Class::Link)
                && !self.ing_modifier(j - 1)
            {
                break;
            }
        }
        // "Tags Syria Aleppo Local engineers said": no phrase runs back over page furniture.
        if let Some(e) = (j..end)
            .rev()
            .filter(|&k| self.has(k, Class::BoilerplateStart))
            .find_map(|k| self.boilerplate_at(k))
            .filter(|&e| e <= end)
        {
            j = j.max(e);
        }
        self.past_fronted_phrase(j, end).unwrap_or(j)
    }

    /// Copy without commas: "... killed 13 people MSF said", "... a child and two women SANA
    /// reported": an organisation, media or state name at `j` after a lower-case noun counted
    /// by a number is no appositive of that noun: the noun ends the content before the source
    /// (not "its ally Russia said", an appositive after a possessive).
    fn counted_before_name(&self, j: usize) -> bool {
        let named = || {
            self.mentions.iter().any(|m| {
                m.span.start == self.toks[j].span.start
                    && matches!(
                        self.kinds[m.entity],
                        EntityType::Organization | EntityType::Media | EntityType::State
                    )
            })
        };
        let noun = |k: usize| {
            self.word_starts_lower(k)
                && !self.toks[k].is_punct()
                && ![
                    Class::Article,
                    Class::Determiner,
                    Class::Preposition,
                    Class::Pronoun,
                    Class::Count,
                    Class::Time,
                ]
                .iter()
                .any(|&c| self.has(k, c))
        };
        j >= 2
            && noun(j - 1)
            && (self.toks[j - 2].starts_digit() || (self.word_starts_lower(j - 2) && self.has(j - 2, Class::Count)))
            && named()
    }

    /// "the Observatory based in Britain", "families in the district held by the army": a
    /// participle right after a noun and before "in" or its agent "by" modifies the noun; after
    /// "is", "which is" or another verb it is a verb ("the dam which is controlled by ...").
    fn participle_modifier(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        // Before "in", "to" ... only a participle the lexicon knows ("based", "linked"): "the
        // conflict erupted in March" is a clause.
        let known = self.has(i, Class::PostModifier) && self.has(i + 1, Class::Preposition);
        let participle = (self.lower(i).ends_with("ed") && (self.is(i + 1, words!["by"]) || known))
            || (self.has(i, Class::FiniteVerb) && self.is(i + 1, words!["by"]));
        let verb_before = [
            Class::Be,
            Class::Auxiliary,
            Class::Relative,
            Class::Clause,
            Class::Pronoun,
        ]
        .iter()
        .any(|&c| self.has(i - 1, c));
        // The noun it modifies belongs to a source: "a report issued by", "Families in the
        // district held by"; not "documenting the atrocities committed by rebels Pillay said".
        let source_before = (i.saturating_sub(6)..i).rev().map_while(|k| {
            let t = &self.toks[k];
            let verb = self.verbish(k) || (self.word_starts_lower(k) && self.lower(k).ends_with("ing"));
            (!t.is_punct() && !t.has(Class::Clause) && !verb).then_some(k)
        });
        let function = |k: usize| {
            [Class::Preposition, Class::Article, Class::Connective]
                .iter()
                .any(|&c| self.has(k, c))
        };
        // "The center based in Hmeimim said": or a phrase that opens the sentence with "the".
        let opening = |k: usize| self.has(k, Class::NpOpener) && (k == 0 || self.toks[k - 1].is_punct());
        let mut source_before = source_before;
        let headed = source_before.any(|k| self.source_noun_at(k) || opening(k) || (self.name_like(k) && !function(k)));
        participle
            && self.word_starts_lower(i)
            && !self.toks[i - 1].is_punct()
            && !verb_before
            && !self.verbish(i - 1)
            && headed
    }

    /// "In Homs state television said", "For his part Hollande said", "In March the commander
    /// told", "In a video statement the group said": where the source starts after a
    /// prepositional phrase fronted at the clause opening `start` in copy without commas. The
    /// phrase ends at its first time word or number, gazetteer mention or `fronted_end` noun
    /// ("return", "capital", "statement") that a fresh noun phrase follows, one that looks like a
    /// source ("Officials in Damascus said" opens with no preposition and stays whole).
    fn past_fronted_phrase(&self, start: usize, end: usize) -> Option<usize> {
        let opens = start == 0 || self.toks[start - 1].is_punct();
        if start + 2 >= end || !opens || !self.capitalised(start) || !self.has(start, Class::Preposition) {
            return None;
        }
        let digit = |k: usize| self.toks[k].starts_digit();
        // "In March": a month right after the preposition is a time without a number.
        let time = |k: usize| self.time_word(k) || (k == start + 1 && self.has(k, Class::Time));
        // "In a post on its Twitter account", "On 15 Feb 2016": the phrase goes on after a
        // preposition, a lower-case plain word or another part of a date.
        let fresh = |m: usize| {
            let t = &self.toks[m];
            let opener = self.name_like(m)
                || [
                    Class::NpOpener,
                    Class::Determiner,
                    Class::Pronoun,
                    Class::SourceModifier,
                ]
                .iter()
                .any(|&c| t.has(c))
                || self.source_noun_at(m);
            opener && !t.is_punct() && !t.has(Class::Preposition) && !t.has(Class::FrontedEnd)
        };
        // "On 15 Feb 2016": a date goes on; "In a new development 17 factions": a number
        // after any other end opens the source.
        let dated = |k: usize| time(k) || digit(k);
        (start + 1..end - 1).find_map(|k| {
            let ends = dated(k) || self.has(k, Class::FrontedEnd) || self.mention_ends_at(k);
            let date_goes_on = dated(k) && dated(k + 1);
            let fresh = fresh(k + 1) || (digit(k + 1) && !dated(k));
            (ends && fresh && !date_goes_on && self.looks_like_source(k + 1, end)).then_some(k + 1)
        })
    }

    /// Token `k` opens or closes a quote. A word token never does (it opens with a letter, digit
    /// or mark, never a quote mark), so only punctuation is looked up among the quotes.
    pub(super) fn is_quote_mark(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.is_punct() && (self.quote_closed_at(t.span).is_some() || self.quote_opened_at(t.span).is_some())
    }

    /// Where the noun phrase starting at `start` ends.
    pub(super) fn np_end(&self, start: usize) -> usize {
        let mut j = start;
        while j < self.toks.len() && !self.toks[j].is_punct() && !self.has(j, Class::Clause) {
            j += 1;
        }
        j
    }

    /// A finite verb in lower case ("carried", "were", "hit"): never inside a source's name.
    pub(super) fn verbish(&self, i: usize) -> bool {
        if !self.toks[i].starts_lower() {
            return false;
        }
        let (w, t) = (self.lower(i), &self.toks[i]);
        (w.len() > 4 && w.ends_with("ed") && !t.has(Class::Source) && !t.has(Class::AdjectiveEd))
            || t.has(Class::FiniteVerb)
    }

    /// A finite verb ([`Ctx::verbish`]) that does not modify a noun: "a leaked memo", "despite
    /// repeated claims" hold an "-ed" adjective after an article or a preposition.
    fn verb_in_np(&self, i: usize) -> bool {
        self.verbish(i) && !self.adjective_ed(i)
    }

    /// An "-ed" word after an article or a preposition that opens the clause modifies a noun,
    /// even a cue word ("A leaked memo said", "Despite repeated claims"). Mid-sentence, where
    /// commas may be stripped, it is left a verb (it bounds the phrase a source is sought in)
    /// unless an article and a name frame it ("the opposition-linked Syrian Observatory").
    fn adjective_ed(&self, i: usize) -> bool {
        let opens = i == 1 || (i > 1 && self.toks[i - 2].is_punct());
        i > 0
            && self.lower(i).ends_with("ed")
            && !self.has(i, Class::FiniteVerb)
            && ((opens && (self.has(i - 1, Class::Article) || self.has(i - 1, Class::Preposition)))
                || (self.has(i - 1, Class::Article) && self.capitalised(i + 1)))
    }

    /// The head noun of `[from, to)`: the last word before a post-modifier ("sources familiar
    /// with the matter", "a resident of Sweida"), lower case, possessive stripped.
    pub(super) fn head(&self, from: usize, to: usize) -> &str {
        let end = (from + 1..to)
            .find(|&k| self.has(k, Class::PostModifier) || self.ing_modifier(k))
            .unwrap_or(to);
        let w = self.lower(end - 1);
        w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w)
    }

    pub(super) fn looks_like_source(&self, from: usize, to: usize) -> bool {
        if self.numeral_source(from, to) {
            return true;
        }
        // "... based in Britain said": a source never opens with a lower-case preposition.
        if self.word_starts_lower(from) && self.has(from, Class::Preposition) {
            return false;
        }
        let nobody = self.has(from, Class::Negative);
        if nobody
            || self.has(to - 1, Class::NotHead)
            || to - from > 14
            || (from..to).any(|k| self.verb_in_np(k) && !self.participle_modifier(k))
        {
            return false;
        }
        // "was foiled Saturday morning said ...": a time is never a source.
        if self.time_word(to - 1) {
            return false;
        }
        // Each test below is asked only when the ones before leave the answer open.
        let head = self.head(from, to);
        let span = self.span(from, to);
        let capitalised = || (from..to).any(|k| self.name_like(k) && !self.has(k, Class::Article));
        let named = || self.mentions.iter().any(|m| span.contains(m.span)) || capitalised();
        // The last token's own classes first ([`Ctx::source_noun_at`]).
        let nouny = || self.source_noun_at(to - 1) || self.is_source_noun(head);
        let pronoun = || to - from == 1 && self.lexicon.classes(head).has(Class::Pronoun);
        // A gazetteer entity heading the phrase ("state news agency SANA") names it whatever comes first.
        let entity_head = || {
            self.mentions
                .iter()
                .any(|m| m.span.end == span.end && span.contains(m.span))
        };
        // "commander Kamal Kirkuki told Rudaw": a title noun before a name determines it.
        let titled = || self.source_noun_at(from) && self.name_like(from + 1);
        let determined = || self.name_like(from) || self.has(from, Class::Determiner) || titled();
        nouny() || pronoun() || (named() && (determined() || entity_head()))
    }

    /// "The global chemical arms watchdog said ...": a short noun phrase with "the" (or "a",
    /// "one", "some" ...) opening the sentence (or following the comma after a fronted phrase, or
    /// a closing quote) right before its cue is the speaker, whatever its head noun. Elsewhere,
    /// in copy without commas, only a name, a gazetteer mention or a source noun tells where a
    /// source starts.
    pub(super) fn opening_subject(&self, from: usize, to: usize) -> bool {
        let opens = from == 0 || self.is(from - 1, words![","]) || self.is_quote_mark(from - 1);
        // The cue (or its auxiliary) follows at once: "The monitor relies on ... and says" is
        // no such phrase.
        let cue_next = to < self.toks.len() && (self.toks[to].cue.is_some() || self.has(to, Class::Auxiliary));
        // "A unilaterally declared truce": an adverb is no part of a speaker's name.
        let adverb = |k: usize| self.word_starts_lower(k) && self.lower(k).ends_with("ly");
        opens
            && cue_next
            && self.has(from, Class::NpOpener)
            && (2..=6).contains(&(to - from))
            && !self.has(to - 1, Class::NotHead)
            && !self.time_word(to - 1)
            && (from + 1..to).all(|k| {
                let t = &self.toks[k];
                !t.is_punct()
                    && t.cue.is_none()
                    && !self.verbish(k)
                    && !adverb(k)
                    && !t.has(Class::Clause)
                    && !t.has(Class::Preposition)
                    && !t.has(Class::Pronoun)
            })
    }

    /// Nobody is named: an indefinite or bare source noun ("a security source", "activists"),
    /// or a person noun that stands for an anonymous speaker ("the commander", "residents").
    fn unnamed(&self, from: usize, to: usize) -> bool {
        let head = self.head(from, to);
        let singular = head.trim_end_matches('s');
        let named =
            (from..to).any(|k| self.capitalised(k) && self.mentions.iter().any(|m| m.span.contains(self.toks[k].span)));
        let indefinite = self.has(from, Class::Indefinite) && self.is_source_noun(head) && !named;
        // A bare plural of an institution-like noun ("Monitors say", "Unconfirmed reports said")
        // names nobody, though "The monitor said" does.
        let bare_plural = !self.is(from, words!["the"])
            && head.ends_with('s')
            && self.lexicon.classes(singular).has(Class::AnonymousPlural);
        indefinite || bare_plural || self.lexicon.noun_classes(head).has(Class::Anonymous)
    }

    /// An appositive in `[from, to)` is a bare name: "The SDF's spokesman, Farhad Shami".
    fn names_in_appositive(&self, from: usize, to: usize) -> bool {
        let mut segment_start = from;
        for k in from..=to {
            if k == to || self.is(k, words![","]) {
                let segment = segment_start + 1..k;
                if !segment.is_empty() && segment.clone().all(|j| self.capitalised(j)) {
                    return true;
                }
                segment_start = k;
            }
        }
        false
    }

    /// "NAME, APPOSITIVE, CUE": where the source starts, when the tokens between the comma at
    /// `comma` and the one before it are an appositive or relative clause after a named source;
    /// up to three such segments may follow the name ("The fighter, who gave only his first name,
    /// Ahmed, described"; "Nabil Sarraf, an adviser to the envoy, a former diplomat, said").
    /// A source found in an article-opened segment still yields to a source before it.
    pub(super) fn appositive_start(&self, comma: usize) -> Option<usize> {
        let mut comma = comma;
        let mut found = None;
        for _ in 0..3 {
            let Some(open) = (comma.saturating_sub(16)..comma)
                .rev()
                .find(|&k| self.toks[k].is_punct() && !self.is(k, words!["-", "'", "’"]))
            else {
                return found;
            };
            if !self.is(open, words![","]) || open + 1 >= comma || !self.appositive_segment(open + 1, comma) {
                return found;
            }
            let start = self.np_start(open);
            let source = start < open
                && self.looks_like_source(start, open)
                && (self.named(start, open) || self.is_source_noun(self.head(start, open)));
            if source {
                found = Some(start);
                // "NAME, an adviser, a former diplomat,": the article-opened phrase may itself be
                // an appositive of a name before it.
                if !(self.has(start, Class::Article) && start > 0 && self.is(start - 1, words![","])) {
                    return found;
                }
            }
            comma = open;
        }
        found
    }

    /// Tokens `[first, comma)` can be an appositive: opened by an article, a relative pronoun, a
    /// source noun, a participle or an adjunct, or a bare name or age ("Rami Abdel Rahman",
    /// "Mahmoud, 34,").
    fn appositive_segment(&self, first: usize, comma: usize) -> bool {
        let name_or_age = |k: usize| {
            self.capitalised(k)
                || self.has(k, Class::NameParticle)
                || self.is(k, words!["-"])
                || self.toks[k].starts_digit()
        };
        // "Abu Omar al-Halabi": a lower-case particle inside the name.
        let name = (first..comma).all(|k| name_or_age(k) || self.name_part(k, first));
        self.appositive_opener(first) || self.adjunct_at(first) || name
    }

    /// "said NAME[, APPOSITIVE]" up to the clause end at `end`: where the source's own noun
    /// phrase ends and where the source ends, when the tokens from `start` are one.
    pub(super) fn trailing_source(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        // "added quoting state television": a participle's object is no source.
        if self.word_starts_lower(start) && self.lower(start).ends_with("ing") {
            return None;
        }
        let np = self.np_end(start).min(end);
        let core = (start + 1..np).find(|&k| self.adjunct_at(k)).unwrap_or(np);
        if core == start || !self.looks_like_source(start, core) {
            return None;
        }
        // "said Rami Abdel Rahman who gave no details": the relative clause is not the source's.
        if core == end || self.adjunct_at(core) || (self.has(core, Class::Relative) && self.named(start, core)) {
            return Some((core, core));
        }
        // Verbs only inside a relative clause: "a 57-year-old resident who fled the city".
        let relative = (core + 1..end).find(|&k| self.has(k, Class::Relative)).unwrap_or(end);
        // "said the group, which is backed by Turkey": a relative clause is not the source's.
        let appositive = self.is(core, words![","])
            && end - core <= 14
            && self.appositive_opener(core + 1)
            && !self.has(core + 1, Class::Relative)
            && !(core + 2..end).any(|k| self.is(k, words!["that", ","]) || (k < relative && self.verbish(k)));
        appositive.then_some((core, end))
    }

    /// The subject noun phrase opening a clause at `start`, up to its verb: (its start, end of
    /// its own phrase, end with an appositive), when it looks like a source. A leading adjunct or
    /// fronted phrase is not the subject's ("Earlier today the army ...", "For days the
    /// government has ...").
    pub(super) fn subject_at(&self, start: usize) -> Option<(usize, usize, usize)> {
        let stops = |k: usize| {
            self.toks[k].is_punct()
                || self.has(k, Class::Clause)
                || self.verbish(k)
                || self.toks[k].cue.is_some()
                || (self.word_starts_lower(k) && self.word(k).ends_with("ly"))
        };
        let start = self.skip_front_adjuncts(start, self.toks.len());
        let core = (start..self.toks.len()).find(|&k| stops(k))?;
        let start = self.past_fronted_phrase(start, core).unwrap_or(start);
        if core == start || !self.looks_like_source(start, core) {
            return None;
        }
        if !self.is(core, words![","]) || !self.appositive_opener(core + 1) {
            return Some((start, core, core));
        }
        let close = (core + 1..(core + 16).min(self.toks.len())).find(|&k| self.is(k, words![","]))?;
        Some((start, core, close))
    }

    /// An appositive or relative clause may open with token `k`: "a", "the", "which", "who",
    /// a source noun ("head of the Observatory") or a participle ("speaking on condition of
    /// anonymity").
    fn appositive_opener(&self, k: usize) -> bool {
        // A comma that ends the sentence opens nothing ("Hama saying Hama ,").
        if k >= self.toks.len() {
            return false;
        }
        let w = self.lower(k);
        self.has(k, Class::AppositiveOpener)
            || self.is_source_noun(w)
            || (w.ends_with("ing") && self.word_starts_lower(k))
    }

    /// A time, medium or recipient adjunct starts at `k`: "on Sunday", "in a statement", "to
    /// Reuters", "by phone", "late on", "earlier".
    pub(super) fn adjunct_at(&self, k: usize) -> bool {
        if self.has(k, Class::SourceAdjunct) {
            return true;
        }
        // "Wells Fargo this month announced", "the ministry Sunday said".
        if self.time_word(k) || (self.is(k, words!["this", "next", "just"]) && self.time_word(k + 1)) {
            return true;
        }
        let next_ok = |words: &[Word]| self.is(k + 1, words) || self.has(k + 1, Class::AdjunctDet);
        match self.lower(k) {
            "in" | "on" | "at" => self.has(k + 1, Class::AdjunctNoun) || next_ok(&[]),
            "to" => self.capitalised(k + 1) || self.has(k + 1, Class::Recipient) || next_ok(&[]),
            // "A report released by a group of experts": a participle's agent is no adjunct.
            "by" => next_ok(words!["phone", "telephone"]) && !(k > 0 && self.participle_modifier(k - 1)),
            _ => false,
        }
    }

    /// `[from, to)` holds a gazetteer mention or a capitalised word other than "The"/"A".
    fn named(&self, from: usize, to: usize) -> bool {
        let span = self.span(from, to);
        self.mentions.iter().any(|m| span.contains(m.span))
            || (from..to).any(|k| self.capitalised(k) && k > from)
            || (self.capitalised(from) && !self.has(from, Class::Article))
    }

    /// "Date of publication 18 July 2016 Syrian activists say", "... Crew Members Dead Earlier
    /// in the day Konashenkov said": where the source starts after glued text in `[start, aux)`
    /// that a capitalised adjunct or date ends, when what follows it up to the cue is a source.
    pub(super) fn past_glued_adjunct(&self, start: usize, aux: usize) -> Option<usize> {
        let k = (start + 1..aux).find(|&k| self.adjunct_at(k) || self.time_word(k))?;
        if !self.capitalised(k) {
            return None;
        }
        let mut m = k;
        loop {
            let next = self.skip_front_adjuncts(m, aux);
            let next = (next..aux).find(|&j| !self.toks[j].starts_digit()).unwrap_or(aux);
            if next == m {
                break;
            }
            m = next;
        }
        // "UN envoy Jan Egeland": a month name without a number is no date.
        let digit = (k..m).any(|j| self.toks[j].starts_digit());
        let dated = !self.time_word(k) || digit;
        (dated && m > k && m < aux && self.looks_like_source(m, aux) && self.named(m, aux)).then_some(m)
    }

    /// "... a move he called intolerable Trump said", "... while waiting one resident said": in
    /// copy without commas, a phrase in `[start, aux)` that opens with a plain lower-case word (no
    /// article, determiner, pronoun, source modifier or source noun) is the clause before's tail.
    /// The source starts at the last name or determiner after it, right after another plain
    /// word, when what follows up to the cue is a source ("senior US officials", "the commander
    /// in Hama" and "de Mistura" stay whole).
    pub(super) fn past_glued_word(&self, start: usize, aux: usize) -> Option<usize> {
        let plain = |k: usize| self.word(k).bytes().all(|b| b.is_ascii_lowercase());
        let closed = |k: usize| {
            [
                Class::NpOpener,
                Class::Determiner,
                Class::Pronoun,
                Class::Article,
                Class::Preposition,
                Class::Link,
                Class::AdjectiveEd,
            ]
            .iter()
            .any(|&c| self.has(k, c))
                || self.source_noun_at(k)
                || self.source_modifier(k)
        };
        // "US Central Command which oversees US operations said": a relative clause's verb
        // belongs to the phrase before, which the caller finds.
        let relative = start > 0 && self.has(start - 1, Class::Relative);
        if !plain(start) || closed(start) || relative || self.has(start, Class::NameParticle) {
            return None;
        }
        // The last such phrase: "... after meeting Arab ministers US envoy John Kerry said".
        (start + 1..aux).rev().find(|&k| {
            let fresh = self.name_like(k) || self.has(k, Class::NpOpener);
            fresh && plain(k - 1) && !closed(k - 1) && self.looks_like_source(k, aux)
        })
    }

    /// "Updated 14:35 GMT Russian officials said", "Hama 2 hours ago Local sources said": where
    /// the source starts after a glued clock time or date in `[start, aux)`: past its last
    /// number or time word, at a capitalised word that opens a source.
    pub(super) fn past_glued_time(&self, start: usize, aux: usize) -> Option<usize> {
        let digit = |k: usize| self.toks[k].starts_digit();
        let last = (start..aux).rev().find(|&k| self.time_word(k) || digit(k))?;
        let m = last + 1;
        let determined = last > start && self.has(last - 1, Class::Article);
        (!determined && m < aux && self.capitalised(m) && self.looks_like_source(m, aux)).then_some(m)
    }

    /// "Rami Abdel Rahman the head of the Observatory said": the start of a name right before
    /// the appositive source `[start, end)` opened by an article, when there is one. A
    /// capitalised article after a word opens a line glued to the one before ("... killed -
    /// YouTube The Observatory said"), not an appositive, unless it opens a gazetteer name
    /// ("Zouhir al-Shimale The New Arabs correspondent").
    pub(super) fn name_before_appositive(&self, start: usize, end: usize) -> Option<usize> {
        let named = self.mention_starts_at(start);
        let glued = self.capitalised(start) && start > 0 && !self.toks[start - 1].is_punct() && !named;
        if glued || !self.has(start, Class::Article) || !(start..end).any(|k| self.source_noun_at(k)) {
            return None;
        }
        self.name_run_before(start)
    }

    /// The start of a run of names ending right before token `end` ("Rami Abdel Rahman", "the
    /// Syrian Observatory for Human Rights") that can head a source: no time, adjunct or place.
    fn name_run_before(&self, end: usize) -> Option<usize> {
        if end == 0 {
            return None;
        }
        let mut k = end;
        while k > 0 {
            let j = k - 1;
            let link = self.is(j, words!["of", "for"]) && j > 0 && self.name_like(j - 1) && self.name_like(k);
            // "But the Syrian observatory said": a function word is never part of a name.
            let function = [
                Class::Adjunct,
                Class::Connective,
                Class::Contrast,
                Class::Clause,
                Class::Pronoun,
                Class::Auxiliary,
            ]
            .iter()
            .any(|&c| self.has(j, c));
            let name = self.name_like(j) && !self.time_word(j) && !function;
            if !(name || link) {
                break;
            }
            k = j;
        }
        // "The Syrian Observatory ...": its determiner.
        if k > 0 && k < end && self.is(k - 1, words!["the"]) {
            k -= 1;
        }
        // "... entering Turkey the Britain-based Observatory said": a place or state before the
        // appositive ends the content, it does not name the source.
        let place = self.mentions.iter().any(|m| {
            m.span.end == self.toks[end - 1].span.end
                && matches!(self.kinds[m.entity], EntityType::Place | EntityType::State)
        });
        let named = k < end && (self.has(k, Class::Article) || end - k >= 2 || self.named(k, end));
        // "At the United Nations the French envoy said": the object of a preposition fronted at
        // the sentence start is no name.
        let object = k > 0
            && self.capitalised(k - 1)
            && self.has(k - 1, Class::Preposition)
            && (k == 1 || self.toks[k - 2].is_punct());
        (named && !place && !object && self.looks_like_source(k, end)).then_some(k)
    }

    /// A source before the cue at `aux` without commas around what follows its name: a
    /// relative clause ("The Observatory which tracks the war said": the source is "The
    /// Observatory") or an indefinite appositive ("The Syrian Observatory for Human Rights a
    /// monitoring group based in the UK reported"): (start, end of its name, end).
    pub(super) fn bare_appositive_source(&self, aux: usize) -> Option<(usize, usize, usize)> {
        // "home to an estimated 350000 people": a cue after an article is no verb.
        if aux == 0 || self.has(aux - 1, Class::Article) {
            return None;
        }
        // The words after the clause start, at most twelve back: the clause start is looked up
        // only for a word that would answer (most cues have none before a punctuation mark).
        let lo = aux.saturating_sub(12);
        let in_clause = |k: usize| k > self.clause_start(aux);
        let mut cue = false;
        for k in (lo + 1..aux).rev() {
            if self.toks[k].is_punct() {
                return None;
            }
            // "The group which claimed the attack said": a cue may sit in the relative clause.
            cue |= self.toks[k].cue.is_some_and(|id| !self.lexicon.cue(id).nominal);
            if self.has(k, Class::Relative) {
                if !in_clause(k) {
                    return None;
                }
                return Some((self.relative_antecedent(k)?, k, k));
            }
            if !cue && self.is(k, words!["a", "an"]) && (k + 1..aux).any(|j| self.source_noun_at(j)) {
                if !in_clause(k) {
                    return None;
                }
                let start = self.name_run_before(k)?;
                return Some((start, k, aux));
            }
        }
        None
    }

    /// Where the source phrase right before the relative pronoun at `k` starts: a run of names,
    /// or a phrase headed by a source noun.
    fn relative_antecedent(&self, k: usize) -> Option<usize> {
        // "... raised fears for remaining residents who have reported": the phrase right before
        // the relative pronoun, not all of the object it ends.
        let np = self.bare_np_start(self.np_start(k), k).unwrap_or(k);
        // "Residents near the dam which is held by the militia said": a subject opening the
        // sentence whose head, before its modifier, is a source noun.
        let subject = || {
            let s = self.np_start(k);
            let opens = s == 0 || self.toks[s - 1].is_punct();
            (s < k && opens && self.is_source_noun(self.head(s, k)) && self.looks_like_source(s, k)).then_some(s)
        };
        self.name_run_before(k)
            .or_else(|| (np < k && self.source_noun_at(k - 1) && self.looks_like_source(np, k)).then_some(np))
            .or_else(subject)
    }

    /// "Rami Abdulrahman who runs the Observatory said", "The Observatory a monitor which tracks
    /// the war through a network of contacts said": the phrase at `start` ends a subject
    /// relative clause ("who" or "which", then a lower-case word that opens no noun phrase), in
    /// copy without commas; the antecedent is the source and the relative clause is dropped:
    /// (start, end of its name, end). Not an object relative ("the attack which the army said"),
    /// nor a clause after a reporting verb ("The Observatory which tracks the war said
    /// activists reported": the activists report).
    pub(super) fn relative_clause_antecedent(&self, start: usize, aux: usize) -> Option<(usize, usize, usize)> {
        let r = (start.saturating_sub(12)..start)
            .rev()
            .take_while(|&k| {
                let t = &self.toks[k];
                let clause = t.has(Class::Clause) && !t.has(Class::Link) && !t.has(Class::Relative);
                let cue = t.cue.is_some_and(|id| !self.lexicon.cue(id).nominal)
                    && !(k > 0 && self.has(k - 1, Class::Relative));
                !t.is_punct() && !clause && !cue
            })
            .find(|&k| self.has(k, Class::Relative))?;
        let gap = r + 1 < start
            && self.is(r, words!["who", "which"])
            && self.word_starts_lower(r + 1)
            && !self.toks[r + 1].starts_digit()
            && ![Class::Article, Class::Determiner, Class::Pronoun, Class::NpOpener]
                .iter()
                .any(|&c| self.has(r + 1, c));
        // "officials who are granted a say": a cue after an article is no verb.
        if !gap || r == 0 || self.has(aux - 1, Class::Article) {
            return None;
        }
        let s = self.relative_antecedent(r)?;
        // "The Observatory an anti-Assad group which", "Residents in Aleppo who": the whole
        // phrase its article opens, or the phrase a name after a preposition ends.
        let np = self.np_start(r);
        let widen = self.has(np, Class::Article)
            || (s > 0 && self.has(s - 1, Class::Preposition) && (np..s - 1).any(|k| self.source_noun_at(k)));
        let s = if np < s && widen && self.looks_like_source(np, r) {
            np
        } else {
            s
        };
        let s = self.name_before_appositive(s, r).unwrap_or(s);
        (s < r && r < aux).then_some((s, r, r))
    }

    /// A participle modifier at token `k`, before its object: "a doctor receiving the
    /// casualties", "residents fleeing the fighting" (not "the ruling party", nor a reporting
    /// participle such as "saying").
    fn ing_modifier(&self, k: usize) -> bool {
        k > 0
            && self.word_starts_lower(k)
            && self.lower(k).ends_with("ing")
            && !self.has(k, Class::Participle)
            && (self.has(k + 1, Class::Article) || self.has(k + 1, Class::Preposition))
            && self.source_noun_at(k - 1)
    }

    /// A spaced dash at token `k`: " - ", " — ", " – " (not the hyphen of "Turkish-backed").
    pub(super) fn spaced_dash(&self, k: usize) -> bool {
        let span = self.toks[k].span;
        self.is(k, words!["-", "—", "–", "--"])
            && self.text[..span.start].ends_with(char::is_whitespace)
            && self.text[span.end..].starts_with(char::is_whitespace)
    }

    /// "SOURCE - APPOSITIVE - CUE": the source between dashes before the cue at `aux`, without
    /// the closing dash; a relative clause between them is dropped ("The Observatory - which
    /// relies on activists - said"): (start, end of its name, end).
    pub(super) fn dash_appositive(&self, aux: usize) -> Option<(usize, usize, usize)> {
        if aux < 4 || !self.spaced_dash(aux - 1) {
            return None;
        }
        let close = aux - 1;
        let open = (close.saturating_sub(20)..close)
            .rev()
            .find(|&k| self.spaced_dash(k) || (self.toks[k].is_punct() && !self.is(k, words!["'", "’", "-"])))?;
        // Between the dashes, a noun phrase ("one of the Arab components of the alliance") or a
        // relative clause, never another claim.
        let speech = (open + 1..close).any(|k| self.toks[k].cue.is_some_and(|id| !self.lexicon.cue(id).nominal));
        if !self.spaced_dash(open) || open + 1 >= close || speech {
            return None;
        }
        let start = self.np_start(open);
        if start >= open || !self.looks_like_source(start, open) {
            return None;
        }
        let end = if self.has(open + 1, Class::Relative) {
            open
        } else {
            close
        };
        Some((start, open, end))
    }

    /// `w` (lower case) or its singular is a source noun ("officials", "the ministry").
    pub(super) fn is_source_noun(&self, w: &str) -> bool {
        self.lexicon.noun_classes(w).has(Class::Source)
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::triples as claims;

    #[test]
    fn a_counted_noun_before_an_organisation_ends_the_content() {
        for (text, source, content) in [
            (
                "A strike on a clinic in the north killed 13 people MSF said on Monday.",
                "MSF",
                "A strike on a clinic in the north killed 13 people",
            ),
            (
                "The blast wounded 32 people Syrian state television reported.",
                "Syrian state television",
                "The blast wounded 32 people",
            ),
        ] {
            let got = claims(text);
            assert_eq!(
                got.iter().map(|c| (c.0, c.2)).collect::<Vec<_>>(),
                [(source, content)],
                "{text}"
            );
        }
        // An appositive after a possessive or an article stays in the source.
        let text = "The government and its ally Russia have denied the raid took place.";
        assert_eq!(claims(text)[0].0, "The government and its ally Russia");
        let text = "The toll rose to 115 the Syrian Observatory for Human Rights said.";
        assert_eq!(claims(text)[0].0, "the Syrian Observatory for Human Rights");
    }

    #[test]
    fn a_photo_credit_is_no_part_of_the_source() {
        // The layer took the credit into the source before the credit ended a clause.
        let text = "Residents inspect the rubble of a house in the old city of Homs March 3 2019. REUTERS/Jane Doe The United Nations and others said it had no independent confirmation that the shells were aimed at the school.";
        let want = "it had no independent confirmation that the shells were aimed at the school";
        assert_eq!(claims(text), [("The United Nations and others", "said", want)]);
    }

    #[test]
    fn relative_clauses_stay_out_of_comma_less_sources() {
        assert_eq!(
            claims("The Observatory which tracks the conflict said the blast also killed a commander."),
            [("The Observatory", "said", "the blast also killed a commander")]
        );
        assert_eq!(
            claims("Two fighters were also killed said monitor head Rami Abdel Rahman who gave no further details."),
            [(
                "monitor head Rami Abdel Rahman",
                "said",
                "Two fighters were also killed"
            )]
        );
        assert_eq!(
            claims("This will not be allowed to stand said Lavrov whose government has backed the offensive."),
            [("Lavrov", "said", "This will not be allowed to stand")]
        );
    }

    #[test]
    fn comma_less_appositives_belong_to_the_source() {
        assert_eq!(
            claims("The Syrian Observatory for Human Rights a monitoring group based in Britain reported that the strikes hit a market."),
            [(
                "The Syrian Observatory for Human Rights a monitoring group based in Britain",
                "reported",
                "the strikes hit a market"
            )]
        );
        assert_eq!(
            claims("The Syrian Observatory for Human Rights a Britain-based monitor said at least 20 people died."),
            [(
                "The Syrian Observatory for Human Rights a Britain-based monitor",
                "said",
                "at least 20 people died"
            )]
        );
        assert_eq!(
            claims("Rami Abdel Rahman the head of the Observatory said the toll was likely to rise."),
            [(
                "Rami Abdel Rahman the head of the Observatory",
                "said",
                "the toll was likely to rise"
            )]
        );
        // A place or a conjunction before the source is not its name.
        assert_eq!(
            claims("In Aleppo a monitor said the toll was rising."),
            [("a monitor", "said", "the toll was rising")]
        );
        assert_eq!(
            claims("But the Syrian Observatory said there had been no air support."),
            [("the Syrian Observatory", "said", "there had been no air support")]
        );
    }

    #[test]
    fn glued_titles_and_dates_stay_out_of_the_source() {
        assert_eq!(
            claims("Date of publication 3 May 2017 Syrian rescue workers say the strikes killed nine civilians."),
            [("Syrian rescue workers", "say", "the strikes killed nine civilians")]
        );
        assert_eq!(
            claims("Army Jet Crashes Near Hama Two Pilots Missing Earlier in the day Ivanov said that the convoy had been hit twice."),
            [("Ivanov", "said", "the convoy had been hit twice")]
        );
    }

    #[test]
    fn glued_clock_times_stay_out_of_the_source() {
        assert_eq!(
            claims("Posted 09:12 GMT Turkish officials said the border post was shut."),
            [("Turkish officials", "said", "the border post was shut")]
        );
        assert_eq!(
            claims("Idlib 3 hours ago Rescue workers said two buildings collapsed."),
            [("Rescue workers", "said", "two buildings collapsed")]
        );
        // A number after an article is the phrase's own.
        assert_eq!(
            claims("The 12-member Council said the vote was valid."),
            [("The 12-member Council", "said", "the vote was valid")]
        );
    }

    #[test]
    fn a_title_noun_before_a_name_makes_a_comma_less_source() {
        assert_eq!(
            claims("The gunmen were shot at the gate commander Ahmed Saleh told Reuters."),
            [("commander Ahmed Saleh", "told", "The gunmen were shot at the gate")]
        );
    }

    #[test]
    fn dash_appositives_keep_the_noun_phrase_and_drop_a_relative_clause() {
        assert_eq!(
            claims(
                "The Hamza Brigade - one of the factions of the alliance - also said the fighters had taken the hill."
            ),
            [(
                "The Hamza Brigade - one of the factions of the alliance",
                "also said",
                "the fighters had taken the hill"
            )]
        );
        assert_eq!(
            claims("The Observatory - which relies on a network of activists - said the jet was the third shot down."),
            [("The Observatory", "said", "the jet was the third shot down")]
        );
    }

    #[test]
    fn a_photo_credit_before_the_source_is_not_the_source() {
        assert_eq!(
            claims("(AFP) The Hamza Brigade also said the fighters had taken the hill."),
            [("The Hamza Brigade", "also said", "the fighters had taken the hill")]
        );
        assert_eq!(
            claims("Eight people were hurt in the blast. (MNA) - SANA's correspondent in Hama said that a car bomb went off."),
            [("SANA's correspondent in Hama", "said", "a car bomb went off")]
        );
        assert_eq!(
            claims("The Local Coordination Committees (LCC) said the bridge was destroyed."),
            [(
                "The Local Coordination Committees (LCC)",
                "said",
                "the bridge was destroyed"
            )]
        );
    }

    #[test]
    fn a_relative_clause_speaks_for_a_source_noun_not_for_a_place() {
        assert_eq!(
            claims(
                "The siege has raised fears of hunger for remaining residents who have reported shortages of bread."
            ),
            [("residents", "have reported", "shortages of bread")]
        );
        assert_eq!(
            claims("The war in Syria which erupted in 2011 has claimed the lives of thousands."),
            []
        );
        assert_eq!(
            claims("Northern Hama which is still home to an estimated 90000 people has endured shelling."),
            []
        );
    }

    #[test]
    fn a_month_name_without_a_number_is_a_first_name() {
        assert_eq!(
            claims("\"The ceasefire is holding\" UN envoy Jan Smit told Reuters."),
            [("UN envoy Jan Smit", "told", "The ceasefire is holding")]
        );
    }

    #[test]
    fn a_participle_modifier_stays_in_the_source() {
        assert_eq!(
            claims("Residents fleeing the fighting said the army was shelling the town."),
            [(
                "Residents fleeing the fighting",
                "said",
                "the army was shelling the town"
            )]
        );
        assert_eq!(
            claims("The governing council said the vote would go ahead."),
            [("The governing council", "said", "the vote would go ahead")]
        );
    }

    #[test]
    fn three_appositives_and_a_participle_modifier_stay_in_the_source() {
        assert_eq!(
            claims("Leila Nasser, a spokeswoman for the agency, a former teacher, said the school had reopened."),
            [(
                "Leila Nasser, a spokeswoman for the agency, a former teacher",
                "said",
                "the school had reopened"
            )]
        );
        assert_eq!(
            claims("The brigade's commander, Samir al-Khouri, said the hill was lost."),
            [("The brigade's commander, Samir al-Khouri", "said", "the hill was lost")]
        );
        assert_eq!(
            claims("The fire spread fast, a witness standing near the depot said."),
            [("a witness standing near the depot", "said", "The fire spread fast")]
        );
    }

    #[test]
    fn an_ed_adjective_opening_a_phrase_is_no_verb() {
        assert_eq!(
            claims("A captured document said the unit had run out of fuel."),
            [("A captured document", "said", "the unit had run out of fuel")]
        );
        // A cue form after "despite repeated" is a noun.
        assert_eq!(claims("Despite repeated army claims the road stays shut."), []);
    }

    #[test]
    fn a_fronted_phrase_stays_out_of_a_comma_less_source() {
        // A connective, a place, a month, a date, a medium or a span of time before the source.
        let cases = [
            ("In return Ankara announced it would close the crossing.", "Ankara"),
            (
                "In Hama state television said two mortars struck a school.",
                "state television",
            ),
            ("For his part Lavrov said the talks would resume next week.", "Lavrov"),
            (
                "In April Kurdish commander Aras Demir told reporters the dam was taken.",
                "Kurdish commander Aras Demir",
            ),
            (
                "In an audio statement Jaish al-Islam said its fighters had pulled back.",
                "Jaish al-Islam",
            ),
            (
                "On 4 June 2015 Iraqi Prime Minister Haidar Nouri said the border would stay open.",
                "Iraqi Prime Minister Haidar Nouri",
            ),
            (
                "In the meantime local activists said the bakery had been hit.",
                "local activists",
            ),
            (
                "In a new development 12 rebel factions announced they had merged.",
                "12 rebel factions",
            ),
            (
                "At the United Nations the French envoy said the vote would be delayed.",
                "the French envoy",
            ),
        ];
        for (sentence, source) in cases {
            let found = claims(sentence);
            assert_eq!(found.len(), 1, "{sentence}");
            assert_eq!(found[0].0, source, "{sentence}");
        }
        // A source that opens with no preposition stays whole.
        assert_eq!(
            claims("Residents of Aleppo said the shelling lasted all night.")[0].0,
            "Residents of Aleppo"
        );
        assert_eq!(
            claims("Officials in Damascus said the convoy had arrived.")[0].0,
            "Officials in Damascus"
        );
    }

    #[test]
    fn a_plain_word_glued_before_the_source_ends_the_clause_before() {
        use crate::claims::tests::rule_triples;
        use crate::claims::Rule;
        // Copy without commas: the word before the source closes the sentence's first clause.
        let cases = [
            (
                "At the crossing the trucks were waiting one resident said the road was mined.",
                ("one resident", "said", "the road was mined"),
            ),
            (
                "While calling the strike cruel and pointless Mansour said the talks would go on.",
                ("Mansour", "said", "the talks would go on"),
            ),
            (
                "Asked why jets spare the units that shell homes Halabi told reporters the toll was rising.",
                ("Halabi", "told", "the toll was rising"),
            ),
        ];
        for (sentence, claim) in cases {
            assert_eq!(rule_triples(sentence, Rule::SourceCueContent), [claim], "{sentence}");
        }
        // A source modifier and a relative clause's verb stay with the source.
        assert_eq!(
            claims("The trucks were waiting and senior US officials said the base was safe.")[0].0,
            "senior US officials"
        );
        let relative = claims("The Northern Command which oversees Turkish forces in the area said two soldiers died.");
        assert!(
            relative.iter().all(|c| c.0 != "Turkish forces in the area"),
            "{relative:?}"
        );
    }

    #[test]
    fn a_participle_after_a_trailing_cue_opens_no_source() {
        // The phrase after "-ing" is the participle's object; the source stands before the cue.
        assert_eq!(
            claims("Two bridges were destroyed in the raid a local correspondent added citing medics."),
            [(
                "a local correspondent",
                "added",
                "Two bridges were destroyed in the raid"
            )]
        );
        // "according to" opens its own claim, around this one.
        let found = claims("The talks will resume next week Lavrov said according to the state news agency.");
        assert!(
            found.contains(&("Lavrov", "said", "The talks will resume next week")),
            "{found:?}"
        );
    }

    #[test]
    fn a_fronted_phrase_stays_out_of_a_shared_or_follow_up_subject() {
        assert_eq!(
            claims("On 3 May 2016 Turkish Foreign Minister Ali Kaya said the crossing would stay shut and promised a firm response to any attack."),
            [
                ("Turkish Foreign Minister Ali Kaya", "said", "the crossing would stay shut"),
                ("Turkish Foreign Minister Ali Kaya", "promised", "a firm response to any attack")
            ]
        );
        assert_eq!(
            claims(
                "For weeks the ministry has been trying to counter the reports arguing that the photos were staged."
            ),
            [("the ministry", "arguing", "the photos were staged")]
        );
        assert_eq!(
            claims("In a post on its Telegram account the Hamza Brigade named one of the dead commanders adding that he was killed near Afrin."),
            [("the Hamza Brigade", "adding", "he was killed near Afrin")]
        );
    }

    #[test]
    fn a_participle_modifier_keeps_its_noun_in_the_source() {
        assert_eq!(
            claims("The Syrian Observatory for Human Rights based in London said the raid killed six people."),
            [(
                "The Syrian Observatory for Human Rights based in London",
                "said",
                "the raid killed six people"
            )]
        );
        assert_eq!(
            claims("A statement attributed to the rebel commander said the road was cut."),
            [(
                "A statement attributed to the rebel commander",
                "said",
                "the road was cut"
            )]
        );
        assert_eq!(
            claims("Families in the district held by the army said food was running out."),
            [(
                "Families in the district held by the army",
                "said",
                "food was running out"
            )]
        );
        // The agent after a participle is no adjunct that ends the source.
        assert_eq!(
            claims("A report released by a panel of UN experts on Friday said that abuses continue."),
            [("A report released by a panel of UN experts", "said", "abuses continue")]
        );
        // After "which is", the agent phrase is no source; the relative clause is dropped.
        let found = claims("Farmers near the dam which is controlled by the militia said the water had been cut off.");
        assert!(found.iter().all(|c| !c.0.starts_with("by ")), "{found:?}");
        assert_eq!(
            claims("Residents near the dam which is controlled by the militia said the water had been cut off."),
            [("Residents near the dam", "said", "the water had been cut off")]
        );
    }

    #[test]
    fn media_arms_and_wings_are_sources() {
        assert_eq!(
            claims("The military media arm said its fighters attacked a village near Khanaser."),
            [(
                "The military media arm",
                "said",
                "its fighters attacked a village near Khanaser"
            )]
        );
    }

    #[test]
    fn a_name_keeps_its_joined_or_person_noun_appositive() {
        assert_eq!(
            claims("Khalid Nasser a commander and spokesman for the Southern Front said the talks had stalled."),
            [(
                "Khalid Nasser a commander and spokesman for the Southern Front",
                "said",
                "the talks had stalled"
            )]
        );
        assert_eq!(
            claims("Layla Haddad a 35-year-old teacher living in Douma said she heard the jets twice."),
            [(
                "Layla Haddad a 35-year-old teacher living in Douma",
                "said",
                "she heard the jets twice"
            )]
        );
        assert_eq!(
            claims("Samir Aziz the manager of a bakery in Idlib told reporters the oven was destroyed."),
            [(
                "Samir Aziz the manager of a bakery in Idlib",
                "told",
                "the oven was destroyed"
            )]
        );
    }

    #[test]
    fn a_capitalised_article_after_a_word_opens_a_glued_line_not_an_appositive() {
        assert_eq!(
            claims("Shelling Resumes The Observatory said nine people died in the village."),
            [("The Observatory", "said", "nine people died in the village")]
        );
        // A gazetteer name may open with "The".
        assert_eq!(
            claims("Samir Aziz The New Arabs correspondent in Idlib reported that the road was cut."),
            [(
                "Samir Aziz The New Arabs correspondent in Idlib",
                "reported",
                "the road was cut"
            )]
        );
    }

    #[test]
    fn a_speaking_phrase_is_no_part_of_the_source() {
        // After the source: "speaking ..." says how it spoke, like "quoting ...".
        for (text, source, content) in [
            (
                "Diplomats speaking on condition of anonymity said the talks had stalled.",
                "Diplomats",
                "the talks had stalled",
            ),
            (
                "Two officials speaking to reporters in Geneva said the vote was delayed.",
                "Two officials",
                "the vote was delayed",
            ),
            // Fronted in copy without commas: the named object of "Speaking to" is not the source.
            (
                "Speaking to Reuters Omar Khalil a council member said the bakery had closed.",
                "Omar Khalil a council member",
                "the bakery had closed",
            ),
            (
                "Speaking to The New Arab Hadi Saleh a council member said the road was cut.",
                "Hadi Saleh a council member",
                "the road was cut",
            ),
            (
                "Speaking to Al Jazeera he said the road was cut.",
                "he",
                "the road was cut",
            ),
            // No name after "Speaking on": the fronted adjunct ends at the name as before.
            (
                "Speaking on Sunday Foreign Minister Ali Kaya said the border would stay shut.",
                "Foreign Minister Ali Kaya",
                "the border would stay shut",
            ),
        ] {
            assert_eq!(claims(text), [(source, "said", content)], "{text}");
        }
    }

    #[test]
    fn the_antecedent_of_a_subject_relative_clause_is_the_source() {
        // Without commas, the phrase ending the relative clause is its object, not the source.
        for (text, source, content) in [
            (
                "Nadim Haddad who leads the Aleppo-based Syrian Civil Defence said four rescuers were hurt.",
                "Nadim Haddad",
                "four rescuers were hurt",
            ),
            (
                "The Observatory a London-based monitor which counts the dead through a web of informants in Syria said the toll had risen to 30.",
                "The Observatory a London-based monitor",
                "the toll had risen to 30",
            ),
            (
                "Residents in Fairview who fled the shelling said twelve soldiers died.",
                "Residents in Fairview",
                "twelve soldiers died",
            ),
            (
                "The monitor which supports the Syrian opposition said twelve soldiers died.",
                "The monitor",
                "twelve soldiers died",
            ),
            // An object relative: the phrase after "which" is the source.
            (
                "There was no claim for the blast which state media said was caused by a mortar.",
                "state media",
                "was caused by a mortar",
            ),
        ] {
            assert_eq!(claims(text), [(source, "said", content)], "{text}");
        }
        // A source after a reporting verb is its own: the activists report, not the Observatory.
        let found = claims("The Observatory which tracks the war said activists reported that a bridge had fallen.");
        assert!(
            found.contains(&("activists", "reported", "a bridge had fallen")),
            "{found:?}"
        );
    }

    #[test]
    fn a_perfect_participle_is_no_source() {
        // "Having" is the auxiliary of the participle clause (class auxiliary), never a name.
        let found = claims("Having promised that the convoy would pass the army blocked the road.");
        assert!(found.iter().all(|c| c.0 != "Having"), "{found:?}");
        // After a comma, the main clause's subject is the participle's.
        assert_eq!(
            claims("Having promised that the border would reopen, the minister left for Geneva."),
            [("the minister", "Having promised", "the border would reopen")]
        );
    }
}
