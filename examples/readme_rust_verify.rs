//! Verifies and dispatches a signed Callbell body (what an HTTP handler would do):
//!     cargo run --example readme_rust_verify
use wahook::{Content, Event, Headers, ParseOptions, VerifyOptions};

fn handle(body: &[u8], headers: Headers) -> Result<u16, wahook::Error> {
    if !wahook::verify(body, &headers, &VerifyOptions::callbell(["whsec_test"])).ok {
        return Ok(401);
    }
    for event in wahook::parse(body, &ParseOptions::default().headers(headers))?.events {
        match event {
            Event::Message(m) => match &m.content {
                Content::Text { text, .. } => println!("{:?} says {text}", m.chat.map(|c| c.id)),
                other => println!("a {} message", other.kind()),
            },
            Event::Status(s) => println!("{:?} is {:?} (rank {:?})", s.message_id, s.status, s.rank),
            _ => {} // the model is #[non_exhaustive]: new event types are not a breaking change
        }
    }
    Ok(200)
}

fn main() -> Result<(), wahook::Error> {
    let body = br#"{"event":"message_created","payload":{"text":"Hi","from":"5511999990000","to":"5511988880000","status":"received","uuid":"m-1","createdAt":"2024-01-01T00:00:00Z"}}"#;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let signed = Headers::new([("X-Callbell-Signature", wahook::verify::sign(body, "whsec_test", now))]);
    assert_eq!(handle(body, signed)?, 200);
    assert_eq!(handle(body, Headers::default())?, 401);
    Ok(())
}
