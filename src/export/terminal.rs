//! The `review` view: an article's claims as coloured text for a terminal.
//!
//! Claims are grouped by sentence: the sentence is printed with its claims' sources, cues and
//! contents coloured in place, then each claim on its own lines. Entity counts by type close
//! the view. With `color` off the output has no escape sequences at all (the caller decides,
//! from `NO_COLOR` and whether the output is a terminal).

use super::Article;
use std::io::{self, Write};

/// ANSI styles; empty strings when colour is off.
struct Palette {
    source: &'static str,
    cue: &'static str,
    content: &'static str,
    dim: &'static str,
    bold: &'static str,
    reset: &'static str,
}

const COLOR: Palette = Palette {
    source: "\x1b[1;35m",
    cue: "\x1b[1;33m",
    content: "\x1b[32m",
    dim: "\x1b[2m",
    bold: "\x1b[1m",
    reset: "\x1b[0m",
};

const PLAIN: Palette = Palette {
    source: "",
    cue: "",
    content: "",
    dim: "",
    bold: "",
    reset: "",
};

/// Writes the review of `article` to `out`.
pub fn write(out: &mut impl Write, article: &Article, color: bool) -> io::Result<()> {
    let p = if color { &COLOR } else { &PLAIN };
    let doc = &article.doc;
    let title = doc.document.title.as_deref().unwrap_or("(no title)");
    writeln!(out, "{}{title}{}", p.bold, p.reset)?;
    writeln!(
        out,
        "{}{} · {} sentences · {} mentions · {} claims{}",
        p.dim,
        doc.document.id,
        doc.sentences.len(),
        doc.mentions.len(),
        doc.claims.len(),
        p.reset
    )?;
    let mut claims = doc.claims.iter().peekable();
    while let Some(first) = claims.peek() {
        let index = first.sentence;
        let group: Vec<_> = std::iter::from_fn(|| claims.next_if(|c| c.sentence == index)).collect();
        writeln!(out)?;
        writeln!(
            out,
            "{}[{index}]{} {}",
            p.dim,
            p.reset,
            sentence(article, index, &group, p)
        )?;
        for c in group {
            let stance = format!("{} · {} · {:.2}", c.kind, c.cue.stance, c.confidence);
            writeln!(out, "  {}{}{} {}{stance}{}", p.bold, c.id, p.reset, p.dim, p.reset)?;
            let source = match &c.source {
                Some(s) => {
                    let entity = s.entity.as_ref().zip(s.kind.as_ref());
                    let entity = entity.map_or(String::new(), |(e, k)| format!(" {}({k}: {e}){}", p.dim, p.reset));
                    let resolved = s.resolved.as_ref().map_or(String::new(), |r| {
                        let e = r.entity.as_deref().map_or(String::new(), |e| format!(" ({e})"));
                        format!(" {}→ {}{e}{}", p.dim, r.span.text, p.reset)
                    });
                    format!("{}{}{}{entity}{resolved}", p.source, s.span.text, p.reset)
                }
                None => format!("{}(unattributed){}", p.dim, p.reset),
            };
            writeln!(out, "    source   {source}")?;
            writeln!(out, "    cue      {}{}{}", p.cue, c.cue.span.text, p.reset)?;
            writeln!(out, "    content  {}{}{}", p.content, c.content.text, p.reset)?;
            if !c.entities.is_empty() {
                writeln!(out, "    entities {}{}{}", p.dim, c.entities.join(", "), p.reset)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}Entities{}", p.bold, p.reset)?;
    for kind in crate::EntityType::ALL.map(|t| t.as_str()) {
        let mut of_kind: Vec<_> = doc
            .entities
            .iter()
            .filter(|e| e.kind == kind && e.mentions > 0)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|x, y| y.mentions.cmp(&x.mentions).then_with(|| x.name.cmp(&y.name)));
        let mentions: usize = of_kind.iter().map(|e| e.mentions).sum();
        let names: Vec<String> = of_kind.iter().map(|e| format!("{} ×{}", e.name, e.mentions)).collect();
        writeln!(
            out,
            "  {kind:<13} {mentions:>3}  {}{}{}",
            p.dim,
            names.join(", "),
            p.reset
        )?;
    }
    Ok(())
}

/// The sentence with each code point styled by the claim part covering it (cue over source
/// over content).
fn sentence(article: &Article, index: usize, claims: &[&super::Claim], p: &Palette) -> String {
    let s = &article.doc.sentences[index];
    let style_at = |at: usize| {
        let inside = |start: usize, end: usize| start <= at && at < end;
        if claims.iter().any(|c| inside(c.cue.span.start, c.cue.span.end)) {
            p.cue
        } else if claims
            .iter()
            .filter_map(|c| c.source.as_ref())
            .any(|s| inside(s.span.start, s.span.end))
        {
            p.source
        } else if claims.iter().any(|c| inside(c.content.start, c.content.end)) {
            p.content
        } else {
            ""
        }
    };
    let mut out = String::new();
    let mut current = "";
    for (i, ch) in article.slice(s.start, s.end).chars().enumerate() {
        let style = style_at(s.start + i);
        if style != current {
            if !current.is_empty() {
                out.push_str(p.reset);
            }
            out.push_str(style);
            current = style;
        }
        out.push(if ch == '\n' { ' ' } else { ch });
    }
    if !current.is_empty() {
        out.push_str(p.reset);
    }
    out
}
