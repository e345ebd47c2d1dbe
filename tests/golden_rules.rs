//! The English "Golden Rules" of sentence segmentation (the public rule list of
//! pragmatic_segmenter and pySBD), one row per rule, with our own example sentences.
//!
//! Each rule is checked on its own; the test fails if a rule outside `KNOWN_FAILING` breaks, if
//! a rule inside it starts passing (so the list stays true), or if more than four rules fail.

use claimex::segment::segment;

/// (rule number, rule, input, expected sentences).
type Rule = (u32, &'static str, &'static str, &'static [&'static str]);

#[rustfmt::skip]
const RULES: &[Rule] = &[
    (1, "simple period", "Shelling resumed at dawn. Residents fled north.", &["Shelling resumed at dawn.", "Residents fled north."]),
    (2, "question mark", "Who fired first? Nobody would say.", &["Who fired first?", "Nobody would say."]),
    (3, "exclamation point", "The convoy is moving! Stay off the road.", &["The convoy is moving!", "Stay off the road."]),
    (4, "one-letter upper-case abbreviation", "The envoy Rami K. Haddad arrived.", &["The envoy Rami K. Haddad arrived."]),
    (5, "one-letter lower-case abbreviation", "The figures are on p. 12 of the report.", &["The figures are on p. 12 of the report."]),
    (6, "two-letter lower-case abbreviation mid-sentence", "Did Samir and co. leave the town?", &["Did Samir and co. leave the town?"]),
    (7, "two-letter upper-case abbreviation mid-sentence", "The ministry signed with Hale, Ross & Co. on Monday.", &["The ministry signed with Hale, Ross & Co. on Monday."]),
    (8, "two-letter lower-case abbreviation at sentence end", "Ask Samir and co. They were there.", &["Ask Samir and co.", "They were there."]),
    (9, "two-letter upper-case abbreviation at sentence end", "The ministry signed with Hale, Ross & Co. The deal was later cancelled.", &["The ministry signed with Hale, Ross & Co.", "The deal was later cancelled."]),
    (10, "prepositive two-letter abbreviation", "Troops were seen near Mt. Hermon overnight.", &["Troops were seen near Mt. Hermon overnight."]),
    (11, "prepositive and postpositive abbreviation", "St. George's Church stands on 3rd st. by the market.", &["St. George's Church stands on 3rd st. by the market."]),
    (12, "possessive abbreviation", "That was Hassan Jr.'s position.", &["That was Hassan Jr.'s position."]),
    (13, "multi-period abbreviation mid-sentence", "He studied in the U.K. before the war.", &["He studied in the U.K. before the war."]),
    (14, "multi-period abbreviation at sentence end", "The aid came from the E.U. Was it enough?", &["The aid came from the E.U.", "Was it enough?"]),
    (15, "U.S. as a sentence boundary", "The jets were made in the U.S. Where did they go?", &["The jets were made in the U.S.", "Where did they go?"]),
    (16, "U.S. before a capitalised word", "The U.S. Treasury named three firms.", &["The U.S. Treasury named three firms."]),
    (17, "U.S. before a lower-case word", "She worked in the U.S. for ten years.", &["She worked in the U.S. for ten years."]),
    (18, "a.m. / P.M. as boundary and non-boundary", "At 6 a.m. Mr. Khalil crossed the bridge. He came back at 4 P.M. Mr. Khalil then left again.", &["At 6 a.m. Mr. Khalil crossed the bridge.", "He came back at 4 P.M.", "Mr. Khalil then left again."]),
    (19, "number inside a sentence", "The fund holds $250.75 per family.", &["The fund holds $250.75 per family."]),
    (20, "number at sentence end", "The fund holds $250.75. It runs out in May.", &["The fund holds $250.75.", "It runs out in May."]),
    (21, "parenthetical sentence inside a sentence", "The monitor (It has counted deaths since 2011.) gave no figure.", &["The monitor (It has counted deaths since 2011.) gave no figure."]),
    (22, "e-mail address", "Write to press.office@example.org. The office replies in Arabic.", &["Write to press.office@example.org.", "The office replies in Arabic."]),
    (23, "web address", "The statement is at https://news.example.org/2024/statement_v2.html. It was posted late.", &["The statement is at https://news.example.org/2024/statement_v2.html.", "It was posted late."]),
    (24, "single quotation inside a sentence", "He looked up, 'The road is closed.' he told them.", &["He looked up, 'The road is closed.' he told them."]),
    (25, "double quotation inside a sentence", "He looked up, \"The road is closed.\" he told them.", &["He looked up, \"The road is closed.\" he told them."]),
    (26, "double quotation at sentence end", "He looked up, \"The road is closed.\" Then he drove off.", &["He looked up, \"The road is closed.\"", "Then he drove off."]),
    (27, "double exclamation point", "Incoming!! Everyone took cover.", &["Incoming!!", "Everyone took cover."]),
    (28, "double question mark", "Again?? Nobody answered.", &["Again??", "Nobody answered."]),
    (29, "exclamation then question mark", "Again!? Nobody answered.", &["Again!?", "Nobody answered."]),
    (30, "question then exclamation mark", "Again?! Nobody answered.", &["Again?!", "Nobody answered."]),
    (31, "list: period and parenthesis, no final period", "1.) Secure the road 2.) Open the crossing", &["1.) Secure the road", "2.) Open the crossing"]),
    (32, "list: period and parenthesis, final period", "1.) Secure the road. 2.) Open the crossing.", &["1.) Secure the road.", "2.) Open the crossing."]),
    (33, "list: parenthesis, no final period", "1) Secure the road 2) Open the crossing", &["1) Secure the road", "2) Open the crossing"]),
    (34, "list: parenthesis, final period", "1) Secure the road. 2) Open the crossing.", &["1) Secure the road.", "2) Open the crossing."]),
    (35, "list: period, no final period", "1. Secure the road 2. Open the crossing", &["1. Secure the road", "2. Open the crossing"]),
    (36, "list: period, final period", "1. Secure the road. 2. Open the crossing.", &["1. Secure the road.", "2. Open the crossing."]),
    (37, "list with bullets", "• 7. Secure the road • 8. Open the crossing", &["• 7. Secure the road", "• 8. Open the crossing"]),
    (38, "list with hyphen bullets", "⁃7. Secure the road ⁃8. Open the crossing", &["⁃7. Secure the road", "⁃8. Open the crossing"]),
    (39, "alphabetical list", "a. Secure the road b. Open the crossing c. Count the trucks", &["a. Secure the road", "b. Open the crossing", "c. Count the trucks"]),
    (40, "errant newline mid-sentence", "The report was\nsplit across two lines by the converter.", &["The report was\nsplit across two lines by the converter."]),
    (41, "errant newline after a space", "The night was \ncold in the camps.", &["The night was \ncold in the camps."]),
    (42, "lower-case list lines", "checkpoints\nsupply routes\nfuel, food\n", &["checkpoints", "supply routes", "fuel, food"]),
    (43, "numbered coordinate", "The cache is at N°. 3512.448.117. That is the spot.", &["The cache is at N°. 3512.448.117.", "That is the spot."]),
    (44, "name with an exclamation point", "He worked at Yahoo! in the news desk.", &["He worked at Yahoo! in the news desk."]),
    (45, "I as sentence end and as initial", "The list named him and I. Did you meet Omar I. Saleh?", &["The list named him and I.", "Did you meet Omar I. Saleh?"]),
    (46, "ellipsis ending a quotation", "The envoy wrote that “the talks will go on, as they must. . . .”", &["The envoy wrote that “the talks will go on, as they must. . . .”"]),
    (47, "ellipsis in square brackets", "\"The council [...] voted to extend the mandate [...]\" (Annex 4).", &["\"The council [...] voted to extend the mandate [...]\" (Annex 4)."]),
    (48, "spaced ellipsis then period as boundary", "The last line of the letter trails off, and the writer ends it here . . . . The next letter begins.", &["The last line of the letter trails off, and the writer ends it here . . . .", "The next letter begins."]),
    (49, "four-dot ellipsis as boundary", "I never said that.... He walked out.", &["I never said that....", "He walked out."]),
    (50, "ellipsis inside a sentence", "It was not ... well, what I mean...look . . . the point is . . . we waited.", &["It was not ... well, what I mean...look . . . the point is . . . we waited."]),
    (51, "four-dot spaced ellipsis at the end", "The old habit faded . . . and was replaced by a new one. . . . .", &["The old habit faded . . . and was replaced by a new one. . . . ."]),
    (52, "no space between sentences", "Rain fell.Roads flooded.Mr. Nasser counted 2,000.That was many.", &["Rain fell.", "Roads flooded.", "Mr. Nasser counted 2,000.", "That was many."]),
];

/// Rules the splitter does not follow, on purpose: 18 tells "a.m. Mr." (one sentence) from
/// "P.M. Mr." (two) by case alone, which news does not keep (we keep both whole); 42 wants
/// lines that start in lower case to be separate sentences, while hard-wrapped news lines that
/// start in lower case continue the sentence before (rule 40).
const KNOWN_FAILING: &[u32] = &[18, 42];

fn sentences(text: &str) -> Vec<&str> {
    segment(text).iter().map(|s| s.span.slice(text)).collect()
}

#[test]
fn golden_rules() {
    assert_eq!(RULES.len(), 52);
    let mut failing = Vec::new();
    for &(n, name, text, want) in RULES {
        let got = sentences(text);
        if got != want {
            eprintln!("rule {n} ({name}): got {got:?}, want {want:?}");
            failing.push(n);
        }
    }
    eprintln!("golden rules: {} of {} pass", RULES.len() - failing.len(), RULES.len());
    assert_eq!(failing, KNOWN_FAILING, "failing rules differ from KNOWN_FAILING");
    assert!(KNOWN_FAILING.len() <= 4);
}
