//! Regression test of the claim rules on `tests/claims_dev.txt` and `tests/claims_heldout.txt`,
//! sentences written by the rule authors (not independent gold; `tests/eval.rs` and
//! `claimex eval` measure on real annotated news): precision, recall
//! and F1 for source, cue and content, exact and overlapping, plus pronoun resolution and the
//! `unnamed` flag. `cargo test --test claims_eval -- --nocapture` prints the table; the floors
//! below sit slightly under the current numbers so a regression fails.

use claimex::claims::Claim;
use claimex::{Extractor, Gazetteer, Span};

/// One gold claim, as spans into its text.
struct Gold {
    source: Option<Span>,
    cue: Span,
    content: Span,
    resolved: Option<String>,
    unnamed: bool,
}

struct Case {
    text: String,
    gold: Vec<Gold>,
}

/// Counts for one field: true positives (exact and overlap), predicted and gold totals.
#[derive(Default)]
struct Counts {
    exact: usize,
    overlap: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn add(&mut self, pred: Option<Span>, gold: Option<Span>) {
        self.pred += usize::from(pred.is_some());
        self.gold += usize::from(gold.is_some());
        if let (Some(p), Some(g)) = (pred, gold) {
            self.exact += usize::from(p == g);
            self.overlap += usize::from(p.overlaps(g));
        }
    }

    fn prf(&self, tp: usize) -> (f64, f64, f64) {
        let p = tp as f64 / self.pred.max(1) as f64;
        let r = tp as f64 / self.gold.max(1) as f64;
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

/// The span of `needle` in `text` nearest to `near` (any occurrence when `near` is None).
fn locate(text: &str, needle: &str, near: Option<Span>) -> Span {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let spans = text
        .match_indices(needle)
        .filter(|(i, _)| boundary(text[..*i].chars().next_back()) && boundary(text[i + needle.len()..].chars().next()))
        .map(|(i, _)| Span::new(i, i + needle.len()));
    let gap = |s: &Span, n: Span| n.start.saturating_sub(s.end).max(s.start.saturating_sub(n.end));
    let distance = |s: &Span| near.map_or(0, |n| gap(s, n));
    spans
        .min_by_key(distance)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"))
}

fn parse(data: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in data.lines() {
        if let Some(text) = line.strip_prefix("text: ") {
            cases.push(Case {
                text: text.replace("\\n", "\n"),
                gold: Vec::new(),
            });
        } else if let Some(claim) = line.strip_prefix("claim: ") {
            let case = cases.last_mut().expect("claim before text");
            let fields: Vec<&str> = claim.split(" | ").collect();
            let content_text = fields[2].replace("\\n", "\n");
            let content = locate(&case.text, &content_text, None);
            let source = (fields[0] != "-").then(|| locate(&case.text, fields[0], Some(content)));
            let cue = locate(&case.text, fields[1], Some(source.unwrap_or(content)));
            let resolved = fields
                .iter()
                .find_map(|f| f.strip_prefix("resolved="))
                .map(String::from);
            let unnamed = fields[3..].contains(&"unnamed");
            case.gold.push(Gold {
                source,
                cue,
                content,
                resolved,
                unnamed,
            });
        }
    }
    cases
}

/// Pairs each gold claim with the unused predicted claim whose cue (else content) overlaps it most.
fn pair<'a>(gold: &[Gold], pred: &'a [Claim]) -> Vec<Option<&'a Claim>> {
    let mut used = vec![false; pred.len()];
    let overlap = |a: Span, b: Span| a.end.min(b.end).saturating_sub(a.start.max(b.start));
    gold.iter()
        .map(|g| {
            let best = (0..pred.len())
                .filter(|&i| !used[i])
                .map(|i| {
                    (
                        overlap(pred[i].cue.span, g.cue) * 1000 + overlap(pred[i].content, g.content),
                        i,
                    )
                })
                .filter(|&(score, _)| score > 0)
                .max()?;
            used[best.1] = true;
            Some(&pred[best.1])
        })
        .collect()
}

struct Report {
    claims: Counts,
    source: Counts,
    cue: Counts,
    content: Counts,
    resolved: (usize, usize),
    unnamed: (usize, usize),
    misses: Vec<String>,
}

fn evaluate(data: &str) -> Report {
    // The rules' regression suite: the learned layer (on by default) is measured on news.
    let extractor = Extractor::new(Gazetteer::embedded()).with_learned_layer(false);
    let cases = parse(data);
    let mut r = Report {
        claims: Counts::default(),
        source: Counts::default(),
        cue: Counts::default(),
        content: Counts::default(),
        resolved: (0, 0),
        unnamed: (0, 0),
        misses: Vec::new(),
    };
    for case in &cases {
        let pred = extractor.extract(&case.text).claims;
        let pairs = pair(&case.gold, &pred);
        let paired: Vec<&Claim> = pairs.iter().flatten().copied().collect();
        for (g, p) in case.gold.iter().zip(&pairs) {
            r.claims.gold += 1;
            r.claims.pred += usize::from(p.is_some());
            r.claims.overlap += usize::from(p.is_some());
            r.source
                .add(p.and_then(|p| p.source.as_ref()).map(|s| s.span), g.source);
            r.cue.add(p.map(|p| p.cue.span), Some(g.cue));
            r.content.add(p.map(|p| p.content), Some(g.content));
            if let Some(want) = &g.resolved {
                r.resolved.1 += 1;
                let got = p
                    .and_then(|p| p.source.as_ref()?.resolved.as_ref())
                    .map(|s| s.span.slice(&case.text));
                r.resolved.0 += usize::from(got == Some(want.as_str()));
                if got != Some(want.as_str()) {
                    r.misses.push(format!("resolved {want:?} | got {got:?}"));
                }
            }
            if let Some(src) = p.and_then(|p| p.source.as_ref()).filter(|_| g.source.is_some()) {
                r.unnamed.1 += 1;
                r.unnamed.0 += usize::from(src.unnamed == g.unnamed);
                if src.unnamed != g.unnamed {
                    r.misses
                        .push(format!("unnamed {} for {:?}", src.unnamed, src.span.slice(&case.text)));
                }
            }
            let exact = p.is_some_and(|p| {
                p.cue.span == g.cue && p.content == g.content && p.source.as_ref().map(|s| s.span) == g.source
            });
            r.claims.exact += usize::from(exact);
            if !exact {
                r.misses
                    .push(format!("gold {} | got {}", show(&case.text, g), shown(&case.text, *p)));
            }
        }
        for p in pred.iter().filter(|p| !paired.iter().any(|q| std::ptr::eq(*q, *p))) {
            for c in [&mut r.claims, &mut r.cue, &mut r.content] {
                c.pred += 1;
            }
            r.source.pred += usize::from(p.source.is_some());
            r.misses.push(format!("spurious {}", shown(&case.text, Some(p))));
        }
    }
    r
}

fn show(text: &str, g: &Gold) -> String {
    format!(
        "[{}] [{}] [{}]",
        g.source.map_or("-", |s| s.slice(text)),
        g.cue.slice(text),
        g.content.slice(text)
    )
}

fn shown(text: &str, p: Option<&Claim>) -> String {
    p.map_or("nothing".into(), |p| {
        format!(
            "[{}] [{}] [{}] ({})",
            p.source.as_ref().map_or("-", |s| s.span.slice(text)),
            p.cue.span.slice(text),
            p.content.slice(text),
            p.rule.as_str()
        )
    })
}

/// Prints the misses and the table; returns (field, exact F1, overlap F1) per row.
fn print(name: &str, r: &Report) -> Vec<(&'static str, f64, f64)> {
    println!("== {name}");
    for m in &r.misses {
        println!("{m}");
    }
    println!(
        "\n{:<8} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
        "field", "pred", "gold", "P", "R", "F1", "P~", "R~", "F1~"
    );
    let mut f1 = Vec::new();
    for (field, c) in [
        ("claims", &r.claims),
        ("source", &r.source),
        ("cue", &r.cue),
        ("content", &r.content),
    ] {
        let (p, rc, f) = c.prf(c.exact);
        let (po, ro, fo) = c.prf(c.overlap);
        println!(
            "{field:<8} {:>5} {:>5} | {p:>6.3} {rc:>6.3} {f:>6.3} | {po:>6.3} {ro:>6.3} {fo:>6.3}",
            c.pred, c.gold
        );
        f1.push((field, f, fo));
    }
    println!("resolved pronouns: {}/{}", r.resolved.0, r.resolved.1);
    println!("unnamed flag right: {}/{}\n", r.unnamed.0, r.unnamed.1);
    f1
}

fn assert_floors(f1: &[(&str, f64, f64)], floors: [(f64, f64); 4]) {
    for ((name, f, fo), (exact, overlap)) in f1.iter().zip(floors) {
        assert!(
            *f >= exact && *fo >= overlap,
            "{name}: F1 {f:.3} / {fo:.3} under the floor {exact} / {overlap}"
        );
    }
}

#[test]
fn development_set_scores() {
    let r = evaluate(include_str!("claims_dev.txt"));
    let f1 = print("rule authors' dev set", &r);
    assert_floors(&f1, [(0.98, 0.98); 4]);
}

#[test]
fn held_out_set_scores() {
    let r = evaluate(include_str!("claims_heldout.txt"));
    let f1 = print("rule authors' later set", &r);
    assert_floors(&f1, [(0.97, 0.98); 4]);
}
