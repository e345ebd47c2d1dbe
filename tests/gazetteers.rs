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

/// Variants, Arabic script, acronyms and the known traps, resolved by the embedded gazetteers.
#[test]
fn traps_resolve_with_exact_spans() {
    use claimex::Extractor;
    let x = Extractor::new(Gazetteer::embedded());
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "Clashes in Deir ez-Zor, Deir Ezzor, Dayr az-Zawr, Deir al-Zour, DEIR EZ-ZOR and دير الزور.",
            &[
                ("Deir ez-Zor", "gn-170794"),
                ("Deir Ezzor", "gn-170794"),
                ("Dayr az-Zawr", "gn-170794"),
                ("Deir al-Zour", "gn-170794"),
                ("DEIR EZ-ZOR", "gn-170794"),
                ("دير الزور", "gn-170794"),
            ],
        ),
        (
            "Hamas praised Hama's fighters; a Homsi poet left Homs.",
            &[("Hamas", "hamas"), ("Hama", "gn-170017"), ("Homs", "gn-169577")],
        ),
        (
            "IS attacked, and it is unclear who is responsible; ISIS and Daesh.",
            &[
                ("IS", "islamic_state"),
                ("ISIS", "islamic_state"),
                ("Daesh", "islamic_state"),
            ],
        ),
        ("SANA reported from Sanaa.", &[("SANA", "sana"), ("Sanaa", "gn-71137")]),
        (
            "Tal Abyad and Tal Rifaat; a tal of earth. Al-Bab and the bab.",
            &[
                ("Tal Abyad", "gn-163750"),
                ("Tal Rifaat", "gn-163476"),
                ("Al-Bab", "gn-174018"),
            ],
        ),
        (
            "Al Jazeera reported from the Jazira region.",
            &[("Al Jazeera", "al_jazeera"), ("Jazira region", "sy-jazira")],
        ),
        ("Tripoli was calm.", &[("Tripoli", "gn-266826")]),
        (
            "Syrian fighters and Lebanese officials left Syria; السوريين",
            &[
                ("Syrian", "nat-sy"),
                ("Lebanese", "nat-lb"),
                ("Syria", "country-sy"),
                ("السوريين", "nat-sy"),
            ],
        ),
        (
            "قصف على حلب وحمص والحسكة وبدمشق",
            &[
                ("حلب", "gn-170063"),
                ("حمص", "gn-169577"),
                ("الحسكة", "gn-173811"),
                ("دمشق", "gn-170654"),
            ],
        ),
        (
            "حلب, Ḩamāh and Ma'arrat al-Nu'man.",
            &[
                ("حلب", "gn-170063"),
                ("Ḩamāh", "gn-170017"),
                ("Ma'arrat al-Nu'man", "gn-167611"),
            ],
        ),
        (
            "Hay’at Tahrir al-Sham, HTS-led units and the SDF's YPG.",
            &[
                ("Hay’at Tahrir al-Sham", "hts"),
                ("HTS", "hts"),
                ("SDF", "sdf"),
                ("YPG", "ypg"),
            ],
        ),
        (
            "The U.S. and the UN; Golan Heights, Eastern Ghouta, al-Tanf, Hmeimim.",
            &[
                ("U.S.", "country-us"),
                ("UN", "un"),
                ("Golan Heights", "sy-golan-heights"),
                ("Eastern Ghouta", "sy-eastern-ghouta"),
                ("al-Tanf", "sy-al-tanf"),
                ("Hmeimim", "sy-hmeimim"),
            ],
        ),
    ];
    for (text, want) in cases {
        let got: Vec<_> = x
            .extract(text)
            .mentions
            .iter()
            .map(|m| (m.span.slice(text), x.gazetteer().entity(m.entity).id.as_str()))
            .collect();
        assert_eq!(&got, want, "{text}");
    }
}

/// A place mention carries its coordinates and admin area.
#[test]
fn places_carry_coordinates_and_admin_areas() {
    let g = Gazetteer::embedded();
    let hama = g.entity(g.find("gn-170017").unwrap());
    assert_eq!(hama.name, "Hama");
    for (column, value) in [("country", "SY"), ("admin1", "Hama"), ("geonames", "170017")] {
        assert_eq!(hama.attribute(column), Some(value), "{column}");
    }
    let lat: f64 = hama.attribute("lat").unwrap().parse().unwrap();
    assert!((35.0..35.3).contains(&lat));
    let governorates = g.entities().iter().filter(|e| e.subtype == "governorate").count();
    let districts = g.entities().iter().filter(|e| e.subtype == "district").count();
    let subdistricts = g.entities().iter().filter(|e| e.subtype == "subdistrict").count();
    assert_eq!((governorates, districts, subdistricts), (14, 62, 272));
}

/// Demonyms are nationalities with a country code, never places or countries: they carry no
/// coordinates, and no country entity keeps a demonym alias.
#[test]
fn demonyms_are_nationalities_without_coordinates() {
    use claimex::EntityType;
    let g = Gazetteer::embedded();
    let nationalities: Vec<_> = g
        .entities()
        .iter()
        .filter(|e| e.kind == EntityType::Nationality)
        .collect();
    assert!(nationalities.len() >= 50, "only {} nationalities", nationalities.len());
    for e in &nationalities {
        let code = e.attribute("country").unwrap_or_default();
        assert_eq!(e.id, format!("nat-{}", code.to_ascii_lowercase()), "{}", e.origin);
        assert_eq!((e.attribute("lat"), e.attribute("lon")), (None, None), "{}", e.origin);
    }
    for a in g.aliases() {
        let kind = g.entity(a.entity).kind;
        if ["Syrian", "Syrians", "Lebanese", "Russian", "Turkish"].contains(&a.text.as_str()) {
            assert_eq!(kind, EntityType::Nationality, "{:?} at line {}", a.text, a.line);
        }
    }
}
