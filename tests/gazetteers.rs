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
            "Shelling hit Deir al-Adas and دير العدس; Jamraya was calm.",
            &[
                ("Deir al-Adas", "gn-170819"),
                ("دير العدس", "gn-170819"),
                ("Jamraya", "gn-11262053"),
            ],
        ),
        (
            "Security forces and terrorist groups clashed; UN peacekeepers withdrew.",
            &[
                ("Security forces", "security_forces"),
                ("terrorist groups", "terrorists_label"),
                ("UN peacekeepers", "un_peacekeepers"),
            ],
        ),
        (
            "Obama, Kerry and Ban Ki-moon spoke of Raqa, and Busra is in Daraa.",
            &[
                ("Obama", "barack_obama"),
                ("Kerry", "john_kerry"),
                ("Ban Ki-moon", "ban_ki_moon"),
                ("Raqa", "gn-172955"),
                ("Busra", "gn-171126"),
                ("Daraa", "gn-170905"),
            ],
        ),
        (
            "The Local Coordination Committees, NNA and Interfax reported it.",
            &[
                ("Local Coordination Committees", "lcc"),
                ("NNA", "nna"),
                ("Interfax", "interfax"),
            ],
        ),
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
            .map(|m| (m.span.slice(text), &*x.gazetteer().entity(m.entity).id))
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
        if ["Syrian", "Syrians", "Lebanese", "Russian", "Turkish"].contains(&&*a.text) {
            assert_eq!(kind, EntityType::Nationality, "{:?} at line {}", a.text, a.line);
        }
    }
}

/// Weak aliases (`~`): the known traps are weak, Arabic script and major cities never are, and
/// the generated report lists exactly the weak aliases.
#[test]
fn weak_aliases_are_marked_and_reported() {
    let g = Gazetteer::embedded();
    let weak = |id: &str, text: &str| {
        let e = g.find(id).unwrap();
        let a = g.aliases().iter().find(|a| a.entity == e && a.text == text);
        a.unwrap_or_else(|| panic!("{id} has no alias {text:?}")).weak
    };
    for (id, text) in [
        ("gn-164071", "Sarin"),
        ("gn-285066", "Khalil"),
        ("gn-92052", "Rania"),
        ("gn-165997", "Jassim"),
        ("gn-281184", "Al-Quds"),
    ] {
        assert!(weak(id, text), "{id} {text:?} should be weak");
    }
    for (id, text) in [("gn-169577", "Homs"), ("gn-170063", "Aleppo"), ("gn-285066", "Hebron")] {
        assert!(!weak(id, text), "{id} {text:?} should not be weak");
    }
    let arabic = |s: &str| s.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c));
    assert!(g.aliases().iter().all(|a| !(a.weak && arabic(&a.text))));
    let report = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/gazetteers/report/weak_aliases.tsv"
    ))
    .unwrap();
    let mut listed: Vec<(String, String)> = report
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<_> = l.split('\t').collect();
            (c[0].to_string(), c[1].to_string())
        })
        .collect();
    let mut marked: Vec<(String, String)> = g
        .aliases()
        .iter()
        .filter(|a| a.weak)
        .map(|a| (g.entity(a.entity).id.to_string(), a.text.to_string()))
        .collect();
    listed.sort();
    marked.sort();
    assert!(marked.len() > 100, "only {} weak aliases", marked.len());
    assert_eq!(listed, marked);
}

/// Villages from Who's On First: about ten thousand, each inside Syria with a governorate and a
/// district.
#[test]
fn villages_have_coordinates_and_admin_areas() {
    let g = Gazetteer::embedded();
    let governorates: Vec<_> = g
        .entities()
        .iter()
        .filter(|e| e.subtype == "governorate")
        .map(|e| e.name.trim_end_matches(" Governorate").to_string())
        .collect();
    let villages: Vec<_> = g.entities().iter().filter(|e| e.subtype == "village").collect();
    assert!(villages.len() > 9000, "only {} villages", villages.len());
    for v in villages {
        let admin1 = v.attribute("admin1").unwrap_or_default();
        assert!(
            governorates.iter().any(|g| g == admin1),
            "{}: admin1 {admin1:?}",
            v.origin
        );
        assert!(v.attribute("admin2").is_some(), "{}: no admin2", v.origin);
        let lat: f64 = v.attribute("lat").unwrap().parse().unwrap();
        let lon: f64 = v.attribute("lon").unwrap().parse().unwrap();
        assert!(
            (32.2..37.4).contains(&lat) && (35.6..42.5).contains(&lon),
            "{}: {lat},{lon}",
            v.origin
        );
    }
}
