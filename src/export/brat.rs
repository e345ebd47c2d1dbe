//! brat standoff: the article as `.txt` plus its annotations as `.ann`.
//!
//! - Every mention is a text-bound `T` line typed by entity type (`place`, `armed_group`, ...),
//!   with an `N` line linking it to its gazetteer id (`claimex:sy-hama`) and, for places with
//!   one, a second to GeoNames (`GeoNames:170063`).
//! - Every claim is three `T` lines (`Source`, when it has one, `Cue`, `Content`) joined by two
//!   relations from the cue, `HasSource` and `HasContent`, with `Kind` and `Stance` attributes on
//!   the cue.
//! - Offsets are **code points** (brat reads the `.txt` as Unicode text), copied from the JSON.
//!   brat forbids newlines inside a fragment (and a tab would split the `.ann` line), so a
//!   span across a line break or tab becomes discontinuous (`0 4;5 11`), its fragments joined
//!   by spaces in the text column.
//!
//! [`annotation_conf`] gives the matching `annotation.conf`, the same for every article.

use super::{Article, SpanText};
use std::fmt::Write;

/// The `.ann` file for `article`; the `.txt` is `article.text` unchanged.
pub fn ann(article: &Article) -> String {
    let mut out = String::new();
    let mut t = 0;
    let mut n = 0;
    let mut text_bound = |out: &mut String, kind: &str, start: usize, end: usize| {
        t += 1;
        let (frags, text) = fragments(article, start, end);
        let _ = writeln!(out, "T{t}\t{kind} {frags}\t{text}");
        t
    };
    for m in &article.doc.mentions {
        let id = text_bound(&mut out, m.kind, m.start, m.end);
        n += 1;
        let _ = writeln!(out, "N{n}\tReference T{id} claimex:{}\t{}", m.entity, m.entity);
        if let Some(g) = article.entity(&m.entity).and_then(|e| e.attr("geonames")) {
            n += 1;
            let _ = writeln!(out, "N{n}\tReference T{id} GeoNames:{g}\t{g}");
        }
    }
    let (mut r, mut a) = (0, 0);
    for c in &article.doc.claims {
        let span = |s: &SpanText| (s.start, s.end);
        let source = c.source.as_ref().map(|s| span(&s.span));
        let source = source.map(|(s, e)| text_bound(&mut out, "Source", s, e));
        let cue = text_bound(&mut out, "Cue", c.cue.span.start, c.cue.span.end);
        let content = text_bound(&mut out, "Content", c.content.start, c.content.end);
        for (role, arg) in [("HasSource", source), ("HasContent", Some(content))] {
            if let Some(arg) = arg {
                r += 1;
                let _ = writeln!(out, "R{r}\t{role} Arg1:T{cue} Arg2:T{arg}");
            }
        }
        for (name, value) in [("Kind", c.kind), ("Stance", c.cue.stance.as_str())] {
            a += 1;
            let _ = writeln!(out, "A{a}\t{name} T{cue} {value}");
        }
    }
    out
}

/// brat fragments (`start end[;start end]...`) for a span, split at line breaks, and their text.
fn fragments(article: &Article, start: usize, end: usize) -> (String, String) {
    let (mut frags, mut texts) = (Vec::new(), Vec::new());
    let mut from = start;
    for (i, c) in article.slice(start, end).chars().chain(['\n']).enumerate() {
        let at = start + i;
        if matches!(c, '\n' | '\r' | '\t') {
            if at > from {
                frags.push(format!("{from} {at}"));
                texts.push(article.slice(from, at));
            }
            from = at + 1;
        }
    }
    (frags.join(";"), texts.join(" "))
}

/// The `annotation.conf` declaring every type, relation and attribute value [`ann`] can write:
/// all entity types, both claim kinds and every stance the claim rules and the cue lexicon
/// can give ([`crate::claims::stances`]). It depends on no article, so one folder filled by
/// several runs stays valid.
pub fn annotation_conf() -> String {
    let entities: Vec<&str> = crate::EntityType::ALL.iter().map(|t| t.as_str()).collect();
    let kinds: Vec<&str> = crate::ClaimKind::ALL.iter().map(|k| k.as_str()).collect();
    let stances: Vec<String> = crate::claims::stances().into_iter().collect();
    format!(
        "[entities]\n{}\nSource\nCue\nContent\n\n[relations]\n\
         HasSource\tArg1:Cue, Arg2:Source\nHasContent\tArg1:Cue, Arg2:Content\n\n[events]\n\n[attributes]\n\
         Kind\tArg:Cue, Value:{}\nStance\tArg:Cue, Value:{}\n",
        entities.join("\n"),
        kinds.join("|"),
        stances.join("|")
    )
}
