//! GraphQL for surveys: `survey`, `surveys`, `surveyResults` (with breakdowns and CSV),
//! `createSurvey` and `answerSurvey`.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::model::{Breakdown, Question, QuestionKind, Survey};
use super::results::{self, Group, MIN_GROUP, OptionCount, QuestionResult, Split, TextAnswer};
use super::service::{self, Audience, Given, QuestionDraft, SurveyDraft};
use super::store::{self, AnswerRow};
use crate::clock;
use crate::error::AppError;
use crate::graphql::context::{ContextExt, rate_limited, verified_member};
use crate::graphql::ids::{optional_id, parse_id};
use crate::graphql::relay::{self, Cursor, PageArgs};
use crate::members::{Member, load_member};
use crate::rate_limits::Action;

/// What reading every answer of a survey costs beyond its fields.
const RESULTS_COST: usize = 200;

/// One question of a survey.
#[Object(name = "SurveyQuestion")]
impl Question {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn kind(&self) -> QuestionKind {
        self.kind.0
    }
    async fn prompt(&self) -> &str {
        &self.prompt
    }
    /// The choices, for SINGLE_CHOICE and MULTI_CHOICE (answers name them by position,
    /// from 0).
    async fn options(&self) -> &[String] {
        &self.options.0
    }
    async fn required(&self) -> bool {
        self.required
    }
}

/// One of her answers (to a survey that is not anonymous).
#[derive(SimpleObject)]
pub struct SurveyAnswer {
    pub question_id: ID,
    pub text: Option<String>,
    /// The chosen options' positions.
    pub choices: Vec<i64>,
    pub scale: Option<i64>,
}

impl From<AnswerRow> for SurveyAnswer {
    fn from(row: AnswerRow) -> Self {
        let choices = row.choices.as_deref().unwrap_or_default().split(',').filter_map(|c| c.parse().ok()).collect();
        Self { question_id: ID(row.question_id.to_string()), text: row.text, choices, scale: row.scale }
    }
}

/// A set of questions for a group's members, an event's attendees or a program's cohort.
#[Object]
impl Survey {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.title
    }
    async fn intro(&self) -> &str {
        &self.intro
    }
    /// Whether nothing links an answer to the member who gave it.
    async fn anonymous(&self) -> bool {
        self.anonymous
    }
    /// When answers are taken from (an event's survey: once the event is over).
    async fn opens_at(&self) -> DateTime<Utc> {
        self.opens_at
    }
    async fn closes_at(&self) -> DateTime<Utc> {
        self.closes_at
    }
    /// Whether answers are taken now.
    async fn open(&self) -> bool {
        self.is_open(clock::now())
    }
    async fn created_by(&self, ctx: &Context<'_>) -> Result<Member> {
        Ok(load_member(ctx, self.created_by).await?)
    }
    /// Its audience: one of the group's members, the event's attendees, the program's cohort.
    async fn group_id(&self) -> Option<ID> {
        optional_id(self.group_id)
    }
    async fn event_id(&self) -> Option<ID> {
        optional_id(self.event_id)
    }
    async fn program_id(&self) -> Option<ID> {
        optional_id(self.program_id)
    }
    async fn questions(&self, ctx: &Context<'_>) -> Result<Vec<Question>> {
        Ok(store::questions(ctx.db()?, self.id).await.map_err(AppError::from)?)
    }
    async fn response_count(&self) -> i64 {
        self.response_count
    }
    /// Whether she answered.
    async fn viewer_answered(&self) -> bool {
        self.viewer_answered
    }
    /// Her answers, to change them; always empty in an anonymous survey (her phone keeps
    /// its own copy with the edit key).
    async fn viewer_answers(&self, ctx: &Context<'_>) -> Result<Vec<SurveyAnswer>> {
        let viewer = ctx.viewer()?.member_id()?;
        let rows = service::answers_of(ctx.db()?, self, viewer).await?;
        Ok(rows.into_iter().map(SurveyAnswer::from).collect())
    }
}

/// How often one option, or one value of a scale, was chosen.
#[Object(name = "SurveyOptionCount")]
impl OptionCount {
    async fn label(&self) -> &str {
        &self.label
    }
    async fn count(&self) -> i64 {
        self.count
    }
}

/// A text answer; who gave it only in a survey that is not anonymous.
#[Object(name = "SurveyTextAnswer")]
impl TextAnswer {
    async fn text(&self) -> &str {
        &self.text
    }
    async fn member(&self, ctx: &Context<'_>) -> Result<Option<Member>> {
        let Some(member) = self.member_id else { return Ok(None) };
        Ok(Some(load_member(ctx, member).await?))
    }
}

/// What the answers to one question add up to.
#[Object(name = "SurveyQuestionResult")]
impl QuestionResult {
    async fn question(&self) -> &Question {
        &self.question
    }
    /// How many answered it.
    async fn answered(&self) -> i64 {
        self.answered
    }
    /// Per option, or per scale value from 1 to 5; empty for text.
    async fn options(&self) -> &[OptionCount] {
        &self.options
    }
    /// The scale's mean; null for other kinds or without answers.
    async fn average(&self) -> Option<f64> {
        self.average
    }
    /// Text answers; none in a breakdown.
    async fn text_answers(&self) -> &[TextAnswer] {
        &self.texts
    }
}

/// One group of a breakdown.
#[Object(name = "SurveyBreakdownGroup")]
impl Group {
    /// The career stage (e.g. ON_LEAVE) or the city (lower-cased); null for those who
    /// did not say.
    async fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
    async fn responses(&self) -> i64 {
        self.responses
    }
    async fn questions(&self) -> &[QuestionResult] {
        &self.questions
    }
}

/// A breakdown of the results: only groups of at least `minimumGroup` responses.
#[Object(name = "SurveyBreakdownResult")]
impl Split {
    async fn groups(&self) -> &[Group] {
        &self.groups
    }
    /// Responses in groups too small to show, counted together.
    async fn suppressed_responses(&self) -> i64 {
        self.suppressed_responses
    }
    async fn minimum_group(&self) -> i64 {
        results::count(MIN_GROUP)
    }
}

/// A survey's results, for its creator and community admins.
pub struct SurveyResults {
    survey: Survey,
    questions: Vec<Question>,
    answers: Vec<AnswerRow>,
}

#[Object]
impl SurveyResults {
    async fn survey(&self) -> &Survey {
        &self.survey
    }
    async fn response_count(&self) -> i64 {
        self.survey.response_count
    }
    async fn questions(&self) -> Vec<QuestionResult> {
        results::tally(&self.questions, &self.answers.iter().collect::<Vec<_>>())
    }
    /// The results per career stage or city; a group of fewer than 5 responses is not
    /// shown.
    async fn breakdown(&self, by: Breakdown) -> Split {
        results::breakdown(&self.questions, &self.answers, by)
    }
    /// The results as CSV (question, kind, answer, count): a row per option or scale
    /// value, each scale's average, and each text answer without who gave it.
    async fn csv(&self) -> Result<String> {
        let tallied = results::tally(&self.questions, &self.answers.iter().collect::<Vec<_>>());
        Ok(results::csv(&tallied).map_err(AppError::from)?)
    }
}

#[derive(Default)]
pub struct SurveyQuery;

#[Object]
impl SurveyQuery {
    /// A survey she was asked (once it opened) or made; community admins see any.
    async fn survey(&self, ctx: &Context<'_>, id: ID) -> Result<Survey> {
        let viewer = ctx.viewer()?.member_id()?;
        Ok(service::readable(ctx.db()?, viewer, parse_id("id", &id)?).await?.0)
    }

    /// The surveys she is asked (once open) or made, the newest first.
    #[graphql(complexity = "relay::complexity(first, last, child_complexity)")]
    async fn surveys(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Survey>> {
        let viewer = ctx.viewer()?.member_id()?;
        let page = PageArgs { first, after, last, before }.validate()?;
        let rows = store::page(ctx.db()?, viewer, clock::now(), &page).await.map_err(AppError::from)?;
        Ok(page.connection(rows, |survey| Cursor { at: survey.created_at, id: survey.id }))
    }

    /// A survey's results: its creator and community admins (`FORBIDDEN` for those
    /// asked).
    #[graphql(complexity = "RESULTS_COST + child_complexity")]
    async fn survey_results(&self, ctx: &Context<'_>, id: ID) -> Result<SurveyResults> {
        let viewer = ctx.viewer()?.member_id()?;
        let (survey, questions, answers) = service::results(ctx.db()?, viewer, parse_id("id", &id)?).await?;
        Ok(SurveyResults { survey, questions, answers })
    }
}

#[derive(InputObject)]
pub struct SurveyQuestionInput {
    pub kind: QuestionKind,
    /// At most 500 characters.
    pub prompt: String,
    /// 2 to 10 choices for SINGLE_CHOICE and MULTI_CHOICE; none otherwise.
    #[graphql(default)]
    pub options: Vec<String>,
    #[graphql(default)]
    pub required: bool,
}

/// Who is asked: exactly one of them.
#[derive(InputObject)]
pub struct SurveyAudienceInput {
    /// The group's members.
    pub group_id: Option<ID>,
    /// Those who went, asked once it is over.
    pub event_id: Option<ID>,
    /// Those with a place.
    pub program_id: Option<ID>,
}

impl SurveyAudienceInput {
    fn checked(self) -> Result<Audience, AppError> {
        match (self.group_id, self.event_id, self.program_id) {
            (Some(id), None, None) => Ok(Audience::Group(parse_id("audience", &id)?)),
            (None, Some(id), None) => Ok(Audience::Event(parse_id("audience", &id)?)),
            (None, None, Some(id)) => Ok(Audience::Program(parse_id("audience", &id)?)),
            _ => Err(AppError::bad_input("audience", "name one group, event or program")),
        }
    }
}

#[derive(InputObject)]
pub struct CreateSurveyInput {
    pub title: String,
    #[graphql(default)]
    pub intro: String,
    /// 1 to 30.
    pub questions: Vec<SurveyQuestionInput>,
    pub audience: SurveyAudienceInput,
    /// Nothing will link an answer to who gave it.
    #[graphql(default)]
    pub anonymous: bool,
    /// After it opens, within a year.
    pub closes_at: DateTime<Utc>,
    pub client_mutation_id: Option<String>,
}

#[derive(InputObject)]
pub struct SurveyAnswerInput {
    pub question_id: ID,
    /// For TEXT (at most 5 000 characters).
    pub text: Option<String>,
    /// For SINGLE_CHOICE (one) and MULTI_CHOICE: the options' positions, from 0.
    #[graphql(default)]
    pub choices: Vec<i64>,
    /// For SCALE_1_5.
    pub scale: Option<i64>,
}

#[derive(InputObject)]
pub struct AnswerSurveyInput {
    pub survey_id: ID,
    pub answers: Vec<SurveyAnswerInput>,
    /// To change her answers to an anonymous survey: the key her first answer returned.
    pub edit_key: Option<String>,
}

/// Her answers were recorded.
#[derive(SimpleObject)]
pub struct AnswerSurveyPayload {
    pub survey: Survey,
    /// After a first answer to an anonymous survey: the only way to change it. Keep it
    /// on her device; Village cannot find her answers again.
    pub edit_key: Option<String>,
}

#[derive(Default)]
pub struct SurveyMutation;

#[Object]
impl SurveyMutation {
    /// Creates a survey: community admins for any audience, a group's owners and
    /// moderators for its members, its events' attendees and its programs' cohorts.
    async fn create_survey(&self, ctx: &Context<'_>, input: CreateSurveyInput) -> Result<Survey> {
        let viewer = verified_member(ctx)?;
        let questions = input
            .questions
            .into_iter()
            .map(|q| QuestionDraft { kind: q.kind, prompt: q.prompt, options: q.options, required: q.required })
            .collect();
        let draft = SurveyDraft {
            title: input.title,
            intro: input.intro,
            questions,
            audience: input.audience.checked()?,
            anonymous: input.anonymous,
            closes_at: input.closes_at,
        };
        Ok(service::create(ctx.db()?, viewer, draft, input.client_mutation_id.as_deref()).await?)
    }

    /// Records her answers, or changes them while it is open.
    async fn answer_survey(&self, ctx: &Context<'_>, input: AnswerSurveyInput) -> Result<AnswerSurveyPayload> {
        let viewer = rate_limited(ctx, Action::Rsvp).await?;
        let id = parse_id("surveyId", &input.survey_id)?;
        let given = input
            .answers
            .into_iter()
            .map(|answer| {
                Ok(Given {
                    question_id: parse_id("answers", &answer.question_id)?,
                    text: answer.text,
                    choices: answer.choices,
                    scale: answer.scale,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let (survey, edit_key) = service::answer(ctx.db()?, viewer, id, given, input.edit_key.as_deref()).await?;
        Ok(AnswerSurveyPayload { survey, edit_key })
    }
}
