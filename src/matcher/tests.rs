//! Trap tables for the matcher: each row is a sentence of our own and the exact spans it gives.

use super::*;
use crate::segment::segment;

const GAZ: &str = "id\tname\ttype\tsubtype\taliases\tadmin1\tadmin2\tlat\tlon\tperiod\tpriority
bab\tBab\tplace\ttown\t\tAleppo\tAl-Bab\t36.37\t37.51\t\t
dana\tDana\tplace\ttown\t\tAleppo\tJebel Saman West\t36.2\t36.9\t\t
aleppo\tAleppo\tplace\tcity\t\tAleppo\tMount Simeon\t36.2\t37.16\t\t10
benghazi\tBenghazi\tplace\t\t\t\t\t32.12\t20.07\t\t
assad\tBashar al-Assad\tperson\t\t=Assad\t\t\t\t\t\t
dez\tDeir ez-Zor\tplace\t\tDeir Ezzor|دير الزور\tDeir ez-Zor\tDeir ez-Zor\t35.33\t40.14\t\t
hama\tHama\tplace\t\tHamah|حماة\tHama\tHama\t35.13\t36.75\t\t1
hamas\tHamas\tarmed_group\t\t\t\t\t\t\t\t
hebron\tHebron\tplace\t\tKhalil\t\t\t31.53\t35.09\t\t
homs\tHoms\tplace\t\tHims|حمص\tHoms\tHoms\t34.73\t36.71\t\t
hts\tHay'at Tahrir al-Sham\tarmed_group\t\tHTS\t\t\t\t\t\t
is\tIslamic State\tarmed_group\t\tIS|ISIS|IS group\t\t\t\t\t\t
london\tLondon\tplace\t\t\t\t\t51.5\t-0.13\t\t
mallah_a\tMallah (Aleppo)\tplace\t\t?Mallah\tAleppo\tMount Simeon\t36.25\t37.17\t\t1
mallah_s\tMallah (Sweida)\tplace\t\t?Mallah\tAs-Suwayda\tShahba\t32.85\t36.6\t\t2
nsa\tNew Syrian Army\tarmed_group\t\t?government forces\t\t\t\t\t2024-12-08-\t52
quds\tJerusalem\tplace\t\tal-Quds\t\t\t31.78\t35.22\t\t
sarin\tSarin\tplace\t\t~Sarin|سارين\tAleppo\tAl-Bab\t36.3\t37.5\t\t
rania\tRania\tplace\t\tAl Rania\t\t\t36.25\t44.88\t\t
saa\tSyrian Arab Army\tarmed_group\t\t?government forces\t\t\t\t\t2011-2024-12-08\t56
sdf\tSyrian Democratic Forces\tarmed_group\t\t\t\t\t\t\t\t
sweida\tSweida\tplace\t\t\tAs-Suwayda\tAs-Suwayda\t32.7\t36.57\t\t10
syria\tSyria\tstate\t\tSyrian\t\t\t33.5\t36.3\t\t
tripoli_lb\tTripoli\tplace\t\t?Tripoli\t\t\t34.43\t35.84\t\t1
tripoli_ly\tTripoli (Libya)\tplace\t\t?Tripoli\t\t\t32.89\t13.19\t\t
us\tUnited States\tstate\t\tU.S.|=US\t\t\t\t\t\t
who\tWorld Health Organization\torganization\t\t=WHO\t\t\t\t\t\t
";

/// The test gazetteer and its matcher, built once.
static MATCHER: std::sync::LazyLock<(Gazetteer, Matcher)> = std::sync::LazyLock::new(|| {
    let mut g = Gazetteer::default();
    g.add_file("t.tsv", GAZ).unwrap();
    let m = Matcher::new(&g);
    (g, m)
});

fn find_dated<'a>(text: &'a str, date: Option<&str>) -> Vec<(&'a str, String)> {
    let (g, m) = &*MATCHER;
    m.find_dated(text, &segment(text), date.map(|d| d.parse().unwrap()))
        .into_iter()
        .map(|m| (m.span.slice(text), g.entity(m.entity).id.to_string()))
        .collect()
}

fn find(text: &str) -> Vec<(&str, String)> {
    find_dated(text, None)
}

/// Checks each `(text, [(span text, entity id)])` row.
fn check(cases: &[(&str, &[(&str, &str)])]) {
    for (text, want) in cases {
        let want: Vec<_> = want.iter().map(|(t, id)| (*t, id.to_string())).collect();
        assert_eq!(find(text), want, "{text}");
    }
}

#[test]
fn a_break_is_found_by_its_first_byte_as_by_its_character() {
    for &c in BREAKS {
        for s in [c.to_string(), format!("Deir ez{c}Zor"), format!("Hay’at{c}")] {
            assert!(has_break(&s), "{s:?}");
        }
    }
    // Other characters, some sharing a first byte with a break ("’" and "—" with "“").
    for s in ["", "Deir ez-Zor", "Hay’at Tahrir", "al—Sham", "Ḩamāh", "حلب", "a.b's"] {
        assert!(!has_break(s), "{s:?}");
    }
}

#[test]
fn words_case_and_folding() {
    check(&[
        (
            "Hamas praised Hama's fighters.",
            &[("Hamas", "hamas"), ("Hama", "hama")],
        ),
        ("A Homsi poet left Homs.", &[("Homs", "homs")]),
        ("It is what IS wants.", &[("IS", "is")]),
        ("The HTS-led offensive; hts is lowercase.", &[("HTS", "hts")]),
        (
            "Fighters of Hay’at Tahrir al-Sham advanced.",
            &[("Hay’at Tahrir al-Sham", "hts")],
        ),
        (
            "DEIR EZ-ZOR and Deir ez-\nZor and دير الزور.",
            &[("DEIR EZ-ZOR", "dez"), ("Deir ez-\nZor", "dez"), ("دير الزور", "dez")],
        ),
        (
            "Ḩamāh, Syria's Hama, Syria.",
            &[
                ("Ḩamāh", "hama"),
                ("Syria", "syria"),
                ("Hama", "hama"),
                ("Syria", "syria"),
            ],
        ),
        ("Clashes in حَمَاة.", &[("حَمَاة", "hama")]),
        (
            "قصف على حماة وحماة وبحماة.",
            &[("حماة", "hama"), ("حماة", "hama"), ("حماة", "hama")],
        ),
        ("وبحمص وحمص", &[("حمص", "homs"), ("حمص", "homs")]),
        (
            "في دير الزور ولدير الزور.",
            &[("دير الزور", "dez"), ("دير الزور", "dez")],
        ),
        (
            "Syrian Hama Homs",
            &[("Syrian", "syria"), ("Hama", "hama"), ("Homs", "homs")],
        ),
        ("Backed by the U.S. and U.S.-led", &[("U.S.", "us"), ("U.S.", "us")]),
        ("Assad spoke; the assad family did not.", &[("Assad", "assad")]),
    ]);
}

#[test]
fn scraped_genitives_match_proper_names_only() {
    check(&[
        (
            "Syrias war reached Hamas office.",
            &[("Syrias", "syria"), ("Hamas", "hamas")],
        ),
        (
            "Assads forces left Aleppos old city.",
            &[("Assads", "assad"), ("Aleppos", "aleppo")],
        ),
        // Not a genitive: lower-case, or the stem is too short to be sure.
        ("the aleppos of it; Homss", &[]),
    ]);
}

#[test]
fn brackets_and_capitals() {
    check(&[
        (
            "The Islamic State (IS) group struck.",
            &[("Islamic State", "is"), ("IS", "is")],
        ),
        ("THIS IS A RUSH TRANSCRIPT FROM THE WHO", &[]),
        (
            "IS fighters and the WHO said so; US forces left.",
            &[("IS", "is"), ("WHO", "who"), ("US", "us")],
        ),
        ("HAMA AND HOMS ARE CALM, SAYS IS", &[("HAMA", "hama"), ("HOMS", "homs")]),
        (
            "Deir ez-Zor (VIDEO) and Syria (LCC): the VIDEO and the LCC.",
            &[("Deir ez-Zor", "dez"), ("Syria", "syria")],
        ),
        ("Fighting in Hama, Homs.", &[("Hama", "hama"), ("Homs", "homs")]),
    ]);
}

#[test]
fn people_and_organisations_are_not_places() {
    check(&[
        ("Queen Rania visited London.", &[("London", "london")]),
        ("President Khalil met Rania officials.", &[("Rania", "rania")]),
        ("The London-based monitor and the London based group.", &[]),
        ("A Syrian-based NGO", &[]),
        ("Doctors at al-Quds hospital in Aleppo.", &[("Aleppo", "aleppo")]),
        ("Pilgrims reached al-Quds.", &[("al-Quds", "quds")]),
    ]);
}

#[test]
fn weak_names_need_evidence() {
    check(&[
        ("Sarin was used, inspectors said.", &[]),
        ("Shells hit the village of Sarin.", &[("Sarin", "sarin")]),
        ("Shells hit Sarin countryside.", &[("Sarin", "sarin")]),
        ("Shells hit سارين.", &[("سارين", "sarin")]),
        // A strong place of the same district is evidence, and of the same governorate unless
        // it is a city or governorate: those are named in most articles of the region.
        ("Sarin and Bab were shelled.", &[("Sarin", "sarin"), ("Bab", "bab")]),
        ("Sarin and Dana were shelled.", &[("Sarin", "sarin"), ("Dana", "dana")]),
        ("Sarin and Aleppo were shelled.", &[("Aleppo", "aleppo")]),
        ("Sarin and Homs were shelled.", &[("Homs", "homs")]),
    ]);
}

#[test]
fn a_place_after_a_given_name_or_title_is_a_person() {
    check(&[
        ("Ahmad Khalil said so.", &[]),
        ("Khalil is a city.", &[("Khalil", "hebron")]),
        ("The Queen, Rania officials said.", &[("Rania", "rania")]),
        ("Queen Rania spoke.", &[]),
        // "Al" is a given name, but also how place names begin ("Al Rania" below): no person cue.
        ("Al Homs was calm.", &[("Homs", "homs")]),
    ]);
}

#[test]
fn shared_names_follow_the_article_places() {
    check(&[
        ("Mallah was shelled.", &[("Mallah", "mallah_s")]),
        (
            "Shells hit Aleppo and Mallah.",
            &[("Aleppo", "aleppo"), ("Mallah", "mallah_a")],
        ),
        (
            "Mallah, east of Aleppo, was shelled.",
            &[("Mallah", "mallah_a"), ("Aleppo", "aleppo")],
        ),
        (
            "In Sweida. Mallah was shelled.",
            &[("Sweida", "sweida"), ("Mallah", "mallah_s")],
        ),
        ("Tripoli was calm.", &[("Tripoli", "tripoli_lb")]),
        // No admin area in common: the nearer namesake wins.
        ("From Homs to Tripoli.", &[("Homs", "homs"), ("Tripoli", "tripoli_lb")]),
        (
            "From Benghazi to Tripoli.",
            &[("Benghazi", "benghazi"), ("Tripoli", "tripoli_ly")],
        ),
    ]);
}

#[test]
fn the_article_date_chooses_by_period() {
    let text = "Syrian government forces advanced.";
    let forces = |date| {
        find_dated(text, date)
            .into_iter()
            .find(|(t, _)| *t == "government forces")
            .unwrap()
            .1
    };
    assert_eq!(forces(None), "saa", "without a date, the higher priority");
    assert_eq!(forces(Some("2016-03-12")), "saa");
    assert_eq!(
        forces(Some("2024-12-08")),
        "saa",
        "both periods contain the day: priority"
    );
    assert_eq!(forces(Some("2025-03-01")), "nsa");
    assert_eq!(forces(Some("2009-01-01")), "saa", "no period fits: as without a date");
}

#[test]
fn bracketed_acronym_resolves_to_the_entity() {
    let text = "The Syrian Democratic Forces (SDF) advanced. The SDF held.";
    assert_eq!(
        find(text),
        [
            ("Syrian Democratic Forces", "sdf".to_string()),
            ("SDF", "sdf".to_string()),
            ("SDF", "sdf".to_string())
        ]
    );
}

/// A sentence is searched for an acronym in its folded view unless its text is ASCII without
/// apostrophes and lacks the acronym's first word: one with apostrophes or diacritics whose view
/// spells it is still searched.
#[test]
fn an_acronym_is_found_where_only_the_folded_view_spells_it() {
    let text = "The Syrian Democratic Forces (SDF) advanced. Nothing here. The S'DF held. The \u{15e}DF held.";
    assert_eq!(
        find(text),
        [
            ("Syrian Democratic Forces", "sdf".to_string()),
            ("SDF", "sdf".to_string()),
            ("S'DF", "sdf".to_string()),
            ("\u{15e}DF", "sdf".to_string())
        ]
    );
}

/// The grouping of the embedded gazetteer's aliases by pattern: the non-empty ranges tile the
/// targets in pattern order, every alias's pattern has a target for its entity with its weakness, no range
/// repeats a target twice in a row, and only patterns of lexicon cues alone have no targets.
#[test]
fn every_alias_is_a_target_of_its_pattern() {
    let gazetteer = Gazetteer::embedded();
    let m = Matcher::new(&gazetteer);
    let mut end = 0;
    for (p, _) in (0..m.heads.len())
        .map(|k| m.heads.get(k))
        .filter(|(p, _)| !p.is_empty())
    {
        assert_eq!(p.start, end, "ranges follow one another");
        let range = &m.targets[p.clone()];
        assert!(range.windows(2).all(|w| w[0] != w[1]), "{range:?}");
        end = p.end;
    }
    assert_eq!(end, m.targets.len());
    // Some aliased patterns carry cue bits, which must not leak into their ranges.
    assert!((0..m.heads.len()).any(|k| matches!(m.heads.get(k), (r, cues) if !r.is_empty() && cues != 0)));
    let mut aliased = vec![false; m.heads.len()];
    let mut runs = Vec::new();
    for alias in gazetteer.aliases() {
        let lower = format!("{}{PAD}", alias.folded.trim_end().to_ascii_lowercase());
        let len = alias.folded.trim_end().len() + 1;
        let mut patterns = Vec::new();
        m.index.walk(&lower, len, &mut runs, |s, e, p| {
            if s == 0 && e == len - 1 {
                patterns.push(p);
            }
        });
        assert_eq!(patterns.len(), 1, "{:?}", alias.folded);
        aliased[patterns[0]] = true;
        let range = &m.targets[m.heads.get(patterns[0]).0];
        assert!(
            range
                .iter()
                .any(|t| t.entity as usize == alias.entity && t.weak == alias.weak),
            "{:?}",
            alias.text
        );
    }
    for (k, aliased) in aliased.into_iter().enumerate() {
        assert_eq!(!m.heads.get(k).0.is_empty(), aliased);
    }
}

/// A match reads its pattern's targets at random: they stay 16 bytes (46 K of them, 730 KB,
/// under the 1 MB cache level; 24 bytes with a usize entity).
#[test]
fn a_target_is_sixteen_bytes() {
    assert_eq!(std::mem::size_of::<Target>(), 16);
}

/// The embedded gazetteer with a file added is compiled at run time, not loaded from the
/// build's patterns: the added alias is found, and the embedded ones still are.
#[test]
fn a_gazetteer_added_to_the_embedded_one_is_matched() {
    let mut g = Gazetteer::embedded();
    g.add_file(
        "x.tsv",
        "id\tname\ttype\taliases\nwadi_x\tWadi Xanadu\tplace\tXanadu Valley\n",
    )
    .unwrap();
    let m = Matcher::new(&g);
    let text = "Shelling hit Xanadu Valley near Aleppo.";
    let found: Vec<_> = (m.find(text, &segment(text)).into_iter())
        .map(|x| (x.span.slice(text), g.entity(x.entity).id.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("Xanadu Valley", "wadi_x".to_string()),
            ("Aleppo", "gn-170063".to_string())
        ]
    );
}
