//! Typed ids: what the store numbers (a provider, an alert sink, a probe) and how an incident is
//! named (its provider and the vendor's id), so a function taking a provider cannot be handed a
//! sink's number. Each numeric id serialises as the bare number it wraps (JSON and the window's
//! TypeScript unchanged); a name or an id typed by a person is resolved at the edge, never here.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id of the stored row numbered `id`.
            pub const fn new(id: i64) -> Self {
                Self(id)
            }

            /// The row's number, as the store keeps it.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        // SQLite keeps the row's number: the store binds and reads the id as that integer.
        #[cfg(feature = "sql")]
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.0.into())
            }
        }

        #[cfg(feature = "sql")]
        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map(Self)
            }
        }

        // The window sees the number itself (`number`), inline, as before the id was typed.
        #[cfg(feature = "ui-types")]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn name(_: &ts_rs::Config) -> String {
                "number".to_string()
            }

            fn inline(_: &ts_rs::Config) -> String {
                "number".to_string()
            }
        }
    };
}

row_id!(
    /// A watched status page's local id (the `providers` row).
    ProviderId
);
row_id!(
    /// An alert sink's local id (the `alert_sinks` row).
    SinkId
);
row_id!(
    /// A probe's local id (the `probes` row).
    ProbeId
);

/// An incident as Lookout names it: the vendor's id is unique only within its provider's page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IncidentRef {
    /// The provider whose page published it.
    pub provider: ProviderId,
    /// The vendor's incident id.
    pub incident: String,
}

impl IncidentRef {
    /// Incident `incident` of provider `provider`.
    pub fn new(provider: ProviderId, incident: impl Into<String>) -> Self {
        Self {
            provider,
            incident: incident.into(),
        }
    }
}

impl fmt::Display for IncidentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} on provider #{}", self.incident, self.provider)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_number_in_json_and_in_text() {
        let id = ProviderId::new(7);
        assert_eq!(serde_json::to_string(&id).unwrap(), "7");
        assert_eq!(serde_json::from_str::<ProviderId>("7").unwrap(), id);
        assert_eq!(id.to_string(), "7");
        assert_eq!(i64::from(SinkId::new(-3)), -3);
        assert_eq!(ProbeId::new(12).get(), 12);
        assert!(serde_json::from_str::<ProviderId>("\"7\"").is_err());
    }

    #[test]
    fn an_incident_is_named_with_its_provider() {
        let incident = IncidentRef::new(ProviderId::new(3), "abc");
        assert_eq!(incident.to_string(), "\"abc\" on provider #3");
        assert_ne!(incident, IncidentRef::new(ProviderId::new(4), "abc"));
    }
}
