//! The JSON Schemas of the tools' answers, derived from `lookout_api`'s types by utoipa — the
//! very schemas of `lookout serve`'s OpenAPI document — made self-contained: the types they
//! refer to under `$defs`, each `#/components/schemas/X` reference pointed there.

use rmcp::model::JsonObject;
use serde_json::{Map, Value};
use std::sync::Arc;
use utoipa::ToSchema;

/// The JSON Schema (2020-12) of `T`'s JSON, as a tool's `outputSchema`.
pub fn output_schema<T: ToSchema>() -> Arc<JsonObject> {
    let mut nested = Vec::new();
    T::schemas(&mut nested);
    let mut defs = Map::new();
    for (name, schema) in nested {
        defs.insert(name, local_refs(to_json(&schema)));
    }
    let mut root = match local_refs(to_json(&T::schema())) {
        Value::Object(root) => root,
        _ => Map::new(),
    };
    root.entry("type")
        .or_insert_with(|| Value::String("object".into()));
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
    Arc::new(root)
}

fn to_json<S: serde::Serialize>(schema: &S) -> Value {
    serde_json::to_value(schema).unwrap_or(Value::Null)
}

/// `schema` with every OpenAPI reference (`#/components/schemas/X`) made local (`#/$defs/X`).
fn local_refs(schema: Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => {
                        let local = target.replace("#/components/schemas/", "#/$defs/");
                        (key, Value::String(local))
                    }
                    (_, value) => (key, local_refs(value)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(local_refs).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_api::{IncidentRow, VendorStatus};

    /// Every reference in `value`.
    fn refs(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("$ref", Value::String(target)) => found.push(target.clone()),
                        _ => refs(value, found),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_resolves_inside_the_schema() {
        for schema in [
            output_schema::<VendorStatus>(),
            output_schema::<IncidentRow>(),
        ] {
            let schema = Value::Object((*schema).clone());
            assert_eq!(schema["type"], "object");
            let mut found = Vec::new();
            refs(&schema, &mut found);
            assert!(!found.is_empty(), "{schema}");
            for target in found {
                let name = target.strip_prefix("#/$defs/").expect("a local reference");
                assert!(schema["$defs"][name].is_object(), "{target} in {schema}");
            }
        }
    }
}
