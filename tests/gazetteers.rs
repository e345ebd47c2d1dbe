//! Lint of the embedded gazetteers: they load, and no alias is shared by two entities unless
//! every one of them marks it shared on purpose (`?`).

use claimex::fold::fold_str;
use claimex::Gazetteer;
use std::collections::BTreeMap;

#[test]
fn embedded_gazetteers_load_and_aliases_are_unambiguous_or_marked() {
    let g = Gazetteer::embedded();
    assert!(g.entities().len() > 1000, "only {} entities", g.entities().len());
    let mut by_key: BTreeMap<(bool, String), Vec<usize>> = BTreeMap::new();
    for (i, a) in g.aliases().iter().enumerate() {
        let folded = fold_str(&a.text);
        let key = if a.case_sensitive {
            folded
        } else {
            folded.to_ascii_lowercase()
        };
        by_key.entry((a.case_sensitive, key)).or_default().push(i);
    }
    let mut problems = Vec::new();
    for ((_, key), aliases) in &by_key {
        let mut entities: Vec<_> = aliases.iter().map(|&i| g.aliases()[i].entity).collect();
        entities.sort_unstable();
        entities.dedup();
        if entities.len() > 1 && !aliases.iter().all(|&i| g.aliases()[i].shared) {
            let who: Vec<_> = aliases
                .iter()
                .map(|&i| g.entity(g.aliases()[i].entity).origin.clone())
                .collect();
            problems.push(format!("{key:?} is shared by {} without '?'", who.join(", ")));
        }
    }
    assert!(
        problems.is_empty(),
        "{} shared aliases:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
