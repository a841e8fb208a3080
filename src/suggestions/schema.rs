//! GraphQL for suggestions: `suggestedMembers` and `dismissSuggestion`.

use std::collections::HashMap;

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use uuid::Uuid;

use super::rank::{Shown, rank};
use super::store::{self, Anchors};
use crate::clock;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::graphql::context::ContextExt;
use crate::graphql::ids::parse_id;
use crate::members::{self, Child, Member};
use crate::text::fold;

/// Most suggestions one request asks for.
const MAX_FIRST: i32 = 50;
/// How many members each way of matching brings to be ranked closely.
const PER_MATCH: i64 = 100;

/// A member to meet, and why.
#[derive(SimpleObject)]
pub struct Suggestion {
    pub member: Member,
    /// What she shares with the viewer, most telling first.
    pub reasons: Vec<String>,
    /// The reasons in one line: "Also returning from leave in March · Toronto · kids 1 and 3".
    pub summary: String,
}

/// Each of `members`' children.
async fn children(db: &Db, members: &[Uuid]) -> AppResult<HashMap<Uuid, Vec<Child>>> {
    let mut by_member: HashMap<Uuid, Vec<Child>> = HashMap::new();
    for (member, child) in members::children_of(db, members).await? {
        by_member.entry(member).or_default().push(child);
    }
    Ok(by_member)
}

/// The best `first` suggestions for `viewer`.
async fn suggestions(db: &Db, viewer: Uuid, first: usize) -> AppResult<Vec<Suggestion>> {
    let Some(me) = members::find(db, viewer, viewer).await? else {
        return Err(AppError::NotFound);
    };
    let anchors = Anchors {
        city_key: me.profile.city.as_deref().map(fold),
        industry_key: me.profile.industry.as_deref().map(fold),
        career_stage: me.profile.career_stage.clone(),
    };
    let ids = store::candidates(db, viewer, &anchors, PER_MATCH).await?;
    let mut kids = children(db, &[ids.as_slice(), &[viewer]].concat()).await?;
    let today = clock::now().date_naive();
    let mine = Shown::of(&me, &kids.remove(&viewer).unwrap_or_default(), true, today);
    let mut ranked: Vec<(i32, Suggestion)> = members::find_many(db, viewer, &ids)
        .await?
        .into_iter()
        .filter(|her| !her.blocked && !her.connected)
        .filter_map(|her| {
            let shown = Shown::of(&her, kids.get(&her.id).map_or(&[], Vec::as_slice), false, today);
            let ranked = rank(&mine, &shown);
            let summary = ranked.reasons.join(" · ");
            (ranked.score > 0).then_some((ranked.score, Suggestion { member: her, reasons: ranked.reasons, summary }))
        })
        .collect();
    ranked.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.member.id.cmp(&y.member.id)));
    Ok(ranked.into_iter().take(first).map(|(_, suggestion)| suggestion).collect())
}

/// `viewer` dismisses `member` (one she may see) from her suggestions.
async fn dismiss(db: &Db, viewer: Uuid, member: Uuid) -> AppResult<()> {
    members::find(db, viewer, member).await?.filter(|her| !her.blocked).ok_or(AppError::NotFound)?;
    Ok(store::dismiss(db, viewer, member, clock::now()).await?)
}

#[derive(Default)]
pub struct SuggestionQuery;

#[Object]
impl SuggestionQuery {
    /// Members she might like to meet, best match first (at most 50): those sharing her
    /// career stage, city, industry, children's ages or what she is open to — as far as
    /// they show it — never anyone blocked either way, connected (or asked), or dismissed.
    #[graphql(complexity = "first.unwrap_or(10).clamp(1, 50) as usize * child_complexity")]
    async fn suggested_members(&self, ctx: &Context<'_>, first: Option<i32>) -> Result<Vec<Suggestion>> {
        let viewer = ctx.viewer()?.member_id()?;
        let first = first.unwrap_or(10);
        if !(1..=MAX_FIRST).contains(&first) {
            return Err(AppError::bad_input("first", format!("ask for 1 to {MAX_FIRST}")).into());
        }
        Ok(suggestions(ctx.db()?, viewer, usize::try_from(first).unwrap_or(10)).await?)
    }
}

#[derive(InputObject)]
pub struct DismissSuggestionInput {
    pub member_id: ID,
}

#[derive(Default)]
pub struct SuggestionMutation;

#[Object]
impl SuggestionMutation {
    /// She does not want this member suggested again.
    async fn dismiss_suggestion(&self, ctx: &Context<'_>, input: DismissSuggestionInput) -> Result<bool> {
        let viewer = ctx.viewer()?.member_id()?;
        let member = parse_id("memberId", &input.member_id)?;
        dismiss(ctx.db()?, viewer, member).await?;
        Ok(true)
    }
}
