//! Fields a live update may render once and share among its readers. Every field of
//! every type is rendered per reader unless its type lists it here, by implementing
//! [`Shareable`]: a field whose value follows from the update and the facts the sharing
//! is keyed on (see `threads::render`), never from who reads. A shared rendering runs
//! with no reader in its context, so a field listed by mistake fails or shows what no
//! one in particular sees — it cannot show one member's view to another.

use std::borrow::Cow;

use async_graphql::OutputType;

/// A shareable field: its GraphQL name, and the type its selection is read on (`None`
/// for a leaf, or for a field whose selection is not looked into).
pub type SharedField = (&'static str, Option<&'static str>);

/// A GraphQL type some of whose fields may be rendered once for readers alike.
pub trait Shareable: OutputType {
    /// Its shareable fields; any other is rendered per reader.
    const SHAREABLE_FIELDS: &'static [SharedField];

    /// The type's GraphQL name with its shareable fields.
    fn shareable() -> (Cow<'static, str>, &'static [SharedField]) {
        (Self::type_name(), Self::SHAREABLE_FIELDS)
    }
}
