//! How much two members share, and the words that say it ("Also returning from leave in
//! March · Toronto · kids 1 and 3"): what one shows the other is all that counts.

use chrono::{Datelike, NaiveDate};

use crate::members::{CareerStage, Child, Member, OpenTo, ProfileField};
use crate::text::fold;

/// What one member shows the viewer, for matching (all of it, for the viewer herself).
#[derive(Debug, Default, Clone)]
pub struct Shown {
    pub career_stage: Option<CareerStage>,
    /// The month she returns to work (its first day).
    pub return_month: Option<NaiveDate>,
    pub city: Option<String>,
    pub neighbourhood: Option<String>,
    pub industry: Option<String>,
    /// Her born children's ages, in months.
    pub kids_months: Vec<i32>,
    pub open_to: Vec<OpenTo>,
}

impl Shown {
    /// What `member` shows (everything when `herself`), with her `children`, on `today`.
    pub fn of(member: &Member, children: &[Child], herself: bool, today: NaiveDate) -> Self {
        let shows = |field| herself || member.shows_others(field);
        let profile = &member.profile;
        let kids_months = children
            .iter()
            .filter_map(|child| child.born_on)
            .map(|born| (today.year() - born.year()) * 12 + today.month() as i32 - born.month() as i32)
            .collect();
        Self {
            career_stage: profile.career_stage().filter(|_| shows(ProfileField::CareerStage)),
            return_month: profile
                .return_to_work_on
                .and_then(|day| day.with_day(1))
                .filter(|_| shows(ProfileField::ReturnToWorkDate)),
            city: profile.city.clone().filter(|_| shows(ProfileField::City)),
            neighbourhood: profile.neighbourhood.clone().filter(|_| shows(ProfileField::Neighbourhood)),
            industry: profile.industry.clone().filter(|_| shows(ProfileField::Industry)),
            kids_months: if shows(ProfileField::Children) { kids_months } else { Vec::new() },
            open_to: if shows(ProfileField::OpenTo) { profile.open_to() } else { Vec::new() },
        }
    }
}

/// How well she matches, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub score: i32,
    pub reasons: Vec<String>,
}

fn same_text(a: Option<&String>, b: Option<&String>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if fold(a) == fold(b) && !fold(a).is_empty())
}

fn stage_phrase(stage: CareerStage) -> &'static str {
    match stage {
        CareerStage::Expecting => "Also expecting",
        CareerStage::OnLeave => "Also on leave",
        CareerStage::Returning => "Also returning from leave",
        CareerStage::Working => "Also a working mom",
        CareerStage::SelfEmployed => "Also self-employed",
        CareerStage::BetweenRoles => "Also between roles",
    }
}

fn open_to_phrase(kind: OpenTo) -> &'static str {
    match kind {
        OpenTo::CoffeeChats => "Open to coffee chats",
        OpenTo::Mentoring => "Open to mentoring",
        OpenTo::Referrals => "Open to referrals",
        OpenTo::Playdates => "Open to playdates",
    }
}

/// "kids 1 and 3", "a kid of 2", "a baby".
fn kids_phrase(years: &[i32]) -> String {
    match years {
        [0] => "a baby".to_owned(),
        [one] => format!("a kid of {one}"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(i32::to_string).collect();
            format!("kids {} and {last}", rest.join(", "))
        }
        [] => String::new(),
    }
}

/// How much `her` shares with `me`, and why.
pub fn rank(me: &Shown, her: &Shown) -> Ranked {
    let mut score = 0;
    let mut reasons = Vec::new();
    let same_return = me.return_month.is_some() && me.return_month == her.return_month;
    if let Some(month) = her.return_month.filter(|_| same_return) {
        score += 4;
        reasons.push(format!("Also returning from leave in {}", month.format("%B")));
    } else if let Some(stage) = her.career_stage.filter(|stage| me.career_stage == Some(*stage)) {
        score += 3;
        reasons.push(stage_phrase(stage).to_owned());
    }
    if same_text(me.city.as_ref(), her.city.as_ref()) {
        let city = her.city.clone().unwrap_or_default();
        if same_text(me.neighbourhood.as_ref(), her.neighbourhood.as_ref()) {
            score += 4;
            reasons.push(format!("{}, {city}", her.neighbourhood.clone().unwrap_or_default()));
        } else {
            score += 3;
            reasons.push(city);
        }
    }
    let mut close_kids: Vec<i32> = her
        .kids_months
        .iter()
        .filter(|age| me.kids_months.iter().any(|mine| (mine - *age).abs() <= 12))
        .map(|age| age / 12)
        .collect();
    close_kids.sort_unstable();
    if !close_kids.is_empty() {
        score += 2 * i32::try_from(close_kids.len().min(2)).unwrap_or(2);
        reasons.push(kids_phrase(&close_kids));
    }
    if same_text(me.industry.as_ref(), her.industry.as_ref()) {
        score += 2;
        reasons.push(format!("Also in {}", her.industry.clone().unwrap_or_default()));
    }
    if let Some(kind) = her.open_to.iter().find(|kind| me.open_to.contains(kind)) {
        score += 1;
        reasons.push(open_to_phrase(*kind).to_owned());
    }
    Ranked { score, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, 1)
    }

    #[test]
    fn what_two_members_share_is_scored_and_said_in_order() {
        let me = Shown {
            career_stage: Some(CareerStage::OnLeave),
            return_month: date(2027, 3),
            city: Some("Toronto".into()),
            kids_months: vec![14, 40],
            open_to: vec![OpenTo::CoffeeChats],
            ..Shown::default()
        };
        let her = Shown {
            career_stage: Some(CareerStage::OnLeave),
            return_month: date(2027, 3),
            city: Some("toronto ".into()),
            kids_months: vec![20, 44, 120],
            industry: Some("Law".into()),
            open_to: vec![OpenTo::Mentoring, OpenTo::CoffeeChats],
            ..Shown::default()
        };
        let ranked = rank(&me, &her);
        assert_eq!(
            ranked.reasons,
            ["Also returning from leave in March", "toronto ", "kids 1 and 3", "Open to coffee chats"]
        );
        assert_eq!(ranked.score, 4 + 3 + 4 + 1);
    }

    #[test]
    fn nothing_shared_scores_nothing() {
        let me = Shown { city: Some("Toronto".into()), ..Shown::default() };
        let her = Shown { city: Some("Montréal".into()), kids_months: vec![5], ..Shown::default() };
        assert_eq!(rank(&me, &her), Ranked { score: 0, reasons: Vec::new() });
    }
}
