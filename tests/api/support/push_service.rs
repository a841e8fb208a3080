//! A local push service that checks what a real one does: the VAPID JWT (ES256 under
//! the server's public key, `aud` the endpoint's origin, `exp` within 24 h, `sub`
//! present), the `TTL` header, and the aes128gcm body (RFC 8188/8291), which it
//! decrypts with the device's private key — independently of the server's web-push
//! crate — and reads as JSON. It answers 201 unless told otherwise for a device.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hkdf::Hkdf;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use serde_json::Value;
use sha2::Sha256;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use super::VAPID_PUBLIC_KEY;

/// A device subscribed at the push service, with the keys its browser would hold.
pub struct TestDevice {
    pub id: String,
    pub endpoint: String,
    /// Its public key and auth secret, base64url, as `registerPushSubscription` takes them.
    pub p256dh: String,
    pub auth: String,
}

/// One push the service received.
#[derive(Debug, Clone)]
pub struct Received {
    pub device: String,
    pub status: u16,
    pub ttl: Option<u32>,
    pub urgency: Option<String>,
    pub topic: Option<String>,
    /// The decrypted JSON.
    pub payload: Value,
    /// What a real push service would have refused it for.
    pub problems: Vec<String>,
    /// When it arrived.
    pub arrived: std::time::Instant,
}

/// An answer to give instead of 201.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<String>,
}

#[derive(Default)]
struct Keys {
    secret: Option<SecretKey>,
    auth: [u8; 16],
}

#[derive(Default)]
struct Service {
    origin: String,
    devices: Mutex<HashMap<String, Keys>>,
    answers: Mutex<HashMap<String, VecDeque<Answer>>>,
    received: Mutex<Vec<Received>>,
    arrived: Notify,
    /// While set, pushes are recorded but never answered (a worker killed mid-send).
    hang: Mutex<bool>,
}

pub struct PushService {
    state: Arc<Service>,
}

impl PushService {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let origin = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Service { origin, ..Service::default() });
        let app = Router::new().route("/push/{device}", post(receive)).with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { state }
    }

    /// A new device with fresh keys.
    pub fn device(&self) -> TestDevice {
        let secret = std::iter::repeat_with(rand::random::<[u8; 32]>)
            .find_map(|bytes| SecretKey::from_slice(&bytes).ok())
            .expect("a key");
        let auth: [u8; 16] = rand::random();
        let id = uuid::Uuid::now_v7().simple().to_string();
        let p256dh = URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false).as_bytes());
        self.state.devices.lock().unwrap().insert(id.clone(), Keys { secret: Some(secret), auth });
        TestDevice {
            endpoint: format!("{}/push/{id}", self.state.origin),
            id,
            p256dh,
            auth: URL_SAFE_NO_PAD.encode(auth),
        }
    }

    /// The next pushes to `device` get these answers, in order.
    pub fn answer_next(&self, device: &TestDevice, answers: &[Answer]) {
        self.state.answers.lock().unwrap().entry(device.id.clone()).or_default().extend(answers.iter().cloned());
    }

    /// From now on, pushes are recorded but never answered.
    pub fn hang(&self) {
        *self.state.hang.lock().unwrap() = true;
    }

    pub fn answer_again(&self) {
        *self.state.hang.lock().unwrap() = false;
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }

    /// What reached `device` and was accepted.
    pub fn delivered_to(&self, device: &TestDevice) -> Vec<Received> {
        self.received().into_iter().filter(|r| r.device == device.id && r.status == 201).collect()
    }

    /// Waits until at least `count` pushes arrived (any answer); panics after `within`.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        super::eventually::at_least(count, within, &self.state.arrived, || self.received()).await
    }
}

fn text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned)
}

async fn receive(
    State(state): State<Arc<Service>>,
    Path(device): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut problems = Vec::new();
    let endpoint_origin = state.origin.clone();
    if let Err(problem) = check_vapid(&headers, &endpoint_origin) {
        problems.push(problem);
    }
    let ttl = text(&headers, "ttl").and_then(|ttl| ttl.parse().ok());
    if ttl.is_none() {
        problems.push("no TTL header".into());
    }
    if text(&headers, "content-encoding").as_deref() != Some("aes128gcm") {
        problems.push("not aes128gcm".into());
    }
    let payload = {
        let devices = state.devices.lock().unwrap();
        match devices.get(&device) {
            Some(keys) => decrypt(&body, keys).unwrap_or_else(|problem| {
                problems.push(problem);
                Value::Null
            }),
            None => Value::Null,
        }
    };
    let answer = state.answers.lock().unwrap().get_mut(&device).and_then(VecDeque::pop_front);
    let status = if !problems.is_empty() { 400 } else { answer.as_ref().map_or(201, |answer| answer.status) };
    state.received.lock().unwrap().push(Received {
        device,
        status,
        ttl,
        urgency: text(&headers, "urgency"),
        topic: text(&headers, "topic"),
        payload,
        problems,
        arrived: std::time::Instant::now(),
    });
    state.arrived.notify_waiters();
    if *state.hang.lock().unwrap() {
        std::future::pending::<()>().await;
    }
    let mut response = StatusCode::from_u16(status).unwrap_or(StatusCode::OK).into_response();
    if let Some(retry_after) = answer.and_then(|answer| answer.retry_after) {
        response.headers_mut().insert("retry-after", retry_after.parse().unwrap());
    }
    response
}

/// Checks `Authorization: vapid t=<JWT>, k=<public key>` as RFC 8292 asks.
fn check_vapid(headers: &HeaderMap, origin: &str) -> Result<(), String> {
    let authorization = text(headers, "authorization").ok_or("no Authorization header")?;
    let rest = authorization.strip_prefix("vapid ").ok_or("not a vapid Authorization")?;
    let mut token = None;
    let mut key = None;
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => token = Some(value.to_owned()),
            Some(("k", value)) => key = Some(value.to_owned()),
            _ => {}
        }
    }
    let (token, key) = (token.ok_or("no t=")?, key.ok_or("no k=")?);
    if key != VAPID_PUBLIC_KEY {
        return Err(format!("k= is not the server's VAPID key: {key}"));
    }
    let point = URL_SAFE_NO_PAD.decode(&key).map_err(|e| e.to_string())?;
    let (x, y) = (URL_SAFE_NO_PAD.encode(&point[1..33]), URL_SAFE_NO_PAD.encode(&point[33..65]));
    let decoding = DecodingKey::from_ec_components(&x, &y).map_err(|e| e.to_string())?;
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_audience(&[origin]);
    validation.set_required_spec_claims(&["exp", "aud", "sub"]);
    let claims = jsonwebtoken::decode::<Value>(&token, &decoding, &validation).map_err(|e| format!("JWT: {e}"))?.claims;
    let expires_in = claims["exp"].as_i64().unwrap_or_default() - chrono::Utc::now().timestamp();
    if expires_in > 24 * 3600 {
        return Err(format!("exp is {expires_in} s away, over 24 h"));
    }
    match claims["sub"].as_str() {
        Some(sub) if sub.starts_with("mailto:") || sub.starts_with("https:") => Ok(()),
        other => Err(format!("sub is not a contact: {other:?}")),
    }
}

/// Decrypts an aes128gcm body (one record) for the device with `keys`.
fn decrypt(body: &[u8], keys: &Keys) -> Result<Value, String> {
    let secret = keys.secret.as_ref().ok_or("no key")?;
    if body.len() < 21 + 65 + 17 {
        return Err(format!("body of {} bytes is too short", body.len()));
    }
    let (salt, rest) = body.split_at(16);
    let record_size = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
    let key_length = rest[4] as usize;
    let (sender_key, ciphertext) = rest[5..].split_at(key_length);
    if ciphertext.len() > record_size {
        return Err("more than one record".into());
    }
    let sender = PublicKey::from_sec1_bytes(sender_key).map_err(|_| "keyid is not a P-256 point")?;
    let shared = p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), sender.as_affine());
    let mut info = b"WebPush: info\0".to_vec();
    info.extend_from_slice(secret.public_key().to_encoded_point(false).as_bytes());
    info.extend_from_slice(sender_key);
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(&keys.auth), shared.raw_secret_bytes()).expand(&info, &mut ikm).unwrap();
    let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let (mut key, mut nonce) = ([0u8; 16], [0u8; 12]);
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut key).unwrap();
    prk.expand(b"Content-Encoding: nonce\0", &mut nonce).unwrap();
    let plain = Aes128Gcm::new_from_slice(&key)
        .unwrap()
        .decrypt(&Nonce::from(nonce), ciphertext)
        .map_err(|_| "the body does not decrypt with the device's keys")?;
    let end = plain.iter().rposition(|byte| *byte != 0).ok_or("no padding delimiter")?;
    if plain[end] != 2 {
        return Err("the last record's delimiter is not 0x02".into());
    }
    serde_json::from_slice(&plain[..end]).map_err(|e| format!("not JSON: {e}"))
}
