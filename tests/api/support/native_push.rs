//! Local FCM and APNs services that check what the real ones do.
//!
//! FCM: the token endpoint verifies the RS256 assertion against the service account's
//! public key (`iss`, `aud`, `scope`, `exp` at most an hour after `iat`, the key id)
//! and hands out access tokens; `messages:send` takes only those tokens, for our
//! project, and checks the message's shape (token, notification, string-valued data,
//! Android collapse key, APNs collapse id).
//!
//! APNs: HTTP/2 over TLS (a test certificate the server is told to trust), a provider
//! token signed ES256 under the configured key (key id, team id, `iat` within the
//! hour), `apns-topic` the bundle id, `apns-push-type: alert`, a priority, an
//! expiration and a collapse id; production and sandbox on two ports.
//!
//! Both answer success unless told otherwise for a token, and can hang (a worker
//! killed mid-send).

use std::collections::{HashMap, HashSet, VecDeque};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::{TokioExecutor, TokioIo};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use village::config::Settings;

pub const FCM_PROJECT: &str = "village-test";
pub const FCM_KEY_ID: &str = "test-key-1";
pub const FCM_CLIENT_EMAIL: &str = "village@village-test.iam.gserviceaccount.com";
pub const APNS_KEY_ID: &str = "ABC123DEFG";
pub const APNS_TEAM_ID: &str = "TEAM123456";
pub const APNS_TOPIC: &str = "org.village.app";
const FCM_SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";

/// A file of the test keys (`tests/fixtures/native-push`).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/native-push").join(name)
}

/// One push either service received.
#[derive(Debug, Clone)]
pub struct NativeReceived {
    /// "FCM", or "APNS" / "APNS_SANDBOX" by the host it reached.
    pub service: &'static str,
    pub token: String,
    pub status: u16,
    pub title: Option<String>,
    pub body: Option<String>,
    pub badge: Option<i64>,
    /// The collapse id APNs (or FCM's APNs block) carries.
    pub collapse_id: Option<String>,
    /// FCM's Android collapse key.
    pub collapse_key: Option<String>,
    pub notification_id: Option<String>,
    pub thread_id: Option<String>,
    /// What the real service would have refused it for.
    pub problems: Vec<String>,
}

/// An answer to give instead of success: FCM's error JSON or APNs' `reason`.
#[derive(Debug, Clone)]
pub struct NativeAnswer {
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<String>,
}

impl NativeAnswer {
    /// FCM's error answer, its `FcmError` code `code`.
    pub fn fcm(status: u16, code: &str) -> Self {
        let detail = json!({ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": code });
        let body = json!({ "error": { "code": status, "message": code, "status": code, "details": [detail] } });
        Self { status, body, retry_after: None }
    }

    /// APNs' error answer with `reason`.
    pub fn apns(status: u16, reason: &str) -> Self {
        Self { status, body: json!({ "reason": reason }), retry_after: None }
    }

    pub fn retry_after(self, seconds: &str) -> Self {
        Self { retry_after: Some(seconds.to_owned()), ..self }
    }
}

#[derive(Default)]
struct State_ {
    fcm_url: String,
    access_tokens: Mutex<HashSet<String>>,
    token_requests: Mutex<usize>,
    /// The `expires_in` the token endpoint answers (none set: 3599).
    token_lifetime: Mutex<Option<i64>>,
    provider_tokens: Mutex<Vec<String>>,
    answers: Mutex<HashMap<String, VecDeque<NativeAnswer>>>,
    received: Mutex<Vec<NativeReceived>>,
    arrived: Notify,
    hang: Mutex<bool>,
}

type Shared = Arc<State_>;

impl State_ {
    fn next_answer(&self, token: &str) -> Option<NativeAnswer> {
        self.answers.lock().unwrap().get_mut(token).and_then(VecDeque::pop_front)
    }

    async fn record(&self, received: NativeReceived) {
        self.received.lock().unwrap().push(received);
        self.arrived.notify_waiters();
        if *self.hang.lock().unwrap() {
            std::future::pending::<()>().await;
        }
    }
}

/// The two local services, and the service-account file the server reads.
pub struct NativePush {
    state: Shared,
    apns_url: String,
    apns_sandbox_url: String,
    credentials: PathBuf,
    _dir: tempfile::TempDir,
}

impl NativePush {
    pub async fn start() -> Self {
        let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let fcm_url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(State_ { fcm_url: fcm_url.clone(), ..State_::default() });
        let fcm = Router::new()
            .route("/token", post(fcm_token))
            .route("/v1/projects/{project}/{send}", post(fcm_send))
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, fcm).await });
        let apns_url = serve_apns(state.clone(), "APNS").await;
        let apns_sandbox_url = serve_apns(state.clone(), "APNS_SANDBOX").await;
        let dir = tempfile::tempdir().expect("temp dir");
        let credentials = dir.path().join("service-account.json");
        let account = json!({
            "type": "service_account",
            "project_id": FCM_PROJECT,
            "private_key_id": FCM_KEY_ID,
            "private_key": std::fs::read_to_string(fixture("fcm-service-account.key")).expect("the test key"),
            "client_email": FCM_CLIENT_EMAIL,
            "client_id": "1",
            "token_uri": format!("{fcm_url}/token"),
        });
        std::fs::write(&credentials, account.to_string()).expect("credentials written");
        Self { state, apns_url, apns_sandbox_url, credentials, _dir: dir }
    }

    /// Points `settings` at these services, with the test keys.
    pub fn configure(&self, settings: &mut Settings) {
        let native = &mut settings.native_push;
        native.fcm_credentials = Some(self.credentials.clone());
        native.fcm_url = self.state.fcm_url.clone();
        native.apns_key = Some(fixture("apns-auth-key.p8").display().to_string());
        native.apns_key_id = Some(APNS_KEY_ID.to_owned());
        native.apns_team_id = Some(APNS_TEAM_ID.to_owned());
        native.apns_topic = Some(APNS_TOPIC.to_owned());
        native.apns_url = self.apns_url.clone();
        native.apns_sandbox_url = self.apns_sandbox_url.clone();
        native.push_ca_certificates = Some(fixture("ca.pem"));
    }

    /// The same settings as command-line flags, for a `village worker` process.
    pub fn args(&self) -> Vec<String> {
        let pairs = [
            ("--fcm-credentials", self.credentials.display().to_string()),
            ("--fcm-url", self.state.fcm_url.clone()),
            ("--apns-key", fixture("apns-auth-key.p8").display().to_string()),
            ("--apns-key-id", APNS_KEY_ID.to_owned()),
            ("--apns-team-id", APNS_TEAM_ID.to_owned()),
            ("--apns-topic", APNS_TOPIC.to_owned()),
            ("--apns-url", self.apns_url.clone()),
            ("--apns-sandbox-url", self.apns_sandbox_url.clone()),
            ("--push-ca-certificates", fixture("ca.pem").display().to_string()),
        ];
        pairs.into_iter().flat_map(|(flag, value)| [flag.to_owned(), value]).collect()
    }

    /// The next pushes to `token` get these answers, in order.
    pub fn answer_next(&self, token: &str, answers: &[NativeAnswer]) {
        self.state.answers.lock().unwrap().entry(token.to_owned()).or_default().extend(answers.iter().cloned());
    }

    pub fn hang(&self) {
        *self.state.hang.lock().unwrap() = true;
    }

    pub fn answer_again(&self) {
        *self.state.hang.lock().unwrap() = false;
    }

    pub fn received(&self) -> Vec<NativeReceived> {
        self.state.received.lock().unwrap().clone()
    }

    /// What reached `token` and was accepted.
    pub fn delivered_to(&self, token: &str) -> Vec<NativeReceived> {
        self.received().into_iter().filter(|push| push.token == token && push.status == 200).collect()
    }

    /// Access tokens handed out from now on live `seconds`.
    pub fn token_lifetime(&self, seconds: i64) {
        *self.state.token_lifetime.lock().unwrap() = Some(seconds);
    }

    /// Every access token handed out so far stops working (as Google revoking them).
    pub fn revoke_access_tokens(&self) {
        self.state.access_tokens.lock().unwrap().clear();
    }

    /// How many access tokens the FCM token endpoint handed out.
    pub fn token_requests(&self) -> usize {
        *self.state.token_requests.lock().unwrap()
    }

    /// The distinct APNs provider tokens seen, in order.
    pub fn provider_tokens(&self) -> Vec<String> {
        self.state.provider_tokens.lock().unwrap().clone()
    }

    /// Waits until at least `count` pushes arrived (any answer); panics after `within`.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<NativeReceived> {
        super::eventually::at_least(count, within, &self.state.arrived, || self.received()).await
    }
}

fn text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned)
}

fn answer(status: u16, body: Value, retry_after: Option<String>) -> Response {
    let mut response = (StatusCode::from_u16(status).unwrap(), axum::Json(body)).into_response();
    if let Some(seconds) = retry_after {
        response.headers_mut().insert("retry-after", seconds.parse().unwrap());
    }
    response
}

/// Google's token endpoint: an access token for a valid service-account assertion.
async fn fcm_token(State(state): State<Shared>, body: Bytes) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let checked = check_assertion(&state, &form);
    if let Err(problem) = checked {
        return answer(400, json!({ "error": "invalid_grant", "error_description": problem }), None);
    }
    let access_token = format!("ya29.{}", uuid::Uuid::now_v7().simple());
    state.access_tokens.lock().unwrap().insert(access_token.clone());
    *state.token_requests.lock().unwrap() += 1;
    let expires_in = state.token_lifetime.lock().unwrap().unwrap_or(3599);
    answer(200, json!({ "access_token": access_token, "expires_in": expires_in, "token_type": "Bearer" }), None)
}

fn check_assertion(state: &State_, form: &HashMap<String, String>) -> Result<(), String> {
    if form.get("grant_type").map(String::as_str) != Some("urn:ietf:params:oauth:grant-type:jwt-bearer") {
        return Err(format!("grant_type is {:?}", form.get("grant_type")));
    }
    let assertion = form.get("assertion").ok_or("no assertion")?;
    let header = jsonwebtoken::decode_header(assertion).map_err(|e| e.to_string())?;
    if header.kid.as_deref() != Some(FCM_KEY_ID) {
        return Err(format!("kid is {:?}", header.kid));
    }
    let public = std::fs::read(fixture("fcm-service-account.pub")).unwrap();
    let key = DecodingKey::from_rsa_pem(&public).map_err(|e| e.to_string())?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[format!("{}/token", state.fcm_url)]);
    validation.set_issuer(&[FCM_CLIENT_EMAIL]);
    validation.set_required_spec_claims(&["exp", "iat", "aud", "iss"]);
    let claims = jsonwebtoken::decode::<Value>(assertion, &key, &validation).map_err(|e| format!("JWT: {e}"))?.claims;
    if claims["scope"] != FCM_SCOPE {
        return Err(format!("scope is {}", claims["scope"]));
    }
    let lifetime = claims["exp"].as_i64().unwrap_or_default() - claims["iat"].as_i64().unwrap_or_default();
    if !(1..=3600).contains(&lifetime) {
        return Err(format!("the assertion lives {lifetime} s, not up to an hour"));
    }
    Ok(())
}

/// FCM's `messages:send`.
async fn fcm_send(
    State(state): State<Shared>,
    UrlPath((project, send)): UrlPath<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let bearer = text(&headers, "authorization").and_then(|value| value.strip_prefix("Bearer ").map(str::to_owned));
    if !bearer.is_some_and(|token| state.access_tokens.lock().unwrap().contains(&token)) {
        return answer(401, NativeAnswer::fcm(401, "UNAUTHENTICATED").body, None);
    }
    if project != FCM_PROJECT || send != "messages:send" {
        return answer(404, json!({ "error": { "status": "NOT_FOUND" } }), None);
    }
    let message: Value = serde_json::from_slice(&body).unwrap_or_default();
    let message = &message["message"];
    let mut problems = Vec::new();
    let token = message["token"].as_str().unwrap_or_default().to_owned();
    if token.is_empty() {
        problems.push("no message.token".to_owned());
    }
    if !message["notification"]["title"].is_string() {
        problems.push("no notification.title".to_owned());
    }
    let data = message["data"].as_object().cloned().unwrap_or_default();
    if data.values().any(|value| !value.is_string()) {
        problems.push("data values must be strings".to_owned());
    }
    let collapse_id = message["apns"]["headers"]["apns-collapse-id"].as_str().map(str::to_owned);
    let collapse_key = message["android"]["collapse_key"].as_str().map(str::to_owned);
    if collapse_id.is_none() || collapse_key.is_none() {
        problems.push("no collapse key or APNs collapse id".to_owned());
    }
    if !message["android"]["ttl"].as_str().is_some_and(|ttl| ttl.ends_with('s')) {
        problems.push("android.ttl is not a duration like \"3600s\"".to_owned());
    }
    let next = state.next_answer(&token);
    let status = if problems.is_empty() { next.as_ref().map_or(200, |next| next.status) } else { 400 };
    let badge = message["android"]["notification"]["notification_count"].as_i64();
    state
        .record(NativeReceived {
            service: "FCM",
            token,
            status,
            title: message["notification"]["title"].as_str().map(str::to_owned),
            body: message["notification"]["body"].as_str().map(str::to_owned),
            badge,
            collapse_id,
            collapse_key,
            notification_id: data.get("notificationId").and_then(Value::as_str).map(str::to_owned),
            thread_id: data.get("threadId").and_then(Value::as_str).map(str::to_owned),
            problems: problems.clone(),
        })
        .await;
    match next {
        _ if !problems.is_empty() => answer(400, NativeAnswer::fcm(400, "INVALID_ARGUMENT").body, None),
        Some(next) => answer(next.status, next.body, next.retry_after),
        None => answer(200, json!({ "name": format!("projects/{FCM_PROJECT}/messages/1") }), None),
    }
}

/// Starts an APNs host (HTTP/2 over TLS only); returns its base URL.
async fn serve_apns(state: Shared, service: &'static str) -> String {
    let certificates: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(fixture("apns-server.pem")).unwrap().map(Result::unwrap).collect();
    let key = PrivateKeyDer::from_pem_file(fixture("apns-server.key")).unwrap();
    let mut config = ServerConfig::builder().with_no_client_auth().with_single_cert(certificates, key).unwrap();
    config.alpn_protocols = vec![b"h2".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("https://localhost:{}", listener.local_addr().expect("address").port());
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else { continue };
            let (acceptor, state) = (acceptor.clone(), state.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else { return };
                let handle = hyper::service::service_fn(move |request| apns_receive(state.clone(), service, request));
                let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), handle)
                    .await;
            });
        }
    });
    url
}

async fn apns_receive(
    state: Shared,
    service: &'static str,
    request: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map(|collected| collected.to_bytes()).unwrap_or_default();
    let mut problems = Vec::new();
    if parts.version != hyper::Version::HTTP_2 {
        problems.push(format!("{:?}, not HTTP/2", parts.version));
    }
    let token = parts.uri.path().strip_prefix("/3/device/").unwrap_or_default().to_owned();
    if let Err(problem) = check_provider_token(&state, &parts.headers) {
        let reply = json!({ "reason": problem.0 });
        let response = hyper::Response::builder().status(403).body(Full::new(Bytes::from(reply.to_string())));
        return Ok(response.unwrap());
    }
    let header = |name: &str| parts.headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
    if header("apns-topic").as_deref() != Some(APNS_TOPIC) {
        problems.push(format!("apns-topic is {:?}", header("apns-topic")));
    }
    if header("apns-push-type").as_deref() != Some("alert") {
        problems.push(format!("apns-push-type is {:?}", header("apns-push-type")));
    }
    if !matches!(header("apns-priority").as_deref(), Some("5" | "10")) {
        problems.push(format!("apns-priority is {:?}", header("apns-priority")));
    }
    if header("apns-expiration").and_then(|at| at.parse::<i64>().ok()).is_none() {
        problems.push("no apns-expiration".to_owned());
    }
    let collapse_id = header("apns-collapse-id");
    if !collapse_id.as_ref().is_some_and(|id| !id.is_empty() && id.len() <= 64) {
        problems.push(format!("apns-collapse-id is {collapse_id:?}"));
    }
    let payload: Value = serde_json::from_slice(&body).unwrap_or_default();
    if body.len() > 4096 || !payload["aps"]["alert"]["title"].is_string() {
        problems.push("no aps.alert.title, or over 4 KB".to_owned());
    }
    let next = state.next_answer(&token);
    let status = if problems.is_empty() { next.as_ref().map_or(200, |next| next.status) } else { 400 };
    state
        .record(NativeReceived {
            service,
            token,
            status,
            title: payload["aps"]["alert"]["title"].as_str().map(str::to_owned),
            body: payload["aps"]["alert"]["body"].as_str().map(str::to_owned),
            badge: payload["aps"]["badge"].as_i64(),
            collapse_id,
            collapse_key: None,
            notification_id: payload["notificationId"].as_str().map(str::to_owned),
            thread_id: payload["threadId"].as_str().map(str::to_owned),
            problems: problems.clone(),
        })
        .await;
    let (status, body, retry_after) = match next {
        _ if !problems.is_empty() => (400, json!({ "reason": "BadRequest", "problems": problems }), None),
        Some(next) => (next.status, next.body, next.retry_after),
        None => (200, Value::Null, None),
    };
    let mut response = hyper::Response::builder().status(status).header("apns-id", uuid::Uuid::now_v7().to_string());
    if let Some(seconds) = retry_after {
        response = response.header("retry-after", seconds);
    }
    let bytes = if body.is_null() { Bytes::new() } else { Bytes::from(body.to_string()) };
    Ok(response.body(Full::new(bytes)).unwrap())
}

/// A refusal of the provider token, with APNs' reason.
struct Refused(&'static str);

fn check_provider_token(state: &State_, headers: &hyper::HeaderMap) -> Result<(), Refused> {
    let authorization = headers.get("authorization").and_then(|value| value.to_str().ok());
    let token = authorization.and_then(|value| value.strip_prefix("bearer ")).ok_or(Refused("MissingProviderToken"))?;
    let header = jsonwebtoken::decode_header(token).map_err(|_| Refused("InvalidProviderToken"))?;
    if header.alg != Algorithm::ES256 || header.kid.as_deref() != Some(APNS_KEY_ID) {
        return Err(Refused("InvalidProviderToken"));
    }
    let public = std::fs::read(fixture("apns-auth-key.pub")).unwrap();
    let key = DecodingKey::from_ec_pem(&public).unwrap();
    let mut validation = Validation::new(Algorithm::ES256);
    validation.validate_exp = false;
    validation.set_required_spec_claims(&["iss", "iat"]);
    validation.set_issuer(&[APNS_TEAM_ID]);
    let claims =
        jsonwebtoken::decode::<Value>(token, &key, &validation).map_err(|_| Refused("InvalidProviderToken"))?;
    let age = chrono::Utc::now().timestamp() - claims.claims["iat"].as_i64().unwrap_or_default();
    if !(-60..=3600).contains(&age) {
        return Err(Refused("ExpiredProviderToken"));
    }
    let mut seen = state.provider_tokens.lock().unwrap();
    if !seen.iter().any(|known| known == token) {
        seen.push(token.to_owned());
    }
    Ok(())
}
