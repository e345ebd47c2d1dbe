//! GeoJSON (RFC 7946): a FeatureCollection of the resolved places, each with the claims that
//! mention it.
//!
//! One Point feature per place entity with coordinates, sorted by entity id, over all the
//! articles added. Properties: `id`, `name`, `subtype`, `admin1`, `admin2`, `geonames`,
//! `mentions` (over all articles), and `claims`: `{doc_id, claim, kind, source, cue, stance,
//! content, start, end}` for every claim whose content names the place, with the content's code
//! point offsets into that article's text. Coordinates are `[lon, lat]`, as RFC 7946 orders them.

use super::Article;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Gathers places from articles, then writes one collection.
#[derive(Debug, Default)]
pub struct Collection {
    places: BTreeMap<String, Place>,
}

#[derive(Debug)]
struct Place {
    feature: Value,
    mentions: usize,
    claims: Vec<Value>,
}

impl Collection {
    /// Adds the places and claims of one article.
    pub fn add(&mut self, article: &Article) {
        for e in article.doc.entities.iter().filter(|e| e.kind == "place") {
            let Some((lat, lon)) = e.lat_lon() else { continue };
            let place = self.places.entry(e.id.clone()).or_insert_with(|| Place {
                feature: json!({
                    "type": "Feature",
                    "geometry": { "type": "Point", "coordinates": [lon, lat] },
                    "properties": {
                        "id": e.id, "name": e.name, "subtype": e.subtype,
                        "admin1": e.attr("admin1"), "admin2": e.attr("admin2"), "geonames": e.attr("geonames"),
                    },
                }),
                mentions: 0,
                claims: Vec::new(),
            });
            place.mentions += e.mentions;
        }
        for c in &article.doc.claims {
            for e in article.claim_places(c) {
                let claim = json!({
                    "doc_id": article.doc.document.id, "claim": c.id, "kind": c.kind,
                    "source": c.source.as_ref().map(|s| &s.span.text), "cue": c.cue.span.text,
                    "stance": c.cue.stance, "content": c.content.text,
                    "start": c.content.start, "end": c.content.end,
                });
                if let Some(place) = self.places.get_mut(&e.id) {
                    place.claims.push(claim);
                }
            }
        }
    }

    /// The FeatureCollection.
    pub fn finish(self) -> Value {
        let features: Vec<Value> = self
            .places
            .into_values()
            .map(|mut p| {
                p.feature["properties"]["mentions"] = p.mentions.into();
                p.feature["properties"]["claims"] = p.claims.into();
                p.feature
            })
            .collect();
        json!({ "type": "FeatureCollection", "features": features })
    }
}
