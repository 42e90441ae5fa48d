//! A provider as a person names it on the command line (its id or its name), resolved once, here,
//! to the stored provider: below this edge every function takes a [`ProviderId`].

use anyhow::{bail, Result};
use lookout_core::ProviderId;
use lookout_engine::operations::providers::Provider;
use lookout_engine::Lookout;

/// The provider `typed` names: the one numbered so (written as `7`, not `07`), or the ones of
/// that name (case-insensitive). Refused, with what to give instead, when it names none or more
/// than one.
pub async fn provider(lookout: &Lookout, typed: &str) -> Result<Provider> {
    let by_id = match canonical_id(typed) {
        Some(id) => lookout.provider(id).await?,
        None => None,
    };
    let by_name = lookout.providers_named(typed).await?;
    chosen(typed, by_id, by_name)
}

/// The id of the provider `typed` names.
pub async fn provider_id(lookout: &Lookout, typed: &str) -> Result<ProviderId> {
    Ok(provider(lookout, typed).await?.id)
}

/// The id of the provider `typed` names, when one is asked for.
pub async fn optional_provider_id(
    lookout: &Lookout,
    typed: Option<&str>,
) -> Result<Option<ProviderId>> {
    match typed {
        Some(typed) => Ok(Some(provider_id(lookout, typed).await?)),
        None => Ok(None),
    }
}

/// `typed` as an id, when it is written as SQLite writes one.
fn canonical_id(typed: &str) -> Option<ProviderId> {
    let id = typed.parse::<i64>().ok()?;
    (id.to_string() == typed).then_some(ProviderId::new(id))
}

/// The one provider found by id or by name; an error naming the candidates otherwise.
fn chosen(typed: &str, by_id: Option<Provider>, mut by_name: Vec<Provider>) -> Result<Provider> {
    if let Some(numbered) = &by_id {
        by_name.retain(|p| p.id != numbered.id);
    }
    match (by_id, by_name.len()) {
        (None, 0) => bail!("no provider named or numbered {typed:?}"),
        (Some(only), 0) => Ok(only),
        (None, 1) => Ok(by_name.remove(0)),
        (None, _) => bail!(
            "{typed:?} is the name of providers {}: give the id",
            numbers(&by_name)
        ),
        (Some(numbered), _) => bail!(
            "{typed:?} is the id of provider #{} ({}) and the name of provider{} {}: \
             give #{}'s name or the other's id",
            numbered.id,
            numbered.name,
            if by_name.len() == 1 { "" } else { "s" },
            numbers(&by_name),
            numbered.id,
        ),
    }
}

/// `#3`, `#3 and #7`, `#3, #5 and #7`.
fn numbers(providers: &[Provider]) -> String {
    let ids: Vec<String> = providers.iter().map(|p| format!("#{}", p.id)).collect();
    match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => ids.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use lookout_core::Platform;

    fn provider(id: i64, name: &str) -> Provider {
        Provider {
            id: ProviderId::new(id),
            name: name.into(),
            url: format!("https://status.{id}.test"),
            platform: Platform::Statuspage,
            poll_interval_secs: 60,
            enabled: true,
            created_at: DateTime::UNIX_EPOCH,
        }
    }

    fn refusal(typed: &str, by_id: Option<Provider>, by_name: Vec<Provider>) -> String {
        chosen(typed, by_id, by_name).unwrap_err().to_string()
    }

    #[test]
    fn one_provider_found_by_id_or_by_name_is_the_one() {
        let acme = provider(7, "Acme");
        let found = chosen("7", Some(acme.clone()), Vec::new()).unwrap();
        assert_eq!(found, acme);
        let found = chosen("acme", None, vec![acme.clone()]).unwrap();
        assert_eq!(found, acme);
        let found = chosen("7", Some(acme.clone()), vec![acme.clone()]).unwrap();
        assert_eq!(found, acme, "its id and its name are the same provider");
    }

    #[test]
    fn none_or_several_are_refused_with_what_to_give() {
        assert_eq!(
            refusal("nope", None, Vec::new()),
            "no provider named or numbered \"nope\""
        );
        assert_eq!(
            refusal("Acme", None, vec![provider(3, "Acme"), provider(7, "acme")]),
            "\"Acme\" is the name of providers #3 and #7: give the id"
        );
        assert_eq!(
            refusal(
                "Acme",
                None,
                vec![
                    provider(3, "Acme"),
                    provider(5, "ACME"),
                    provider(7, "acme")
                ]
            ),
            "\"Acme\" is the name of providers #3, #5 and #7: give the id"
        );
        assert_eq!(
            refusal("7", Some(provider(7, "Acme")), vec![provider(3, "7")]),
            "\"7\" is the id of provider #7 (Acme) and the name of provider #3: \
             give #7's name or the other's id"
        );
    }

    #[test]
    fn only_an_id_written_as_stored_is_an_id() {
        assert_eq!(canonical_id("7"), Some(ProviderId::new(7)));
        assert_eq!(canonical_id("-2"), Some(ProviderId::new(-2)));
        for typed in ["07", "+7", " 7", "7.0", "Acme", ""] {
            assert_eq!(canonical_id(typed), None, "{typed:?}");
        }
    }
}
