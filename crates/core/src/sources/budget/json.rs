//! The parse budget's first look at a JSON document: one streaming pass, before any reader builds
//! records from it, that refuses what readers would copy into many places — an over-long label
//! (an id, a name, a status word or a link, which readers copy into each update, child component
//! or record that refers to it) and more records, updates or component references than a page
//! may hold (each of which receives such a copy).
//!
//! The pass allocates nothing and keeps only counters; malformed JSON passes, so that the reader
//! reports it in its own words.

use super::{
    over, MAX_COMPONENTS_PER_UPDATE, MAX_INCIDENTS, MAX_LABEL_BYTES, MAX_MAINTENANCES,
    MAX_TEXT_BYTES, MAX_UPDATES,
};
use crate::error::SourceError;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Records on one page: incidents and maintenances (and Better Stack's `included` resources).
pub const MAX_RECORDS: usize = MAX_INCIDENTS + MAX_MAINTENANCES + MAX_UPDATES;
/// Component references on one page, all lists together (page components, children, and the
/// components each incident or update names).
pub const MAX_COMPONENT_REFERENCES: usize = 5 * MAX_COMPONENTS_PER_UPDATE;

/// What the value under a key is to the readers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Read or kept once: not limited here.
    Plain,
    /// Copied into the records that refer to it.
    Label,
    /// A list of records.
    Records,
    /// A list of updates.
    Updates,
    /// A list of components, or of references to them.
    Components,
}

/// Keys whose value is a label (an id, a name, a status word, a URL).
const LABEL_KEYS: &[&str] = &[
    "id",
    "_id",
    "code",
    "name",
    "public_name",
    "component_id",
    "group_id",
    "status_page_resource_id",
    "status_report_id",
    "status_page_section_id",
    "status",
    "new_status",
    "current_status",
    "to_status",
    "human_status",
    "status_name",
    "state",
    "impact",
    "severity",
    "status_impact",
    "aggregate_state",
    "worst_component_status",
    "report_type",
    "type",
    "shortlink",
    "url",
    "uri",
    "public_url",
    "custom_domain",
    "subdomain",
    "service",
    "service_name",
    "region_name",
    "system",
    "full_url",
    "update_type",
    "key",
    "location",
];
/// Keys whose value is a list of records.
const RECORDS_KEYS: &[&str] = &[
    "incidents",
    "scheduled_maintenances",
    "ongoing_incidents",
    "active_incidents",
    "active_maintenances",
    "activeIncidents",
    "activeMaintenances",
    "active",
    "upcoming",
    "events",
    "scheduled",
    "Incidents",
    "Maintenances",
    "IncidentImpacts",
    "MaintenanceImpacts",
    "included",
];
/// Keys whose value is a list of updates.
const UPDATES_KEYS: &[&str] = &[
    "incident_updates",
    "updates",
    "messages",
    "notes",
    "event_log",
    "IncidentEvents",
    "MaintenanceEvents",
];
/// Keys whose value is a list of components, or of references to them.
const COMPONENTS_KEYS: &[&str] = &[
    "components",
    "children",
    "containers",
    "affected_components",
    "components_affected",
    "component_statuses",
    "component_impacts",
    "affected_resources",
    "affected_products",
    "systems",
    "instanceKeys",
    "serviceKeys",
    "services",
];

fn role(key: &str) -> Role {
    if LABEL_KEYS.contains(&key) {
        Role::Label
    } else if RECORDS_KEYS.contains(&key) {
        Role::Records
    } else if UPDATES_KEYS.contains(&key) {
        Role::Updates
    } else if COMPONENTS_KEYS.contains(&key) {
        Role::Components
    } else {
        Role::Plain
    }
}

/// What reading one JSON object or list may build, at most, in a reader (a typed record, or a
/// map of values, and the record made of it), in bytes: measured by the memory-bound test
/// (`tests/alloc_bound`), with room to spare.
const OBJECT_COST: usize = 2_048;
/// What reading any other JSON value may build, in bytes (a number, a string's record).
const VALUE_COST: usize = 64;

/// The bytes a page of `body_len` bytes may build by its objects and values: three quarters of
/// the memory bound every reader holds to (16 × the page + 8 MiB).
fn allowance(body_len: usize) -> usize {
    12 * body_len + (6 << 20)
}

/// Counts so far, and the first thing found over the budget.
#[derive(Default)]
struct Tally {
    records: usize,
    updates: usize,
    components: usize,
    objects: usize,
    values: usize,
    allowance: usize,
    over: Option<SourceError>,
}

impl Tally {
    /// One more value read (an object or a list when `object`): refused when the page's objects and values
    /// would build more than a page of its size may.
    fn built(&mut self, object: bool) -> Result<(), SourceError> {
        if object {
            self.objects += 1;
        } else {
            self.values += 1;
        }
        let cost = self.objects * OBJECT_COST + self.values * VALUE_COST;
        if cost > self.allowance {
            return Err(SourceError::TooComplex {
                detail: format!(
                    "too many small records for its size ({} objects or lists and {} other values so far)",
                    self.objects, self.values
                ),
            });
        }
        Ok(())
    }

    fn listed(&mut self, role: Role) -> Result<(), SourceError> {
        match role {
            Role::Records => {
                self.records += 1;
                over("records", self.records, MAX_RECORDS)
            }
            Role::Updates => {
                self.updates += 1;
                over("updates", self.updates, MAX_UPDATES)
            }
            Role::Components => {
                self.components += 1;
                over(
                    "component references",
                    self.components,
                    MAX_COMPONENT_REFERENCES,
                )
            }
            Role::Plain | Role::Label => Ok(()),
        }
    }

    /// Stops the pass with `found` as the reason.
    fn stop<E: de::Error>(&mut self, found: SourceError) -> E {
        self.over = Some(found);
        E::custom("over the parse budget")
    }
}

/// Refuses a JSON `body` with a label longer than [`MAX_LABEL_BYTES`] or more records, updates
/// or component references than the page budget allows. Malformed JSON is not refused here.
pub fn check(body: &[u8]) -> Result<(), SourceError> {
    let mut tally = Tally {
        allowance: allowance(body.len()),
        ..Tally::default()
    };
    let mut reader = serde_json::Deserializer::from_slice(body);
    let seed = Value {
        role: Role::Records,
        tally: &mut tally,
    };
    let _ = seed.deserialize(&mut reader);
    tally.over.map_or(Ok(()), Err)
}

/// One JSON value, in the role its key gives it (a top-level list is a list of records).
struct Value<'t> {
    role: Role,
    tally: &'t mut Tally,
}

impl<'de> DeserializeSeed<'de> for Value<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Value<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        if matches!(self.role, Role::Label | Role::Components) && text.len() > MAX_LABEL_BYTES {
            let found = SourceError::TooComplex {
                detail: format!(
                    "{} bytes in one id, name or status (limit {MAX_LABEL_BYTES})",
                    text.len()
                ),
            };
            return Err(self.tally.stop(found));
        }
        if text.len() > MAX_TEXT_BYTES {
            let found = SourceError::TooComplex {
                detail: format!("{} bytes in one text (limit {MAX_TEXT_BYTES})", text.len()),
            };
            return Err(self.tally.stop(found));
        }
        self.value()
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.value()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.value()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.value()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.value()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.value()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        // A list can be read as a record too (serde reads a struct from a list).
        if let Err(found) = self.tally.built(true) {
            return Err(self.tally.stop(found));
        }
        let tally = self.tally;
        let role = self.role;
        while let Some(()) = items.next_element_seed(Value {
            role,
            tally: &mut *tally,
        })? {
            if let Err(found) = tally.listed(role) {
                return Err(tally.stop(found));
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
        if let Err(found) = self.tally.built(true) {
            return Err(self.tally.stop(found));
        }
        let tally = self.tally;
        while let Some(key) = entries.next_key_seed(Key)? {
            entries.next_value_seed(Value { role: key, tally })?;
        }
        Ok(())
    }
}

impl Value<'_> {
    /// A scalar read.
    fn value<E: de::Error>(self) -> Result<(), E> {
        match self.tally.built(false) {
            Ok(()) => Ok(()),
            Err(found) => Err(self.tally.stop(found)),
        }
    }
}

/// A key, read as the role it gives its value.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Role;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Role, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Role;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Role, E> {
        Ok(role(key))
    }
}
