//! Evolution API (v2): `{ event: "messages.upsert", instance, data: { key, message, ... }, date_time,
//! sender, apikey }`.

use super::Ctx;
use crate::model::*;
use crate::read::Obj;

/// Evolution API: `event` is a string, `instance` a string and `data` an object or array (no `payload`).
pub const MODULE: super::Module = super::Module {
    provider: Provider::Evolution,
    title: "Evolution API",
    shape: "`event` and `instance` are strings and `data` an object",
    recognise,
    event_count: super::one,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
};

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    use crate::json::Value;
    let event = super::str_field(root, "event")?;
    let data = matches!(root.get("data"), Some(Value::Object(_) | Value::Array(_)));
    (data && super::str_field(root, "instance").is_some() && root.get("payload").is_none()).then(|| super::Found::top(root, event))
}

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    vec![cx.unknown(b, provider_event, None, None, "event")]
}
