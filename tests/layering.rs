//! The layering rules of `ARCHITECTURE.md`, checked by reading the sources: each
//! top-level module of `src/` sits in a tier and imports only from its own tier or the
//! ones below; stores never import GraphQL; features never import the HTTP layer; and
//! no two top-level modules, and no two files of one folder, import each other,
//! directly or round a longer circle.
#![allow(clippy::expect_used)] // a failed expectation is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The tiers, lowest first.
const TIERS: [(&str, &[&str]); 4] = [
    (
        "foundation",
        &["error", "clock", "config", "db", "text", "secrets", "telemetry", "idempotency", "rate_limits", "viewer"],
    ),
    ("infrastructure", &["realtime", "jobs", "graphql", "email"]),
    (
        "features",
        &[
            "moderation_log",
            "members",
            "auth",
            "membership",
            "groups",
            "threads",
            "events",
            "programs",
            "surveys",
            "messages",
            "coffee_chats",
            "job_board",
            "resources",
            "suggestions",
            "notifications",
            "push",
            "mailing_list",
            "digests",
            "accounts",
            "moderation",
        ],
    ),
    ("assembly", &["schema", "http", "server", "seed", "main", "lib"]),
];

fn tier_of(module: &str) -> Option<usize> {
    TIERS.iter().position(|(_, modules)| modules.contains(&module))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The source without comments and without its `#[cfg(test)]` module.
fn code_of(source: &str) -> String {
    let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    code.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// The top-level modules a piece of code names through `crate::`.
fn imported_modules(code: &str) -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            modules.extend(group_heads(group));
        } else {
            modules.insert(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    modules
}

/// The first names in a `{a, b::c, d::{e, f}}` group (the text after its `{`).
fn group_heads(group: &str) -> Vec<String> {
    let (mut heads, mut depth, mut current, mut at_head) = (Vec::new(), 0, String::new(), true);
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_head = true,
            ':' if depth == 0 => at_head = false,
            c if depth == 0 && at_head && (c.is_alphanumeric() || c == '_') => current.push(c),
            _ => {}
        }
        if (!at_head || c == ',') && !current.is_empty() {
            heads.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        heads.push(current);
    }
    heads
}

/// The macros `db` exports at the crate root (`crate::on_db!`, …): imports of `db`.
const DB_MACROS: [&str; 3] = ["on_db", "on_tx", "bind_all"];

struct Source {
    /// Path under `src/`.
    path: String,
    module: String,
    imports: BTreeSet<String>,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .filter_map(|file| {
            let path = file.strip_prefix(&src).ok()?.to_string_lossy().replace('\\', "/");
            // The benchmark harness is its own crate, using the library from outside.
            if path.starts_with("bin/") {
                return None;
            }
            let module = path.split('/').next()?.trim_end_matches(".rs").to_owned();
            let code = code_of(&std::fs::read_to_string(&file).ok()?);
            let imports = imported_modules(&code)
                .into_iter()
                .map(|m| if DB_MACROS.contains(&m.as_str()) { "db".to_owned() } else { m })
                .filter(|m| *m != module)
                .collect();
            Some(Source { path, module, imports })
        })
        .collect()
}

#[test]
fn every_module_has_a_tier_and_imports_only_its_own_tier_or_lower() {
    let mut wrong = Vec::new();
    for source in sources() {
        let Some(tier) = tier_of(&source.module) else {
            wrong.push(format!("{}: module `{}` has no tier in tests/layering.rs", source.path, source.module));
            continue;
        };
        for import in &source.imports {
            match tier_of(import) {
                Some(imported) if imported <= tier => {}
                Some(imported) => wrong
                    .push(format!("{} ({}) imports `{import}` ({})", source.path, TIERS[tier].0, TIERS[imported].0)),
                None => wrong.push(format!("{}: imports `{import}`, which has no tier", source.path)),
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn stores_never_import_graphql_and_features_never_import_http() {
    let mut wrong = Vec::new();
    for source in sources() {
        if source.path.ends_with("store.rs") && source.imports.contains("graphql") {
            wrong.push(format!("{} imports crate::graphql", source.path));
        }
        let feature = tier_of(&source.module).is_some_and(|tier| TIERS[tier].0 == "features");
        for outer in ["http", "server", "schema"] {
            if feature && source.imports.contains(outer) {
                wrong.push(format!("{} imports crate::{outer}", source.path));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_top_level_modules_import_each_other_even_round_a_circle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in sources() {
        graph.entry(source.module).or_default().extend(source.imports);
    }
    let reach: BTreeMap<&str, BTreeSet<String>> =
        graph.keys().map(|module| (module.as_str(), reachable(&graph, module))).collect();
    let mut circles: BTreeSet<Vec<String>> = BTreeSet::new();
    for (module, reached) in &reach {
        let circle: Vec<String> = reached
            .iter()
            .filter(|other| reach.get(other.as_str()).is_some_and(|back| back.contains(*module)))
            .cloned()
            .collect();
        if !circle.is_empty() {
            circles.insert(circle);
        }
    }
    assert!(circles.is_empty(), "modules importing each other round a circle: {circles:?}");
}

#[test]
fn no_two_files_of_a_folder_import_each_other_even_round_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // A file's neighbours are the other files of its folder; `mod.rs` only declares
    // them and re-exports, so it is not one of them.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files.iter().filter(|file| !file.ends_with("mod.rs")) {
        let folder = file.parent().expect("in a folder");
        let code = code_of(&std::fs::read_to_string(file).expect("read source"));
        let names = code.match_indices("super::").flat_map(|(at, _)| {
            let rest = &code[at + "super::".len()..];
            match rest.strip_prefix('{') {
                Some(group) => group_heads(group),
                None => vec![rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()],
            }
        });
        let neighbours = names.filter_map(|name| {
            let neighbour = folder.join(format!("{name}.rs"));
            neighbour.exists().then(|| neighbour.to_string_lossy().into_owned())
        });
        let neighbours: Vec<String> = neighbours.collect();
        graph.entry(file.to_string_lossy().into_owned()).or_default().extend(neighbours);
    }
    let circles: Vec<&String> = graph.keys().filter(|file| reachable(&graph, file).contains(*file)).collect();
    assert!(circles.is_empty(), "files importing each other round a circle: {circles:?}");
}

/// Every module `start` imports, directly or through others (itself, if round a circle).
fn reachable(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<&str> = vec![start];
    while let Some(module) = queue.pop() {
        for next in graph.get(module).into_iter().flatten() {
            if seen.insert(next.clone()) {
                queue.push(next);
            }
        }
    }
    seen
}

#[test]
fn the_import_reader_sees_grouped_and_nested_imports() {
    let code = "use crate::{jobs, schema::{self, X}, db::Db};\nuse crate::realtime::Bus;\nlet _ = crate::clock::now();";
    let found: Vec<String> = imported_modules(code).into_iter().collect();
    assert_eq!(found, ["clock", "db", "jobs", "realtime", "schema"]);
    assert!(imported_modules(&code_of("// see crate::http\nfn f() {}")).is_empty());
}
