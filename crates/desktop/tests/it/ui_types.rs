//! The window's TypeScript declarations, `ui/types/lookout.d.ts`, generated from the Rust types
//! its commands answer and accept and its events carry (ts-rs, honouring their serde
//! attributes). The test fails when the checked-in file differs from what the types say, and
//! `UPDATE_UI_TYPES=1` rewrites it; `tsc -p ui` then checks the window's JavaScript against it,
//! so a renamed field breaks the build, not the user's window.

use lookout_alerts::{AlertSettings, DeliveryRow, NewSink, Pause, ProviderRules, SinkView};
use lookout_core::services::{ServiceSpec, ServiceState};
use lookout_desktop::{
    AddProbe, AddProvider, CatalogCategory, CatalogEntry, CommandError, ExportedFile,
    FolderSuggestions, FollowingView, IncidentDetail, IncidentQuery, IncidentRow, MaintenanceRow,
    Overview, Preview, ProbeSuggestion, ProbeView, ProviderCard, ProviderHistory, Settings,
    StatusChanged, Watching,
};
use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use ts_rs::{Config, TypeVisitor, TS};

const HEADER: &str = "\
// Generated from Lookout's Rust types by crates/desktop/tests/it/ui_types.rs (ts-rs): do not edit.
// Regenerate it with: UPDATE_UI_TYPES=1 cargo test -p lookout-desktop ui_types
// What the window's commands answer and accept, and what its events carry
// (docs/app-commands.md); `tsc -p ui` checks ui/js against it.
";

/// Every declared type reached from the roots, by TypeScript name (so the file is in a stable
/// order), each with its doc comment.
struct Declarations {
    config: Config,
    seen: HashSet<TypeId>,
    by_name: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Types without a file of their own (strings, numbers, arrays…) are written inline.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let declaration = format!(
            "{}export {}",
            T::docs().unwrap_or_default(),
            T::decl(&self.config)
        );
        // ts-rs ends some lines with a space.
        let lines: Vec<&str> = declaration.lines().map(str::trim_end).collect();
        self.by_name
            .insert(T::ident(&self.config), lines.join("\n") + "\n");
        T::visit_dependencies(self);
    }
}

/// The whole file: every type a command answers or accepts (as a struct), the events' payloads
/// and the error, with what they refer to.
fn rendered() -> String {
    let mut declarations = Declarations {
        // serde writes i64 as a JSON number.
        config: Config::new().with_large_int("number"),
        seen: HashSet::new(),
        by_name: BTreeMap::new(),
    };
    let d = &mut declarations;
    // Command replies.
    d.visit::<Overview>();
    d.visit::<ProviderCard>();
    d.visit::<IncidentRow>();
    d.visit::<IncidentDetail>();
    d.visit::<MaintenanceRow>();
    d.visit::<ServiceState>();
    d.visit::<ServiceSpec>();
    d.visit::<FollowingView>();
    d.visit::<CatalogEntry>();
    d.visit::<CatalogCategory>();
    d.visit::<Preview>();
    d.visit::<Watching>();
    d.visit::<Settings>();
    d.visit::<lookout_desktop::UpdateCheck>();
    d.visit::<AlertSettings>();
    d.visit::<ProviderRules>();
    d.visit::<SinkView>();
    d.visit::<DeliveryRow>();
    d.visit::<ProviderHistory>();
    d.visit::<ExportedFile>();
    d.visit::<FolderSuggestions>();
    d.visit::<ProbeView>();
    d.visit::<ProbeSuggestion>();
    d.visit::<AddProbe>();
    // Command arguments that are more than a number or a string.
    d.visit::<IncidentQuery>();
    d.visit::<AddProvider>();
    d.visit::<Pause>();
    d.visit::<NewSink>();
    // The `status-changed` event and every command's failure.
    d.visit::<StatusChanged>();
    d.visit::<CommandError>();
    let body: Vec<String> = declarations.by_name.into_values().collect();
    format!("{HEADER}\n{}", body.join("\n"))
}

fn checked_in_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/types/lookout.d.ts")
}

#[test]
fn ui_types_match_the_rust_types() {
    let path = checked_in_path();
    let expected = rendered();
    if std::env::var_os("UPDATE_UI_TYPES").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == expected,
        "ui/types/lookout.d.ts is out of date: run UPDATE_UI_TYPES=1 cargo test -p lookout-desktop \
         ui_types (then review the diff, fix what `tsc -p ui` reports, and update \
         docs/app-commands.md)"
    );
}
