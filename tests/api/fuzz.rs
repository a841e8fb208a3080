//! No input reaches `INTERNAL`: every argument of every mutation and query, as the live
//! schema describes it (introspection), gets random values — real ids and made-up ones,
//! empty, huge and hostile strings, extreme numbers, times outside any calendar, lists
//! long and short, nulls — from a member who owns a community worth damaging. Every
//! answer must carry a client's error code or data, never `INTERNAL` or HTTP 500.
//! `VILLAGE_FUZZ_SEED` replays a run; `VILLAGE_FUZZ_ROUNDS` runs more of it.

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

use crate::support::{Member, TestApp};

const TYPE_REF: &str = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";

/// The schema as introspection gives it: root fields and the input and enum types.
struct Described {
    roots: Vec<(&'static str, Vec<Value>)>,
    types: HashMap<String, Value>,
}

async fn describe(app: &TestApp) -> Described {
    let query = format!(
        "{{ __schema {{ queryType {{ fields {{ name args {{ name type {{ {TYPE_REF} }} }} type {{ {TYPE_REF} }} }} }} \
         mutationType {{ fields {{ name args {{ name type {{ {TYPE_REF} }} }} type {{ {TYPE_REF} }} }} }} \
         subscriptionType {{ fields {{ name args {{ name type {{ {TYPE_REF} }} }} type {{ {TYPE_REF} }} }} }} \
         types {{ kind name enumValues {{ name }} inputFields {{ name type {{ {TYPE_REF} }} }} }} }} }}"
    );
    let answer = app.graphql(&query, json!({}), None).await;
    let schema = &answer["data"]["__schema"];
    let fields = |root: &str| schema[root]["fields"].as_array().cloned().expect("root fields");
    let types = schema["types"]
        .as_array()
        .expect("types")
        .iter()
        .map(|described| (described["name"].as_str().unwrap_or_default().to_owned(), described.clone()))
        .collect();
    // Subscriptions too: sent over plain HTTP, they must be refused as the client's mistake.
    let roots = vec![
        ("query", fields("queryType")),
        ("mutation", fields("mutationType")),
        ("subscription", fields("subscriptionType")),
    ];
    Described { roots, types }
}

/// The GraphQL spelling of a type reference, e.g. `[String!]!`.
fn spelled(reference: &Value) -> String {
    match reference["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", spelled(&reference["ofType"])),
        Some("LIST") => format!("[{}]", spelled(&reference["ofType"])),
        _ => reference["name"].as_str().unwrap_or_default().to_owned(),
    }
}

/// The innermost named type of a reference.
fn named(reference: &Value) -> &Value {
    if reference["ofType"].is_object() { named(&reference["ofType"]) } else { reference }
}

/// Makes random values for the types of a schema.
struct Values<'a> {
    rng: StdRng,
    types: &'a HashMap<String, Value>,
    ids: Vec<String>,
}

impl Values<'_> {
    fn pick<T: Clone>(&mut self, options: &[T]) -> T {
        options[self.rng.random_range(0..options.len())].clone()
    }

    fn string(&mut self) -> Value {
        let length = self.pick(&[1, 2, 30, 300, 5_000, 70_000]);
        let text = match self.rng.random_range(0..12) {
            0 => String::new(),
            1 => " \t ".to_owned(),
            2 => "x".repeat(length),
            3 => "é🙂".repeat(length / 2 + 1),
            4 => "bell\u{7}null\u{0}".to_owned(),
            5 => "'; DROP TABLE members; --".to_owned(),
            6 => "@ana @bea @nobody hello".to_owned(),
            7 => "https://example.com/path?q=1".to_owned(),
            8 => "America/Toronto".to_owned(),
            9 => "ana@example.com".to_owned(),
            10 => "22:00".to_owned(),
            _ => (0..self.rng.random_range(0..40)).map(|_| self.rng.random_range(' '..='~')).collect(),
        };
        Value::from(text)
    }

    fn id(&mut self) -> Value {
        match self.rng.random_range(0..6) {
            0 => Value::from(uuid::Uuid::now_v7().to_string()),
            1 => Value::from("not-an-id"),
            2 => Value::from(""),
            _ => {
                let ids = self.ids.clone();
                Value::from(self.pick(&ids))
            }
        }
    }

    fn date_time(&mut self) -> Value {
        let now = chrono::Utc::now();
        let days = self.pick(&[-400_i64, -2, 0, 1, 30, 400, 3_000, 80_000]);
        let options = [
            (now + chrono::Duration::days(days)).to_rfc3339(),
            "-262143-01-01T00:00:00Z".to_owned(),
            "+262142-12-31T23:59:59Z".to_owned(),
            "0000-01-01T00:00:00Z".to_owned(),
            "9999-12-31T23:59:59Z".to_owned(),
            "1969-12-31T23:59:59Z".to_owned(),
            "not a time".to_owned(),
        ];
        Value::from(self.pick(&options))
    }

    fn date(&mut self) -> Value {
        let today = chrono::Utc::now().date_naive();
        let days = self.pick(&[-20_000_i64, -400, 0, 100, 400, 30_000]);
        let options = [
            (today + chrono::Duration::days(days)).to_string(),
            "0000-01-01".to_owned(),
            "9999-12-31".to_owned(),
            "2026-02-30".to_owned(),
            "+100000-01-01".to_owned(),
        ];
        Value::from(self.pick(&options))
    }

    fn scalar(&mut self, name: &str) -> Value {
        match name {
            "ID" => self.id(),
            "String" => self.string(),
            "Int" => json!(self.pick(&[0_i64, 1, 2, -1, 5, 60, 100, 101, i64::from(i32::MAX), i64::from(i32::MIN)])),
            "Float" => json!(self.pick(&[0.0, -1.5, 1e300])),
            "Boolean" => json!(self.rng.random_bool(0.5)),
            "DateTime" => self.date_time(),
            "NaiveDate" => self.date(),
            _ => self.string(),
        }
    }

    /// A value for `reference` (nullable ones are sometimes null).
    fn of(&mut self, reference: &Value, depth: usize) -> Value {
        if reference["kind"] == "NON_NULL" {
            return self.required(&reference["ofType"], depth);
        }
        if self.rng.random_bool(0.2) || depth > 4 { Value::Null } else { self.required(reference, depth) }
    }

    fn required(&mut self, reference: &Value, depth: usize) -> Value {
        match reference["kind"].as_str() {
            Some("LIST") => {
                let length = self.pick(&[0, 1, 2, 3, 5, 12, 50, 4_000]);
                Value::from((0..length).map(|_| self.of(&reference["ofType"], depth + 1)).collect::<Vec<_>>())
            }
            Some("ENUM") => {
                let described = &self.types[reference["name"].as_str().unwrap_or_default()];
                let mut values: Vec<Value> = described["enumValues"]
                    .as_array()
                    .map(|values| values.iter().map(|value| value["name"].clone()).collect())
                    .unwrap_or_default();
                values.push(Value::from("NOT_A_VALUE"));
                self.pick(&values)
            }
            Some("INPUT_OBJECT") => self.input_object(reference["name"].as_str().unwrap_or_default(), depth),
            _ => self.scalar(reference["name"].as_str().unwrap_or_default()),
        }
    }

    fn input_object(&mut self, name: &str, depth: usize) -> Value {
        let fields = self.types[name]["inputFields"].as_array().cloned().unwrap_or_default();
        let mut object = Map::new();
        for field in fields {
            let required = field["type"]["kind"] == "NON_NULL";
            if required || self.rng.random_bool(0.6) {
                object
                    .insert(field["name"].as_str().unwrap_or_default().to_owned(), self.of(&field["type"], depth + 1));
            }
        }
        Value::Object(object)
    }
}

/// A request for root `field` of `root` with random arguments.
fn request(root: &str, field: &Value, values: &mut Values) -> Value {
    let args = field["args"].as_array().cloned().unwrap_or_default();
    let declared: Vec<String> = args
        .iter()
        .map(|arg| format!("${}: {}", arg["name"].as_str().unwrap_or_default(), spelled(&arg["type"])))
        .collect();
    let passed: Vec<String> =
        args.iter().map(|arg| format!("{0}: ${0}", arg["name"].as_str().unwrap_or_default())).collect();
    let variables: Map<String, Value> = args
        .iter()
        .filter_map(|arg| {
            let value = values.of(&arg["type"], 0);
            let left_out = value.is_null() && values.rng.random_bool(0.5);
            (!left_out).then(|| (arg["name"].as_str().unwrap_or_default().to_owned(), value))
        })
        .collect();
    let returns = named(&field["type"]);
    let selection =
        if matches!(returns["kind"].as_str(), Some("OBJECT" | "INTERFACE" | "UNION")) { "{ __typename }" } else { "" };
    let (declared, passed) = (declared.join(", "), passed.join(", "));
    let name = field["name"].as_str().unwrap_or_default();
    let query = if args.is_empty() {
        format!("{root} {{ {name} {selection} }}")
    } else {
        format!("{root}({declared}) {{ {name}({passed}) {selection} }}")
    };
    json!({ "query": query, "variables": variables })
}

/// Ana's community: a public and a private group, a thread with a reply, an event, and
/// Bea; returns everything's ids.
async fn community(app: &TestApp) -> (Member, Vec<String>) {
    let ana = app.member("ana").await;
    let bea = app.member("bea").await;
    app.graphql("mutation { updateProfile(input: { handle: \"ana\" }) { id } }", json!({}), Some(&ana.access_token))
        .await;
    let public = ana.create_group("Moms at Work", "PUBLIC", "APPROVAL").await;
    let private = ana.create_group("Returning", "PRIVATE", "INVITE_ONLY").await;
    let thread = "mutation($g: ID!) { createThread(input: { groupId: $g, title: \"Fuzz\", body: \"Hi\" }) { id } }";
    let thread =
        app.graphql(thread, json!({ "g": public }), Some(&ana.access_token)).await["data"]["createThread"]["id"]
            .clone();
    let reply = "mutation($t: ID!) { postReply(input: { threadId: $t, body: \"Hello\" }) { id } }";
    let reply =
        app.graphql(reply, json!({ "t": thread }), Some(&ana.access_token)).await["data"]["postReply"]["id"].clone();
    let day = crate::events::day(30);
    let event = "mutation($g: ID!, $s: DateTime!, $e: DateTime!) { createEvent(input: { groupId: $g, title: \"Coffee\", startsAt: $s, endsAt: $e, timezone: \"America/Toronto\", location: \"Café\", capacity: 2, childcareProvided: true, childcareCapacity: 2 }) { id } }";
    let times = json!({ "g": public, "s": format!("{day}T14:00:00Z"), "e": format!("{day}T15:00:00Z") });
    let event = app.graphql(event, times, Some(&ana.access_token)).await["data"]["createEvent"]["id"].clone();
    let ids = [json!(ana.member_id), json!(bea.member_id), json!(public), json!(private), thread, reply, event];
    (ana, ids.iter().filter_map(|id| id.as_str().map(str::to_owned)).collect())
}

/// The errors of an answer (one operation's) that are not a client's.
fn internal(status: u16, answer: &Value) -> bool {
    let coded_internal = answer["errors"]
        .as_array()
        .is_some_and(|errors| errors.iter().any(|error| error["extensions"]["code"] == "INTERNAL"));
    status >= 500 || coded_internal
}

/// Posts `body` as the bearer of `token` from `address`; the status and the answer.
async fn post_from(app: &TestApp, address: &str, body: &Value, token: &str) -> (u16, Value) {
    let request = app.http.post(format!("{}/graphql", app.url)).header("x-forwarded-for", address);
    let response = request.bearer_auth(token).json(body).send().await.expect("sent");
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

/// Ana signed in again from an address the fuzzing never uses (so its fuzzed sign-ins
/// cannot have throttled it).
async fn signed_in_again(app: &TestApp) -> Member {
    let body = json!({
        "query": format!("mutation {{ signIn(input: {{ email: \"ana@example.com\", password: \"{}\" }}) {{ {} }} }}", crate::support::PASSWORD, crate::support::AUTH_FIELDS),
    });
    let answer = app.http.post(format!("{}/graphql", app.url)).header("x-forwarded-for", "192.0.2.1").json(&body);
    let answer: Value = answer.send().await.expect("sent").json().await.expect("JSON");
    assert!(answer["errors"].is_null(), "Ana signs in again: {answer}");
    app.signed_in(&answer["data"]["signIn"])
}

#[tokio::test]
async fn random_arguments_for_every_field_never_reach_internal() {
    let app = TestApp::spawn_with(|settings| {
        settings.behind_proxy = true;
        settings.replies_per_minute = 10_000;
        settings.threads_per_hour = 10_000;
        settings.reactions_per_minute = 10_000;
        settings.rsvps_per_minute = 10_000;
        settings.connection_requests_per_hour = 10_000;
        settings.sign_ups_per_ip_per_hour = 10_000;
    })
    .await;
    let (mut ana, ids) = community(&app).await;
    let described = describe(&app).await;
    let seed = std::env::var("VILLAGE_FUZZ_SEED").ok().and_then(|seed| seed.parse().ok()).unwrap_or(20_261_130);
    let rounds = std::env::var("VILLAGE_FUZZ_ROUNDS").ok().and_then(|rounds| rounds.parse().ok()).unwrap_or(12);
    let mut values = Values { rng: StdRng::seed_from_u64(seed), types: &described.types, ids };
    let mut failures = Vec::new();
    let mut sent = 0;
    let mut codes: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for _ in 0..rounds {
        for (root, fields) in &described.roots {
            for field in fields {
                let body = request(root, field, &mut values);
                let address = format!("198.51.100.{}", values.rng.random_range(1..255));
                let (status, answer) = post_from(&app, &address, &body, &ana.access_token).await;
                sent += 1;
                let code = answer["errors"][0]["extensions"]["code"].as_str().unwrap_or("data").to_owned();
                *codes.entry(format!("{} {code}", field["name"].as_str().unwrap_or_default())).or_insert(0) += 1;
                if internal(status, &answer) {
                    failures.push(format!("{status} {body} -> {answer}"));
                }
                // A fuzzed sign-out (or a session cap) ends her session: sign in again.
                if answer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
                    && crate::support::error_code(&app.me(&ana.access_token).await) == "UNAUTHENTICATED"
                {
                    ana = signed_in_again(&app).await;
                }
            }
        }
    }
    eprintln!("fuzz: {sent} requests with seed {seed}: {codes:#?}");
    assert!(failures.is_empty(), "seed {seed}: {} answers were INTERNAL:\n{}", failures.len(), failures.join("\n"));
}
