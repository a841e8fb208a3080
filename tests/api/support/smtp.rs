//! A real SMTP server on a local port for the tests: it speaks enough of RFC 5321 for
//! lettre (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every message it accepts,
//! and can be told to answer the next messages with a temporary failure (4xx) — as a
//! busy mail server would — so tests read exactly what a mail server received.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A message as the server received it.
#[derive(Debug, Clone)]
pub struct ReceivedEmail {
    /// The envelope's recipients.
    pub to: Vec<String>,
    /// The message as sent (headers and MIME parts).
    pub raw: String,
}

impl ReceivedEmail {
    fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(self.raw.as_bytes()).expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// The value of header `name`, as sent.
    pub fn header(&self, name: &str) -> Option<String> {
        self.parsed().header_raw(name).map(|value| value.trim().to_owned())
    }

    /// The plain-text part.
    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(|text| text.into_owned()).unwrap_or_default()
    }

    /// The HTML part.
    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(|html| html.into_owned()).unwrap_or_default()
    }

    /// The first link in the text part whose path is `path`.
    pub fn link(&self, path: &str) -> String {
        let text = self.text();
        let link = text.split_whitespace().find(|word| word.starts_with("http") && word.contains(path));
        link.unwrap_or_else(|| panic!("no {path} link in {text}")).to_owned()
    }

    /// The `token` of the first link to `path`.
    pub fn token(&self, path: &str) -> String {
        let link = url::Url::parse(&self.link(path)).expect("a link");
        let token = link.query_pairs().find(|(key, _)| key == "token").map(|(_, value)| value.into_owned());
        token.expect("a token in the link")
    }
}

#[derive(Default)]
struct Inbox {
    received: Vec<ReceivedEmail>,
    /// Messages still to refuse with a temporary failure.
    to_refuse: usize,
}

/// The tests' mail server.
#[derive(Clone)]
pub struct SmtpServer {
    pub port: u16,
    inbox: Arc<Mutex<Inbox>>,
}

impl SmtpServer {
    /// Starts listening on 127.0.0.1.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP");
        let port = listener.local_addr().expect("address").port();
        let inbox = Arc::new(Mutex::new(Inbox::default()));
        let server = Self { port, inbox };
        let serving = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serving.clone().converse(stream));
            }
        });
        server
    }

    /// The URL the server under test sends through.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// Every message received so far.
    pub fn received(&self) -> Vec<ReceivedEmail> {
        self.inbox.lock().expect("inbox").received.clone()
    }

    /// The messages received for `address`.
    pub fn to(&self, address: &str) -> Vec<ReceivedEmail> {
        self.received().into_iter().filter(|email| email.to.iter().any(|to| to == address)).collect()
    }

    /// The one message received for `address`, or a failed test.
    pub fn only_to(&self, address: &str) -> ReceivedEmail {
        let mut emails = self.to(address);
        assert_eq!(emails.len(), 1, "one email to {address}: {emails:?}");
        emails.remove(0)
    }

    /// Answers the next `count` messages with `451` (try again later).
    pub fn refuse_next(&self, count: usize) {
        self.inbox.lock().expect("inbox").to_refuse = count;
    }

    async fn converse(self, stream: TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        let mut to = Vec::new();
        let _ = write.write_all(b"220 localhost test SMTP\r\n").await;
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
            let answer: &[u8] = match verb.as_str() {
                "EHLO" => b"250-localhost\r\n250 8BITMIME\r\n",
                "MAIL" => {
                    to.clear();
                    b"250 OK\r\n"
                }
                "RCPT" => {
                    let address = line.split(['<', '>']).nth(1).unwrap_or_default();
                    to.push(address.to_owned());
                    b"250 OK\r\n"
                }
                "DATA" => {
                    let _ = write.write_all(b"354 go ahead\r\n").await;
                    let raw = read_data(&mut lines).await;
                    self.accept(ReceivedEmail { to: std::mem::take(&mut to), raw })
                }
                "QUIT" => {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                }
                "HELO" | "RSET" | "NOOP" => b"250 OK\r\n",
                _ => b"502 not implemented\r\n",
            };
            if write.write_all(answer).await.is_err() {
                return;
            }
        }
    }

    /// Keeps `email`, or refuses it for now; the answer to its DATA.
    fn accept(&self, email: ReceivedEmail) -> &'static [u8] {
        let mut inbox = self.inbox.lock().expect("inbox");
        if inbox.to_refuse > 0 {
            inbox.to_refuse -= 1;
            return b"451 4.3.0 try again later\r\n";
        }
        inbox.received.push(email);
        b"250 OK queued\r\n"
    }
}

/// The message after DATA, up to the line holding a single dot (dots undoubled).
async fn read_data(lines: &mut tokio::io::Lines<BufReader<tokio::net::tcp::OwnedReadHalf>>) -> String {
    let mut raw = String::new();
    while let Ok(Some(line)) = lines.next_line().await {
        if line == "." {
            break;
        }
        raw.push_str(line.strip_prefix('.').unwrap_or(&line));
        raw.push_str("\r\n");
    }
    raw
}
