//! The rules of surveys: community admins (anywhere) and a group's moderators ask a
//! group's members, the members who went to one of its events (once it is over) or a
//! program's cohort. Members of the audience answer once and may change their answers
//! until it closes: in a survey that is not anonymous her response is hers; in an
//! anonymous one it is written with no member at all, and she changes it with the edit
//! key she was given when she answered. Results are for the creator and admins.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::model::{Answer, Question, QuestionKind, Survey};
use super::results::{self, MIN_GROUP};
use super::store::{self, AnswerRow, NewQuestion, NewResponse, NewSurvey};
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::jobs::{self, JobKind, NewJob};
use crate::text::{line_list, optional_body, required_body, required_line};
use crate::{auth, clock, events, idempotency, members, membership, programs};

const MAX_TITLE_CHARS: usize = 200;
const MAX_INTRO_CHARS: usize = 2_000;
const MAX_QUESTIONS: usize = 30;
const MAX_PROMPT_CHARS: usize = 500;
const MAX_OPTIONS: usize = 10;
const MAX_OPTION_CHARS: usize = 200;
const MAX_TEXT_ANSWER_CHARS: usize = 5_000;
/// How long a survey stays open at most.
const MAX_OPEN: TimeDelta = TimeDelta::days(365);

/// Who a survey asks.
#[derive(Debug, Clone, Copy)]
pub enum Audience {
    /// The group's members.
    Group(Uuid),
    /// Those who went to the event, once it is over.
    Event(Uuid),
    /// Those with a place in the program.
    Program(Uuid),
}

/// One question as its author wrote it.
#[derive(Debug, Clone)]
pub struct QuestionDraft {
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
    pub required: bool,
}

/// A survey as its author wrote it.
pub struct SurveyDraft {
    pub title: String,
    pub intro: String,
    pub questions: Vec<QuestionDraft>,
    pub audience: Audience,
    pub anonymous: bool,
    pub closes_at: DateTime<Utc>,
}

impl QuestionDraft {
    /// The question checked: a bounded prompt, and 2 to 10 options for a choice (none
    /// for text or a scale).
    fn validate(self) -> AppResult<Self> {
        let prompt = required_line("questions", &self.prompt, MAX_PROMPT_CHARS)?;
        let options = line_list("questions", &self.options, MAX_OPTIONS, MAX_OPTION_CHARS)?;
        if self.kind.has_options() && options.len() < 2 {
            return Err(AppError::bad_input("questions", "a choice needs 2 to 10 options"));
        }
        if !self.kind.has_options() && !options.is_empty() {
            return Err(AppError::bad_input("questions", "only a choice has options"));
        }
        Ok(Self { prompt, options, ..self })
    }
}

/// Whether the viewer may ask `group_id`'s people ([`membership::require_organiser`]).
async fn may_ask(db: &Db, viewer: Uuid, group_id: Uuid) -> AppResult<()> {
    let admin = members::is_admin(db, viewer).await?;
    membership::require_organiser(db, viewer, admin, Some(group_id)).await
}

/// The survey's audience as stored (group, event, program) and when it opens.
type Placed = (Option<Uuid>, Option<Uuid>, Option<Uuid>, DateTime<Utc>);

/// Checks the viewer may ask `audience` and places the survey: an event's opens when
/// the event is over.
async fn place(db: &Db, viewer: Uuid, audience: Audience) -> AppResult<Placed> {
    let now = clock::now();
    match audience {
        Audience::Group(group_id) => {
            may_ask(db, viewer, group_id).await?;
            Ok((Some(group_id), None, None, now))
        }
        Audience::Event(event_id) => {
            let event = events::readable(db, viewer, event_id).await?;
            may_ask(db, viewer, event.group_id).await?;
            if event.cancelled_at.is_some() {
                return Err(AppError::Conflict { field: "audience", message: "this event was cancelled".into() });
            }
            Ok((None, Some(event_id), None, event.ends_at.max(now)))
        }
        Audience::Program(program_id) => {
            let cohort = programs::cohort_of(db, program_id).await?.ok_or(AppError::NotFound)?;
            may_ask(db, viewer, cohort).await?;
            Ok((None, None, Some(program_id), now))
        }
    }
}

/// Creates a survey; its audience is told when it opens.
#[tracing::instrument(skip_all, fields(viewer = %viewer))]
pub async fn create(db: &Db, viewer: Uuid, draft: SurveyDraft, key: Option<&str>) -> AppResult<Survey> {
    let title = required_line("title", &draft.title, MAX_TITLE_CHARS)?;
    let intro = optional_body("intro", &draft.intro, MAX_INTRO_CHARS)?;
    if !(1..=MAX_QUESTIONS).contains(&draft.questions.len()) {
        return Err(AppError::bad_input("questions", format!("a survey has 1 to {MAX_QUESTIONS} questions")));
    }
    let questions = draft.questions.into_iter().map(QuestionDraft::validate).collect::<AppResult<Vec<_>>>()?;
    let (group_id, event_id, program_id, opens_at) = place(db, viewer, draft.audience).await?;
    let closes_at = clock::within_range("closesAt", clock::to_micros(draft.closes_at))?;
    if closes_at <= opens_at || closes_at > opens_at + MAX_OPEN {
        return Err(AppError::bad_input("closesAt", "a survey closes after it opens, within a year"));
    }
    let id = idempotency::create_once(db, viewer, "createSurvey", key, async |tx| {
        let survey = NewSurvey {
            id: Uuid::now_v7(),
            created_by: viewer,
            title: &title,
            intro: &intro,
            group_id,
            event_id,
            program_id,
            anonymous: draft.anonymous,
            opens_at,
            closes_at,
            now: clock::now(),
        };
        store::insert_survey(tx, &survey).await?;
        insert_questions(tx, survey.id, &questions).await?;
        jobs::enqueue(tx, NewJob::due_at(JobKind::SurveyOpened, survey.id, opens_at)).await?;
        Ok(survey.id)
    })
    .await?
    .id;
    Ok(readable(db, viewer, id).await?.0)
}

async fn insert_questions(tx: &mut Tx, survey_id: Uuid, questions: &[QuestionDraft]) -> AppResult<()> {
    for (position, question) in (0..).zip(questions) {
        let new = NewQuestion {
            survey_id,
            position,
            kind: question.kind,
            prompt: &question.prompt,
            options: &question.options,
            required: question.required,
        };
        store::insert_question(tx, &new).await?;
    }
    Ok(())
}

/// Survey `id` if the viewer may see it — she made it, she is in its audience and it
/// opened, or she is a community admin — and whether she may answer it.
pub async fn readable(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<(Survey, bool)> {
    let (survey, in_audience) = store::find(db, viewer, id).await?.ok_or(AppError::NotFound)?;
    let asked = in_audience && survey.opens_at <= clock::now();
    if asked || survey.created_by == viewer || members::is_admin(db, viewer).await? {
        return Ok((survey, asked));
    }
    Err(AppError::NotFound)
}

/// One answer as she sent it, before it is checked against its question.
#[derive(Debug, Clone)]
pub struct Given {
    pub question_id: Uuid,
    pub text: Option<String>,
    pub choices: Vec<i64>,
    pub scale: Option<i64>,
}

/// Checks `given` against `question`.
fn check_answer(question: &Question, given: Given) -> AppResult<Answer> {
    let field = "answers";
    let in_range = |choice: &i64| usize::try_from(*choice).ok().filter(|at| *at < question.options.0.len());
    match question.kind.0 {
        QuestionKind::Text => {
            let text = given.text.ok_or_else(|| AppError::bad_input(field, "a text question takes text"))?;
            Ok(Answer::Text(required_body(field, &text, MAX_TEXT_ANSWER_CHARS)?))
        }
        QuestionKind::Scale1To5 => match given.scale {
            Some(scale @ 1..=5) => Ok(Answer::Scale(scale)),
            _ => Err(AppError::bad_input(field, "a scale takes 1 to 5")),
        },
        kind => {
            let mut chosen = given.choices.iter().map(in_range).collect::<Option<Vec<usize>>>().unwrap_or_default();
            chosen.sort_unstable();
            chosen.dedup();
            let fits = if kind == QuestionKind::SingleChoice { chosen.len() == 1 } else { !chosen.is_empty() };
            if !fits || chosen.len() != given.choices.len() {
                return Err(AppError::bad_input(
                    field,
                    "choose among the question's options (one for a single choice)",
                ));
            }
            Ok(Answer::Choices(chosen))
        }
    }
}

/// Her answers checked: each to a question of the survey, at most once, every required
/// one answered.
fn check_answers(questions: &[Question], given: Vec<Given>) -> AppResult<Vec<(Uuid, Answer)>> {
    let mut answers: Vec<(Uuid, Answer)> = Vec::with_capacity(given.len());
    for one in given {
        let question = questions
            .iter()
            .find(|question| question.id == one.question_id)
            .ok_or_else(|| AppError::bad_input("answers", "an answer names a question of another survey"))?;
        if answers.iter().any(|(id, _)| *id == question.id) {
            return Err(AppError::bad_input("answers", "one answer per question"));
        }
        answers.push((question.id, check_answer(question, one)?));
    }
    if let Some(missing) = questions.iter().find(|q| q.required && !answers.iter().any(|(id, _)| *id == q.id)) {
        return Err(AppError::bad_input("answers", format!("'{}' needs an answer", missing.prompt)));
    }
    Ok(answers)
}

/// Records (or changes) the viewer's answers to survey `id`. In an anonymous survey the
/// first answer returns the key that changes it: nothing else can. (No clientMutationId
/// here: its record would tie her to the response it made.)
#[tracing::instrument(skip_all, fields(viewer = %viewer, survey = %id))]
pub async fn answer(
    db: &Db,
    viewer: Uuid,
    id: Uuid,
    given: Vec<Given>,
    edit_key: Option<&str>,
) -> AppResult<(Survey, Option<String>)> {
    let (survey, asked) = readable(db, viewer, id).await?;
    if !asked {
        return Err(AppError::Forbidden);
    }
    if !survey.is_open(clock::now()) {
        return Err(AppError::Conflict { field: "surveyId", message: "this survey is closed".into() });
    }
    let answers = check_answers(&store::questions(db, id).await?, given)?;
    let mut tx = db.begin_write().await?;
    let standing = store::standing_of(&mut tx, viewer).await?;
    let (response_id, new_key) = match (survey.anonymous, edit_key) {
        (true, Some(key)) => {
            let found = store::response_by_key(&mut tx, id, &auth::link_token_hash(key)).await?;
            (found.ok_or_else(|| AppError::bad_input("editKey", "this is not an edit key of this survey"))?, None)
        }
        (true, None) => {
            if !store::mark_answered(&mut tx, id, viewer).await? {
                tx.rollback().await?;
                let message = "you answered this survey: send your editKey to change your answers";
                return Err(AppError::Conflict { field: "editKey", message: message.into() });
            }
            let minted = auth::mint_link_token();
            let response =
                NewResponse { survey_id: id, member_id: None, edit_key_hash: Some(&minted.hash), standing: &standing };
            (store::insert_response(&mut tx, &response).await?, Some(minted.token))
        }
        (false, _) => {
            store::mark_answered(&mut tx, id, viewer).await?;
            let response =
                NewResponse { survey_id: id, member_id: Some(viewer), edit_key_hash: None, standing: &standing };
            match store::response_of(&mut tx, id, viewer).await? {
                Some(existing) => (existing, None),
                None => (store::insert_response(&mut tx, &response).await?, None),
            }
        }
    };
    store::replace_answers(&mut tx, response_id, &standing, &answers).await?;
    tx.commit().await?;
    Ok((readable(db, viewer, id).await?.0, new_key))
}

/// Survey `id`, its questions and every answer, for its creator and community admins
/// (`FORBIDDEN` for its audience); an anonymous survey's only from [`MIN_GROUP`]
/// responses, so no one's answers are the results.
pub async fn results(db: &Db, viewer: Uuid, id: Uuid) -> AppResult<(Survey, Vec<Question>, Vec<AnswerRow>)> {
    let (survey, _) = readable(db, viewer, id).await?;
    if survey.created_by != viewer && !members::is_admin(db, viewer).await? {
        return Err(AppError::Forbidden);
    }
    if survey.anonymous && survey.response_count < results::count(MIN_GROUP) {
        let message = format!("an anonymous survey's results show from {MIN_GROUP} responses");
        return Err(AppError::Conflict { field: "id", message });
    }
    let questions = store::questions(db, id).await?;
    let answers = store::answers(db, id).await?;
    Ok((survey, questions, answers))
}

/// Her own answers to a survey that is not anonymous (none to an anonymous one: nothing
/// links them to her).
pub async fn answers_of(db: &Db, survey: &Survey, viewer: Uuid) -> AppResult<Vec<AnswerRow>> {
    if survey.anonymous || !survey.viewer_answered {
        return Ok(Vec::new());
    }
    Ok(store::answers_of_member(db, survey.id, viewer).await?)
}
