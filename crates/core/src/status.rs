//! The normalised status vocabulary (component, incident, maintenance, impact) and the ranking
//! of component statuses from best to worst that decides the tray colour.
//!
//! Every enum keeps a vendor value it does not know as `Other(text)`: a new word on a status page
//! is shown as it is, never a crash.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A vendor value outside the vocabulary, kept as the vendor wrote it.
            Other(String),
        }

        impl $name {
            /// The normalised word, e.g. `major_outage`; an unknown value is returned as it came.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(text) => text,
                }
            }

            /// Reads a vendor word, case-insensitively, mapping known synonyms onto the vocabulary.
            pub fn parse(text: &str) -> Self {
                let lower = text.trim().to_ascii_lowercase();
                match lower.as_str() {
                    $($text $(| $alias)* => $name::$variant,)+
                    _ => $name::Other(text.trim().to_string()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Ok($name::parse(&text))
            }
        }

        /// In TypeScript: its words, or any other string (a vendor's word kept as it came).
        #[cfg(feature = "ui-types")]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;

            fn docs() -> Option<String> {
                Some(concat!(
                    "/**\n * One of Lookout's `", stringify!($name),
                    "` words, or a vendor's own word kept as it came.\n */\n"
                ).to_string())
            }

            fn name(_: &ts_rs::Config) -> String {
                stringify!($name).to_string()
            }

            fn inline(_: &ts_rs::Config) -> String {
                concat!($("\"", $text, "\" | ",)+ "(string & {})").to_string()
            }

            fn decl(cfg: &ts_rs::Config) -> String {
                format!("type {} = {};", Self::name(cfg), Self::inline(cfg))
            }

            fn output_path() -> Option<std::path::PathBuf> {
                Some(concat!(stringify!($name), ".ts").into())
            }
        }
    };
}

vocabulary! {
    /// The state of one component, as the tray understands it.
    ComponentStatus {
        /// Working normally.
        Operational => "operational" | "up" | "available",
        /// Planned work in progress.
        UnderMaintenance => "under_maintenance" | "undermaintenance" | "maintenance",
        /// Lookout could not reach or read the page: never shown as operational.
        Unknown => "unknown",
        /// Slow or some errors.
        DegradedPerformance => "degraded_performance" | "degradedperformance" | "degraded",
        /// Part of it is down.
        PartialOutage => "partial_outage" | "partialoutage" | "minoroutage",
        /// Down (incident.io's `full_outage`, Instatus' `MAJOROUTAGE`).
        MajorOutage => "major_outage" | "full_outage" | "majoroutage" | "downtime",
    }
}

vocabulary! {
    /// Where an incident stands.
    IncidentStatus {
        /// The vendor is looking into it.
        Investigating => "investigating",
        /// The cause is known.
        Identified => "identified",
        /// A fix is out and being watched.
        Monitoring => "monitoring",
        /// Over.
        Resolved => "resolved",
        /// Over, with a post-mortem published.
        Postmortem => "postmortem",
    }
}

vocabulary! {
    /// Where a planned maintenance stands.
    MaintenanceStatus {
        /// Announced, not started.
        Scheduled => "scheduled" | "maintenance_scheduled" | "notstartedyet",
        /// Under way.
        InProgress => "in_progress" | "maintenance_in_progress" | "inprogress",
        /// Work done, being checked.
        Verifying => "verifying",
        /// Finished.
        Completed => "completed" | "maintenance_complete" | "complete",
    }
}

vocabulary! {
    /// How bad the vendor says an incident is.
    Impact {
        /// A notice with no impact.
        None => "none",
        /// Minor.
        Minor => "minor",
        /// Major.
        Major => "major",
        /// Critical.
        Critical => "critical",
        /// Planned maintenance.
        Maintenance => "maintenance",
    }
}

impl ComponentStatus {
    /// Position from best (0) to worst (5); an unknown vendor word ranks with `unknown`, so it is
    /// never mistaken for operational.
    pub fn rank(&self) -> u8 {
        match self {
            ComponentStatus::Operational => 0,
            ComponentStatus::UnderMaintenance => 1,
            ComponentStatus::Unknown | ComponentStatus::Other(_) => 2,
            ComponentStatus::DegradedPerformance => 3,
            ComponentStatus::PartialOutage => 4,
            ComponentStatus::MajorOutage => 5,
        }
    }

    /// The worse of two statuses.
    pub fn worse(self, other: ComponentStatus) -> ComponentStatus {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }

    /// The worst status among `statuses`; `operational` when there are none.
    pub fn worst<'a>(statuses: impl IntoIterator<Item = &'a ComponentStatus>) -> ComponentStatus {
        statuses
            .into_iter()
            .fold(ComponentStatus::Operational, |acc, s| acc.worse(s.clone()))
    }

    /// The status for people: `partial_outage` → `partial outage`.
    pub fn label(&self) -> String {
        self.as_str().replace('_', " ")
    }

    /// True when the component is fully working.
    pub fn is_operational(&self) -> bool {
        matches!(self, ComponentStatus::Operational)
    }
}

impl Impact {
    /// The impact that the worst affected component's status implies, for platforms that give
    /// no impact of their own: degraded → minor, partial outage → major, major outage → critical.
    pub fn from_worst_component(worst: &ComponentStatus) -> Impact {
        match worst {
            ComponentStatus::Operational => Impact::None,
            ComponentStatus::UnderMaintenance => Impact::Maintenance,
            ComponentStatus::MajorOutage => Impact::Critical,
            ComponentStatus::PartialOutage => Impact::Major,
            ComponentStatus::DegradedPerformance
            | ComponentStatus::Unknown
            | ComponentStatus::Other(_) => Impact::Minor,
        }
    }

    /// The component status an open incident of this impact implies, for pages (or alerts) that
    /// have no component to go by: minor → degraded, major → partial outage, critical → major.
    pub fn implied_status(&self) -> ComponentStatus {
        match self {
            Impact::Critical => ComponentStatus::MajorOutage,
            Impact::Major => ComponentStatus::PartialOutage,
            Impact::Maintenance => ComponentStatus::UnderMaintenance,
            Impact::None => ComponentStatus::Operational,
            Impact::Minor | Impact::Other(_) => ComponentStatus::DegradedPerformance,
        }
    }
}

impl IncidentStatus {
    /// True once the incident is over (`resolved` or `postmortem`).
    pub fn is_resolved(&self) -> bool {
        matches!(self, IncidentStatus::Resolved | IncidentStatus::Postmortem)
    }
}

impl MaintenanceStatus {
    /// True while the work is under way (`in_progress` or `verifying`).
    pub fn is_active(&self) -> bool {
        matches!(
            self,
            MaintenanceStatus::InProgress | MaintenanceStatus::Verifying
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vendor_synonyms_map_onto_the_vocabulary() {
        assert_eq!(
            ComponentStatus::parse("full_outage"),
            ComponentStatus::MajorOutage
        );
        assert_eq!(
            ComponentStatus::parse("MAJOROUTAGE"),
            ComponentStatus::MajorOutage
        );
        assert_eq!(
            ComponentStatus::parse("major_outage"),
            ComponentStatus::MajorOutage
        );
        assert_eq!(
            MaintenanceStatus::parse("maintenance_complete"),
            MaintenanceStatus::Completed
        );
    }

    #[test]
    fn unknown_values_are_kept_and_rank_as_unknown() {
        let odd = ComponentStatus::parse("not_monitored");
        assert_eq!(odd.as_str(), "not_monitored");
        assert_eq!(odd.rank(), ComponentStatus::Unknown.rank());
        let json = serde_json::to_string(&IncidentStatus::parse("scheduled_review")).unwrap();
        assert_eq!(json, "\"scheduled_review\"");
    }

    #[test]
    fn ranking_follows_the_architecture_table() {
        use ComponentStatus::*;
        let ordered = [
            Operational,
            UnderMaintenance,
            Unknown,
            DegradedPerformance,
            PartialOutage,
            MajorOutage,
        ];
        for pair in ordered.windows(2) {
            assert!(
                pair[0].rank() < pair[1].rank(),
                "{:?} < {:?}",
                pair[0],
                pair[1]
            );
        }
        assert_eq!(ComponentStatus::worst([].iter()), Operational);
    }

    fn any_status() -> impl Strategy<Value = ComponentStatus> {
        prop_oneof![
            Just(ComponentStatus::Operational),
            Just(ComponentStatus::UnderMaintenance),
            Just(ComponentStatus::Unknown),
            Just(ComponentStatus::DegradedPerformance),
            Just(ComponentStatus::PartialOutage),
            Just(ComponentStatus::MajorOutage),
            "[a-z_]{1,12}".prop_map(|s| ComponentStatus::parse(&s)),
        ]
    }

    proptest! {
        #[test]
        fn worst_is_an_upper_bound_and_a_member(list in proptest::collection::vec(any_status(), 1..12)) {
            let worst = ComponentStatus::worst(list.iter());
            prop_assert!(list.iter().all(|s| s.rank() <= worst.rank()));
            prop_assert!(list.contains(&worst));
        }

        #[test]
        fn parse_round_trips_the_normalised_word(status in any_status()) {
            prop_assert_eq!(ComponentStatus::parse(status.as_str()), status);
        }
    }
}
