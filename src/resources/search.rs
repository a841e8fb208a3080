//! Full-text search of the library on either database: the words a member typed become
//! one query that matches resources holding every word (stemmed: "pumping" finds
//! "pump"), ranked title first, then summary and topics, then body — PostgreSQL's
//! weighted `tsvector` with `ts_rank`, SQLite's FTS5 with `bm25` (see migration 0027).

use crate::db::Db;
use crate::error::{AppError, AppResult};

/// Most words one search looks for.
pub const MAX_WORDS: usize = 10;

/// Words too common to search for: PostgreSQL's English list, left out on both
/// databases so that a search finds the same there (SQLite would otherwise require
/// them).
const STOP_WORDS: &[&str] = &[
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "that",
    "these",
    "those",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
    "s",
    "t",
    "can",
    "will",
    "just",
    "don",
    "should",
    "now",
];

/// The words of `text`: letters and digits, lower-cased, each once, without
/// [`STOP_WORDS`], at most [`MAX_WORDS`]; `BAD_USER_INPUT` on `field` when none are
/// left or too many.
pub fn words(field: &'static str, text: &str) -> AppResult<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()) {
        let word = word.to_lowercase();
        if !found.contains(&word) && !STOP_WORDS.contains(&word.as_str()) {
            found.push(word);
        }
    }
    if found.is_empty() {
        return Err(AppError::bad_input(field, "search for at least one word that is not too common"));
    }
    if found.len() > MAX_WORDS {
        return Err(AppError::bad_input(field, format!("search for at most {MAX_WORDS} words")));
    }
    Ok(found)
}

/// A search ready for the database `db`: a join (alias `s`, columns `resource_id` and
/// `rank`, higher ranking first) taking the query as its one parameter, and that query.
pub struct Matching {
    pub join: String,
    pub query: String,
}

/// The [`Matching`] for `words`, its parameter numbered `param`.
pub fn matching(db: &Db, words: &[String], param: usize) -> Matching {
    if db.backend() == "postgres" {
        Matching {
            join: format!(
                "JOIN (SELECT id AS resource_id, ts_rank(search, plainto_tsquery('english', ${param})) AS rank \
                 FROM resources WHERE unpublished_at IS NULL AND search @@ plainto_tsquery('english', ${param})) s \
                 ON s.resource_id = r.id"
            ),
            query: words.join(" "),
        }
    } else {
        // bm25 is lower for better matches; its weights follow the columns (the id first).
        let quoted: Vec<String> = words.iter().map(|word| format!("\"{word}\"")).collect();
        Matching {
            join: format!(
                "JOIN (SELECT resource_id, -bm25(resource_search, 0.0, 10.0, 4.0, 1.0) AS rank FROM resource_search \
                 WHERE resource_search MATCH ${param}) s ON s.resource_id = r.id"
            ),
            query: quoted.join(" "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn a_search_is_its_words_once_each_without_common_ones_and_never_fts_syntax() {
        let found = words("text", "Pumping AT work: \"pumping\" OR NEAR(x*)").ok();
        assert_eq!(found, Some(vec!["pumping".into(), "work".into(), "near".into(), "x".into()]));
        assert!(words("text", " -- \" * ").is_err());
        assert!(words("text", "the and of").is_err());
        assert!(words("text", "b c d e f g h j k l m").is_err());
        assert_eq!(words("text", "crèche").ok(), Some(vec!["crèche".into()]));
    }
}
