//! Random pages for the memory bound: bytes, documents of the readers' own keys, the same
//! documents with a list or a string blown up (a small page that names many things), the same
//! inside a JSONP call for Apple's reader, and feed-like XML, plain and repeated.

#[path = "../it/fuzz_inputs.rs"]
#[allow(dead_code)]
mod fuzz_inputs;

use crate::Worst;
use fuzz_inputs::{feed_like, in_a_call, json_document, KEYS, WORDS};
use lookout_core::sources::Document;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use std::cell::RefCell;

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: lookout_core::fuzz_cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Runs `strategy`'s pages through `readers`, each read measured.
fn run<S: Strategy>(
    worst: &RefCell<&mut Worst>,
    name: &str,
    strategy: S,
    readers: &[Document],
    bytes_of: impl Fn(&S::Value) -> Vec<u8>,
) -> Result<(), String> {
    runner()
        .run(&strategy, |value| {
            let body = bytes_of(&value);
            for reader in readers {
                let _ = worst
                    .borrow_mut()
                    .read(name, *reader, &body)
                    .map_err(TestCaseError::fail)?;
            }
            Ok(())
        })
        .map_err(|failure| format!("{name}: {failure}"))
}

/// `doc` with its first list made `n` long (its items repeated), or with its first string made
/// `n` × 64 bytes long; a document with neither becomes a list of `n` copies of itself.
fn amplified(mut doc: Value, n: usize, string: bool) -> Value {
    fn first_list(value: &mut Value) -> Option<&mut Vec<Value>> {
        match value {
            Value::Array(items) if !items.is_empty() => Some(items),
            Value::Array(_) => None,
            Value::Object(map) => map.values_mut().find_map(first_list),
            _ => None,
        }
    }
    fn first_string(value: &mut Value) -> Option<&mut String> {
        match value {
            Value::String(text) => Some(text),
            Value::Array(items) => items.iter_mut().find_map(first_string),
            Value::Object(map) => map.values_mut().find_map(first_string),
            _ => None,
        }
    }
    if string {
        if let Some(text) = first_string(&mut doc) {
            *text = text.repeat(1 + n * 64 / text.len().max(1));
            return doc;
        }
    }
    if let Some(items) = first_list(&mut doc) {
        let repeated: Vec<Value> = items.iter().cycle().take(n).cloned().collect();
        *items = repeated;
        return doc;
    }
    Value::Array(vec![doc; n])
}

/// Reads every random page within the bound.
pub fn read_all(worst: &mut Worst) -> Result<(), String> {
    let worst = RefCell::new(worst);
    run(
        &worst,
        "random bytes",
        prop::collection::vec(any::<u8>(), 0..512),
        &Document::ALL,
        Clone::clone,
    )?;
    run(
        &worst,
        "a random document",
        json_document(KEYS, WORDS),
        &Document::ALL,
        |doc| serde_json::to_vec(doc).unwrap_or_default(),
    )?;
    run(
        &worst,
        "a random document blown up",
        (json_document(KEYS, WORDS), 1..20_000usize, any::<bool>()),
        &Document::ALL,
        |(doc, n, string)| {
            serde_json::to_vec(&amplified(doc.clone(), *n, *string)).unwrap_or_default()
        },
    )?;
    run(
        &worst,
        "a random document in a JSONP call, blown up",
        (json_document(KEYS, WORDS), 1..20_000usize, any::<bool>()),
        &[Document::AppleStatus],
        |(doc, n, string)| in_a_call(&amplified(doc.clone(), *n, *string)),
    )?;
    run(
        &worst,
        "feed-like XML, repeated",
        (feed_like(), 1..2_000usize),
        &[Document::Feed],
        |(xml, n)| xml.repeat(*n).into_bytes(),
    )
}
