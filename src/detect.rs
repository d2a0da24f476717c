//! Provider detection: the first provider module of [`providers::ALL`] whose shape the top-level
//! object has, then the hint and headers.

use crate::error::{Error, ErrorCode};
use crate::json::Object;
use crate::model::{DetectedBy, Provider};
use crate::providers::{self, Module};
use serde::Serialize;

/// A recognised body: the provider module whose shape it has, the object to normalize (a
/// wrapper removed) and the provider's own event name.
#[derive(Debug)]
pub struct Recognised<'v, 'a> {
    pub module: &'static Module,
    pub body: &'v Object<'a>,
    /// The key path of `body` inside the top-level object (`""` or `body`).
    pub body_path: &'static str,
    pub provider_event: &'v str,
}

/// Request headers as name/value pairs; names compare case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    /// Headers from name/value pairs.
    ///
    /// ```
    /// let h = wahook::Headers::new([("X-Callbell-Signature", "t=1,v1=ab")]);
    /// assert_eq!(h.get("x-callbell-signature"), Some("t=1,v1=ab"));
    /// ```
    pub fn new<N: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (N, V)>) -> Self {
        Headers(pairs.into_iter().map(|(n, v)| (n.into(), v.into())).collect())
    }

    /// The last value of a header (detection's hints).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every value of a header joined with `", "`, in order, as Fetch's `Headers.get` reads
    /// duplicates (verification: every input form then gives the same answer).
    pub fn joined(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
        let mut values = self.0.iter().filter(|(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let first = values.next()?;
        let mut out = std::borrow::Cow::Borrowed(first);
        for v in values {
            let s = out.to_mut();
            s.push_str(", ");
            s.push_str(v);
        }
        Some(out)
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(pairs: I) -> Self {
        Headers::new(pairs)
    }
}

/// The headers of an `http` (hyper, axum, reqwest...) request, every value in order; a value that
/// is not visible ASCII is read as UTF-8, lossily (no provider sends one).
#[cfg(feature = "http")]
impl From<&http::HeaderMap> for Headers {
    fn from(map: &http::HeaderMap) -> Self {
        Headers(map.iter().map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect())
    }
}

/// What [`crate::detect`] returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Detection {
    /// The provider that sent the body; `None` when detection failed (`reason` names the error code).
    pub provider: Option<Provider>,
    /// True only when a Z-API-family body could also be Plugchat and neither hint nor headers
    /// settled it.
    pub ambiguous: bool,
    /// What settled the provider; `None` when `provider` is.
    pub detected_by: Option<DetectedBy>,
    /// The provider's own event name (`ReceivedCallback`, `incomingMessageReceived`, ...); `None`
    /// when no provider's shape matched.
    pub provider_event: Option<String>,
    /// Why: which keys decided, or the error code and what was wrong.
    pub reason: String,
}

/// The provider settled for a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub provider: Provider,
    pub detected_by: DetectedBy,
    pub ambiguous: bool,
}

/// Recognises the shape of a top-level object: the first of [`providers::ALL`] that takes it.
pub fn recognise<'v, 'a>(root: &'v Object<'a>) -> Option<Recognised<'v, 'a>> {
    providers::ALL.iter().find_map(|&module| {
        (module.recognise)(root).map(|f| Recognised { module, body: f.body, body_path: f.body_path, provider_event: f.provider_event })
    })
}

/// Settles the provider from the shape, the caller's hint and the headers.
pub fn resolve(module: &Module, hint: Option<Provider>, headers: &Headers) -> Result<Resolved, Error> {
    let shape_provider = module.provider;
    let shared = !module.shared_with.is_empty();
    let resolved = |provider, detected_by, ambiguous| Ok(Resolved { provider, detected_by, ambiguous });
    match hint {
        // A shape several providers send: the hint settles it.
        Some(h) if shared && (h == shape_provider || module.shared_with.contains(&h)) => resolved(h, DetectedBy::Hint, false),
        Some(h) if h == shape_provider || module.agrees_with.contains(&h) => resolved(shape_provider, DetectedBy::Shape, false),
        Some(h) => Err(Error::new(
            ErrorCode::ProviderMismatch,
            format!("the hint says {} but the body has the shape of {} ({})", h.as_str(), shape_provider.as_str(), module.shape),
        )),
        None if shared && (module.settled_by_headers)(headers) => resolved(shape_provider, DetectedBy::Headers, false),
        None => resolved(shape_provider, DetectedBy::Shape, shared),
    }
}

/// The message of `unknown_provider`: every provider's keys.
pub fn no_shape() -> String {
    let mut s = String::from("the object has none of the providers' keys:");
    for (i, m) in providers::ALL.iter().enumerate() {
        s.push_str(if i == 0 { " " } else { ", " });
        s.push_str(m.shape);
        s.push_str(" (");
        s.push_str(&m.family_title("/"));
        s.push(')');
    }
    s
}

#[cfg(test)]
#[path = "tests/detect_tests.rs"]
mod tests;
