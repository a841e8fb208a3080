//! Enums stored as their GraphQL names (`PRIVATE`, `MODERATOR`, …) in TEXT columns, the
//! same on both databases. The names come from each enum's serde attributes, so the
//! GraphQL enum, the JSON and the column agree by construction.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The stored name of `value`.
pub fn to_text<E: Serialize>(value: E) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => format!("{other:?}"),
    }
}

/// The enum value stored as `text`; an unknown name is a corrupt row.
pub fn from_text<E: DeserializeOwned>(text: &str) -> anyhow::Result<E> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|error| anyhow::anyhow!("unexpected stored value {text:?}: {error}"))
}

/// An enum read back from its TEXT column (`#[sqlx(try_from = "String")]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored<E>(pub E);

impl<E: DeserializeOwned> TryFrom<String> for Stored<E> {
    type Error = anyhow::Error;

    fn try_from(text: String) -> anyhow::Result<Self> {
        from_text(&text).map(Stored)
    }
}

/// An enum read back from a nullable TEXT column (`#[sqlx(try_from = "Option<String>")]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoredOption<E>(pub Option<E>);

impl<E: DeserializeOwned> TryFrom<Option<String>> for StoredOption<E> {
    type Error = anyhow::Error;

    fn try_from(text: Option<String>) -> anyhow::Result<Self> {
        text.map(|text| from_text(&text)).transpose().map(StoredOption)
    }
}

/// A list of enums stored between commas (",A,B,"), so one can be matched with LIKE.
#[derive(Debug, Clone)]
pub struct StoredList<E>(pub Vec<E>);

impl<E: DeserializeOwned> TryFrom<String> for StoredList<E> {
    type Error = anyhow::Error;

    fn try_from(text: String) -> anyhow::Result<Self> {
        text.split(',').filter(|item| !item.is_empty()).map(from_text).collect::<anyhow::Result<_>>().map(StoredList)
    }
}

/// `items` as stored: each between commas.
pub fn comma_list<E: Serialize + Copy>(items: &[E]) -> String {
    let texts: Vec<String> = items.iter().map(|item| to_text(*item)).collect();
    format!(",{},", texts.join(","))
}
