//! Tallying a survey's answers: counts per option, the spread and average of a scale,
//! the text answers (bare in an anonymous survey), breakdowns by career stage or city
//! that never show a group of fewer than [`MIN_GROUP`] responses, and the CSV of it all.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use uuid::Uuid;

use super::model::{Breakdown, Question, QuestionKind};
use super::store::AnswerRow;

/// The fewest responses a breakdown shows a group of (and an anonymous survey shows
/// results from): smaller ones are only counted together, so no one stands out by her
/// stage or city.
pub const MIN_GROUP: usize = 5;

/// The scale's values.
const SCALE: [i64; 5] = [1, 2, 3, 4, 5];

/// How often one option (or scale value) was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionCount {
    pub label: String,
    pub count: i64,
}

/// A text answer: who gave it only in a survey that is not anonymous.
#[derive(Debug, Clone)]
pub struct TextAnswer {
    pub text: String,
    pub member_id: Option<Uuid>,
}

/// What one question's answers add up to.
#[derive(Debug, Clone)]
pub struct QuestionResult {
    pub question: Question,
    /// How many answered it.
    pub answered: i64,
    /// Per option, or per scale value from 1 to 5; empty for text.
    pub options: Vec<OptionCount>,
    /// The scale's mean; none for other kinds or no answers.
    pub average: Option<f64>,
    pub texts: Vec<TextAnswer>,
}

/// The choices stored as ",0,2,".
fn chosen(choices: &str) -> impl Iterator<Item = usize> + '_ {
    choices.split(',').filter_map(|position| position.parse().ok())
}

/// Tallies `question` over `rows` (any answers; those to other questions are skipped).
fn tally_question(question: &Question, rows: &[&AnswerRow]) -> QuestionResult {
    let answers: Vec<&&AnswerRow> = rows.iter().filter(|row| row.question_id == question.id).collect();
    let kind = question.kind.0;
    let mut result = QuestionResult {
        question: question.clone(),
        answered: count(answers.len()),
        options: Vec::new(),
        average: None,
        texts: Vec::new(),
    };
    if kind.has_options() {
        result.options = question
            .options
            .0
            .iter()
            .enumerate()
            .map(|(position, label)| OptionCount {
                label: label.clone(),
                count: count_of(&answers, |row| {
                    row.choices.as_deref().is_some_and(|c| chosen(c).any(|p| p == position))
                }),
            })
            .collect();
    } else if kind == QuestionKind::Scale1To5 {
        result.options = SCALE
            .iter()
            .map(|value| OptionCount {
                label: value.to_string(),
                count: count_of(&answers, |row| row.scale == Some(*value)),
            })
            .collect();
        let values: Vec<i64> = answers.iter().filter_map(|row| row.scale).collect();
        result.average = (!values.is_empty()).then(|| values.iter().sum::<i64>() as f64 / values.len() as f64);
    } else {
        result.texts = answers
            .iter()
            .filter_map(|row| Some(TextAnswer { text: row.text.clone()?, member_id: row.member_id }))
            .collect();
    }
    result
}

fn count_of(answers: &[&&AnswerRow], matches: impl Fn(&AnswerRow) -> bool) -> i64 {
    count(answers.iter().filter(|row| matches(row)).count())
}

/// Every question's result over `rows`.
pub fn tally(questions: &[Question], rows: &[&AnswerRow]) -> Vec<QuestionResult> {
    questions.iter().map(|question| tally_question(question, rows)).collect()
}

/// One group of a breakdown: the responses sharing a career stage or a city.
#[derive(Debug, Clone)]
pub struct Group {
    /// The stage (e.g. ON_LEAVE) or city (lower-cased); none for those who did not say.
    pub value: Option<String>,
    pub responses: i64,
    /// Without text answers: a breakdown counts, it never quotes.
    pub questions: Vec<QuestionResult>,
}

/// A breakdown: the groups big enough to show, and how many responses fell in smaller
/// ones.
#[derive(Debug, Clone)]
pub struct Split {
    pub groups: Vec<Group>,
    pub suppressed_responses: i64,
}

/// `rows` broken down `by` career stage or city, groups of fewer than [`MIN_GROUP`]
/// responses left out and only counted together — and when those are fewer than
/// [`MIN_GROUP`] in all, the smallest shown groups too, until they are not: else the
/// whole minus the groups shown would be the answers of the few left out.
pub fn breakdown(questions: &[Question], rows: &[AnswerRow], by: Breakdown) -> Split {
    let mut by_value: BTreeMap<Option<String>, Vec<&AnswerRow>> = BTreeMap::new();
    for row in rows {
        let value = match by {
            Breakdown::CareerStage => row.standing.career_stage.clone(),
            Breakdown::City => row.standing.city_key.clone(),
        };
        by_value.entry(value).or_default().push(row);
    }
    let mut split = Split { groups: Vec::new(), suppressed_responses: 0 };
    for (value, rows) in by_value {
        let responses = count(rows.iter().map(|row| row.response_id).collect::<HashSet<_>>().len());
        if responses < count(MIN_GROUP) {
            split.suppressed_responses += responses;
            continue;
        }
        let mut questions = tally(questions, &rows);
        questions.iter_mut().for_each(|question| question.texts.clear());
        split.groups.push(Group { value, responses, questions });
    }
    split.groups.sort_by_key(|group| group.responses);
    let too_few = |split: &Split| (1..count(MIN_GROUP)).contains(&split.suppressed_responses);
    while too_few(&split) && !split.groups.is_empty() {
        let smallest = split.groups.remove(0);
        split.suppressed_responses += smallest.responses;
    }
    split.groups.sort_by(|a, b| a.value.cmp(&b.value));
    split
}

/// `n` as GraphQL's Int.
pub fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `text` as a spreadsheet cell that is never a formula: one starting with `=`, `+`,
/// `-`, `@` or a tab is quoted with a leading apostrophe (an answer is anyone's text).
fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The results as CSV: a row per option or scale value with its count, a row with
/// each scale's average, and a row per text answer (never who gave it).
pub fn csv(results: &[QuestionResult]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["question", "kind", "answer", "count"])?;
    for result in results {
        let prompt = cell(&result.question.prompt);
        let kind = crate::db::text_enum::to_text(result.question.kind.0);
        for option in &result.options {
            writer.write_record([&*prompt, &kind, &cell(&option.label), &option.count.to_string()])?;
        }
        if let Some(average) = result.average {
            writer.write_record([&*prompt, &kind, "average", &format!("{average:.2}")])?;
        }
        for text in &result.texts {
            writer.write_record([&*prompt, &kind, &cell(&text.text), "1"])?;
        }
    }
    Ok(String::from_utf8(writer.into_inner().map_err(|error| anyhow::anyhow!("{error}"))?)?)
}
