//! The tray leading with your services: when a vendor's trouble affects one of them, the
//! tooltip and the menu's first lines say so ("Checkout affected — Stripe API partial outage")
//! before the vendors.

use crate::tray::{fit, TrayState};
use lookout_core::services::ServiceState;

impl TrayState {
    /// This tray with the affected ones of `services` first: a line each in the menu, and the
    /// tooltip naming them.
    pub fn leading_with(mut self, services: &[ServiceState]) -> TrayState {
        let affected: Vec<&ServiceState> = services.iter().filter(|s| s.affected).collect();
        self.services = affected.iter().map(|s| fit(&service_line(s))).collect();
        self.summary = match affected.as_slice() {
            [] => self.summary,
            [one] => fit(&service_line(one)),
            several => {
                let names: Vec<&str> = several.iter().map(|s| s.name.as_str()).collect();
                let head = format!("{} services affected: {}", several.len(), names.join(", "));
                fit(&format!("{head} — {}", self.summary))
            }
        };
        self
    }
}

/// "Checkout affected — Stripe API partial outage (and 1 more)".
fn service_line(service: &ServiceState) -> String {
    let mut line = format!("{} affected", service.name);
    if let Some(first) = service.reasons.first() {
        line.push_str(&format!(" — {first}"));
    }
    match service.reasons.len() {
        0 | 1 => {}
        n => line.push_str(&format!(" (and {} more)", n - 1)),
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_core::services::Criticality;
    use lookout_core::ComponentStatus;

    fn state(summary: &str) -> TrayState {
        TrayState {
            status: ComponentStatus::PartialOutage,
            icon: "partial_outage",
            summary: summary.into(),
            problems: vec![],
            snoozed: vec![],
            paused_left: None,
            services: vec![],
        }
    }

    fn service(name: &str, affected: bool, reasons: &[&str]) -> ServiceState {
        ServiceState {
            name: name.into(),
            criticality: Criticality::Normal,
            affected,
            since: None,
            dependencies: vec![],
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            warnings: vec![],
        }
    }

    #[test]
    fn the_tray_leads_with_the_affected_services_and_keeps_to_80_characters() {
        let one = state("Stripe: partial outage").leading_with(&[
            service("Checkout", true, &["Stripe API partial outage"]),
            service("Signup", false, &[]),
        ]);
        assert_eq!(one.summary, "Checkout affected — Stripe API partial outage");
        assert_eq!(
            one.services,
            ["Checkout affected — Stripe API partial outage"]
        );
        let two = state("1 major · 1 partial — Stripe, Clerk").leading_with(&[
            service(
                "Checkout",
                true,
                &["Stripe API partial outage", "Clerk unknown (x)"],
            ),
            service("Signup", true, &["Clerk Session management major outage"]),
        ]);
        assert_eq!(
            two.summary,
            "2 services affected: Checkout, Signup — 1 major · 1 partial — Stripe, Clerk"
        );
        assert_eq!(
            two.services[0],
            "Checkout affected — Stripe API partial outage (and 1 more)"
        );
        assert!(two.summary.chars().count() <= 80);
        let calm = state("All 3 services operational").leading_with(&[service("A", false, &[])]);
        assert_eq!(calm.summary, "All 3 services operational");
        assert!(calm.services.is_empty());
    }
}
