//! Real `village` processes, as an operator runs them: the binary with a clean
//! environment, and a `village serve` on a free port whose address is read from its log.
//! A process has its own metrics recorder, so its /metrics shows only its own figures.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::{JWT_SECRET, VAPID_PRIVATE_KEY};

/// Every setting's environment variable.
pub const SETTING_VARIABLES: &[&str] = &[
    "VILLAGE_BIND",
    "VILLAGE_WORKER_BIND",
    "VILLAGE_DATA_DIR",
    "DATABASE_URL",
    "VILLAGE_DB_MAX_CONNECTIONS",
    "REDIS_URL",
    "VILLAGE_JWT_SECRET",
    "VILLAGE_VAPID_PRIVATE_KEY",
    "VILLAGE_VAPID_SUBJECT",
    "VILLAGE_TRUSTED_DOCUMENTS",
    "VILLAGE_TRUSTED_DOCUMENTS_ONLY",
    "VILLAGE_ALLOW_LOCAL_PUSH_ENDPOINTS",
    "VILLAGE_MESSAGES_PER_MINUTE",
    "VILLAGE_FCM_CREDENTIALS",
    "VILLAGE_FCM_URL",
    "VILLAGE_APNS_KEY",
    "VILLAGE_APNS_KEY_ID",
    "VILLAGE_APNS_TEAM_ID",
    "VILLAGE_APNS_TOPIC",
    "VILLAGE_APNS_URL",
    "VILLAGE_APNS_SANDBOX_URL",
    "VILLAGE_PUSH_CA_CERTIFICATES",
    "VILLAGE_ACCESS_TOKEN_TTL",
    "VILLAGE_REFRESH_TOKEN_TTL_DAYS",
    "VILLAGE_REFRESH_REUSE_GRACE_SECS",
    "VILLAGE_SIGN_UPS_PER_IP_PER_HOUR",
    "VILLAGE_REPLIES_PER_MINUTE",
    "VILLAGE_THREADS_PER_HOUR",
    "VILLAGE_REACTIONS_PER_MINUTE",
    "VILLAGE_RSVPS_PER_MINUTE",
    "VILLAGE_CONNECTION_REQUESTS_PER_HOUR",
    "VILLAGE_SESSIONS_PER_MEMBER",
    "VILLAGE_WS_INIT_TIMEOUT",
    "VILLAGE_WS_CONNECTIONS_PER_MEMBER",
    "VILLAGE_WS_MAX_CONNECTIONS",
    "VILLAGE_WS_ANONYMOUS_PER_ADDRESS",
    "VILLAGE_ALLOWED_ORIGINS",
    "VILLAGE_JOB_CLAIM_SECS",
    "VILLAGE_NO_WORKER",
    "VILLAGE_PRODUCTION",
    "VILLAGE_BEHIND_PROXY",
    "VILLAGE_LOG_FORMAT",
    "VILLAGE_SHUTDOWN_GRACE",
    "VILLAGE_SMTP_URL",
    "VILLAGE_EMAIL_FROM",
    "VILLAGE_PUBLIC_URL",
    "VILLAGE_UNVERIFIED_MAY_WRITE",
    "VILLAGE_NEWSLETTER_EMAILS_PER_MINUTE",
];

/// The binary, with none of the settings inherited from the test's environment.
pub fn village(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_village"));
    for variable in SETTING_VARIABLES {
        command.env_remove(variable);
    }
    command.env("VILLAGE_DATA_DIR", data_dir).env("NO_COLOR", "1").kill_on_drop(true);
    command
}

/// A `village serve` process on a free port; its address is read from its log.
pub struct ServerProcess {
    child: Child,
    pub url: String,
}

impl ServerProcess {
    pub async fn start(data_dir: &Path, database_url: &str, share_secret: bool) -> Self {
        Self::start_with_redis(data_dir, database_url, share_secret, None).await
    }

    pub async fn start_with_redis(
        data_dir: &Path,
        database_url: &str,
        share_secret: bool,
        redis: Option<&str>,
    ) -> Self {
        Self::start_with_args(data_dir, database_url, share_secret, redis, &[]).await
    }

    pub async fn start_with_args(
        data_dir: &Path,
        database_url: &str,
        share_secret: bool,
        redis: Option<&str>,
        args: &[&str],
    ) -> Self {
        Self::spawn(village(data_dir), database_url, share_secret, redis, args).await
    }

    /// A server started with its soft open-file limit lowered to `soft` (its hard limit
    /// left as it is), as a shell's `ulimit -Sn` would.
    pub async fn start_with_soft_file_limit(data_dir: &Path, database_url: &str, soft: u32) -> Self {
        let mut command = village(data_dir);
        let binary = env!("CARGO_BIN_EXE_village");
        let wrapped = std::mem::replace(&mut command, Command::new("bash"));
        command.args(["-c", &format!("ulimit -Sn {soft} && exec \"$0\" \"$@\""), binary]);
        for (key, value) in wrapped.as_std().get_envs() {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        command.kill_on_drop(true);
        Self::spawn(command, database_url, true, None, &[]).await
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id().expect("running")
    }

    async fn spawn(
        mut command: Command,
        database_url: &str,
        share_secret: bool,
        redis: Option<&str>,
        args: &[&str],
    ) -> Self {
        command.args(["serve", "--bind", "127.0.0.1:0", "--database-url", database_url]).args(args);
        // As the in-process test servers: members post as soon as they sign up.
        command.env("VILLAGE_UNVERIFIED_MAY_WRITE", "true");
        if let Some(redis) = redis {
            command.env("REDIS_URL", redis);
        }
        if share_secret {
            command.env("VILLAGE_JWT_SECRET", JWT_SECRET).env("VILLAGE_VAPID_PRIVATE_KEY", VAPID_PRIVATE_KEY);
        }
        let mut child = command.stdout(Stdio::piped()).spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some(at) = line.find("listening on http://") {
                    let rest = &line[at + "listening on ".len()..];
                    return rest.split_whitespace().next().unwrap().to_owned();
                }
            }
            panic!("server exited before listening");
        })
        .await
        .expect("server listens within a minute");
        // Errors it logs show in the output of a failing test.
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                if line.contains("ERROR") {
                    eprintln!("{line}");
                }
            }
        });
        Self { child, url }
    }

    pub async fn graphql(&self, query: &str, variables: serde_json::Value, token: Option<&str>) -> serde_json::Value {
        let mut request = crate::support::http_client()
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap().json().await.unwrap()
    }

    /// GET a path; returns the body text.
    pub async fn get(&self, path: &str) -> String {
        let response = crate::support::http_client().get(format!("{}{path}", self.url)).send().await.unwrap();
        response.text().await.unwrap()
    }

    /// Sends SIGTERM and waits: the process must drain and exit 0.
    pub async fn terminate(mut self) {
        let pid = self.child.id().expect("running").to_string();
        let sent = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        let status = tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await.expect("exits").unwrap();
        assert!(status.success(), "exit status after SIGTERM: {status}");
    }
}
