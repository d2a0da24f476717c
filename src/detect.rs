//! Provider detection (SPEC §3): from the top-level keys, then the hint and headers.

use crate::error::{Error, ErrorCode};
use crate::json::{Object, Value};
use crate::model::{DetectedBy, Provider};
use serde::Serialize;

/// The families of body shape, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `typeWebhook` is a string (also inside a `{ receiptId, body }` polling wrapper, which needs
    /// both keys).
    GreenApi,
    /// `event` is a string and `payload` an object.
    Callbell,
    /// `attendance` and `chat` are objects.
    PlugchatAttendance,
    /// `type` ends in `Callback` (any case): Z-API, or Plugchat which sends the same bodies.
    ZapiFamily,
}

/// A recognised body: its shape, the object to normalize (the polling wrapper removed) and the
/// provider's own event name.
#[derive(Debug)]
pub struct Recognised<'v, 'a> {
    pub shape: Shape,
    pub body: &'v Object<'a>,
    /// The key path of `body` inside the top-level object (`""` or `body`).
    pub body_path: &'static str,
    pub provider_event: &'v str,
}

/// Request headers as name/value pairs; names compare case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
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

/// What `detect` returns (SPEC §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Detection {
    pub provider: Option<Provider>,
    pub ambiguous: bool,
    pub detected_by: Option<DetectedBy>,
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

fn str_field<'v>(o: &'v Object<'_>, key: &str) -> Option<&'v str> {
    o.get(key).and_then(Value::as_str)
}

fn is_object(o: &Object<'_>, key: &str) -> bool {
    matches!(o.get(key), Some(Value::Object(_)))
}

/// Recognises the shape of a top-level object.
pub fn recognise<'v, 'a>(root: &'v Object<'a>) -> Option<Recognised<'v, 'a>> {
    if let Some(t) = str_field(root, "typeWebhook") {
        return Some(Recognised { shape: Shape::GreenApi, body: root, body_path: "", provider_event: t });
    }
    // The polling wrapper `{ receiptId, body: { typeWebhook … } }`: both keys, so that another
    // provider's body that merely has a `body` key (Callbell) is never taken for it.
    if let (true, Some(Value::Object(inner))) = (root.get("receiptId").is_some_and(|v| !matches!(v, Value::Null)), root.get("body")) {
        if let Some(t) = str_field(inner, "typeWebhook") {
            return Some(Recognised { shape: Shape::GreenApi, body: inner, body_path: "body", provider_event: t });
        }
    }
    if let (Some(event), true) = (str_field(root, "event"), is_object(root, "payload")) {
        return Some(Recognised { shape: Shape::Callbell, body: root, body_path: "", provider_event: event });
    }
    if is_object(root, "attendance") && is_object(root, "chat") {
        let finished = match root.get("attendance") {
            Some(Value::Object(a)) => attendance_finished(a),
            _ => false,
        };
        let event = if finished { "finishAttendance" } else { "startAttendance" };
        return Some(Recognised { shape: Shape::PlugchatAttendance, body: root, body_path: "", provider_event: event });
    }
    if let Some(t) = str_field(root, "type") {
        if t.len() >= 8 && t.get(t.len() - 8..).is_some_and(|end| end.eq_ignore_ascii_case("callback")) {
            return Some(Recognised { shape: Shape::ZapiFamily, body: root, body_path: "", provider_event: t });
        }
    }
    None
}

/// Plugchat's attendance `status` is `PROGRESS` when it starts and `FINISH` when it ends; without
/// a known status, an `endTime` or `finishBy` means it ended.
pub fn attendance_finished(a: &Object<'_>) -> bool {
    match str_field(a, "status").map(str::to_ascii_uppercase).as_deref() {
        Some("FINISH" | "FINISHED" | "CLOSED" | "DONE") => true,
        Some("PROGRESS" | "IN_PROGRESS" | "START" | "STARTED" | "OPEN") => false,
        _ => a.get("endTime").is_some_and(|v| *v != Value::Null) || a.get("finishBy").is_some_and(|v| *v != Value::Null),
    }
}

/// Settles the provider from the shape, the caller's hint and the headers.
pub fn resolve(shape: Shape, hint: Option<Provider>, headers: &Headers) -> Result<Resolved, Error> {
    let shape_provider = match shape {
        Shape::GreenApi => Provider::Greenapi,
        Shape::Callbell => Provider::Callbell,
        Shape::PlugchatAttendance => Provider::Plugchat,
        Shape::ZapiFamily => Provider::Zapi,
    };
    let by_shape = |provider| Ok(Resolved { provider, detected_by: DetectedBy::Shape, ambiguous: false });
    let zapi_family = |p: Provider| matches!(p, Provider::Zapi | Provider::Plugchat);
    match (shape, hint) {
        (Shape::ZapiFamily, Some(h)) if zapi_family(h) => Ok(Resolved { provider: h, detected_by: DetectedBy::Hint, ambiguous: false }),
        // Plugchat is built on Z-API: a `zapi` hint on its attendance body is not a contradiction.
        (Shape::PlugchatAttendance, Some(h)) if zapi_family(h) => by_shape(Provider::Plugchat),
        (_, Some(h)) if h != shape_provider => Err(Error::new(
            ErrorCode::ProviderMismatch,
            format!("the hint says {} but the body has the shape of {} ({})", h.as_str(), shape_provider.as_str(), shape_reason(shape)),
        )),
        (Shape::ZapiFamily, None) => {
            let zapi_token = headers.get("z-api-token").is_some_and(|v| !v.is_empty());
            let zapi_origin =
                headers.get("origin").is_some_and(|v| v.trim().trim_end_matches('/').eq_ignore_ascii_case("https://api.z-api.io"));
            if zapi_token || zapi_origin {
                Ok(Resolved { provider: Provider::Zapi, detected_by: DetectedBy::Headers, ambiguous: false })
            } else {
                Ok(Resolved { provider: Provider::Zapi, detected_by: DetectedBy::Shape, ambiguous: true })
            }
        }
        _ => by_shape(shape_provider),
    }
}

/// Which keys decided a shape, in words.
pub fn shape_reason(shape: Shape) -> &'static str {
    match shape {
        Shape::GreenApi => "`typeWebhook` is a string",
        Shape::Callbell => "`event` is a string and `payload` an object",
        Shape::PlugchatAttendance => "`attendance` and `chat` are objects",
        Shape::ZapiFamily => "`type` ends in `Callback`",
    }
}

/// The message of `unknown_provider`.
pub const NO_SHAPE: &str = "the object has none of the providers' keys: `typeWebhook` (Green API), `event` + `payload` (Callbell), `attendance` + `chat` (Plugchat), `type` ending in `Callback` (Z-API/Plugchat)";

#[cfg(test)]
#[path = "tests/detect_tests.rs"]
mod tests;
