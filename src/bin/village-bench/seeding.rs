//! Members for the live scenarios, written straight into the database with one shared
//! password hash and a session each: thousands of sign-ups through the API would spend
//! minutes in argon2, which the auth scenario measures already.

use anyhow::Context;
use uuid::Uuid;
use village::auth::AuthService;
use village::config::Settings;
use village::members::{self, NewMember};
use village::realtime::Bus;
use village::viewer::ClientInfo;

/// `count` new members on `settings`' database; returns their access tokens.
pub async fn members_with_sessions(settings: &Settings, count: usize) -> anyhow::Result<Vec<String>> {
    Ok(signed_in(settings, count).await?.into_iter().map(|(_, token)| token).collect())
}

/// `count` new members on `settings`' database; returns their ids and access tokens.
pub async fn signed_in(settings: &Settings, count: usize) -> anyhow::Result<Vec<(Uuid, String)>> {
    let db = village::db::connect(&settings.effective_database_url(), 4).await?;
    let secret = settings.jwt_secret.as_deref().context("the bench sets a JWT secret")?;
    let auth = AuthService::new(db.clone(), Bus::default(), settings, secret.as_bytes())?;
    let ids = members(&db, count).await?;
    let client = ClientInfo { ip: "127.0.0.1".into(), user_agent: Some("village-bench".into()) };
    let mut tokens = Vec::with_capacity(count);
    for id in ids {
        tokens.push((id, auth.open_session(id, &client).await?.access_token));
    }
    db.close().await;
    Ok(tokens)
}

/// `count` new members on `db`, without sessions; returns their ids.
pub async fn members(db: &village::db::Db, count: usize) -> anyhow::Result<Vec<Uuid>> {
    let hash = village::auth::hash_password("benchmark password")?;
    let run = Uuid::now_v7().simple().to_string();
    let mut ids = Vec::with_capacity(count);
    let mut tx = db.begin_write().await?;
    for n in 0..count {
        let (id, email, name) = (Uuid::now_v7(), format!("live{n}-{run}@example.com"), format!("Reader {n}"));
        let now = village::clock::now();
        let member = NewMember {
            id,
            email: &email,
            password_hash: &hash,
            display_name: &name,
            now,
            email_verified_at: Some(now),
        };
        members::insert(&mut tx, member).await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}
