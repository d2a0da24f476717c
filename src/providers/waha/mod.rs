//! WAHA (WhatsApp HTTP API): `{ event: "message" | "message.ack" | ..., session, engine, me, payload }`.

use super::Ctx;
use crate::model::*;
use crate::read::Obj;

/// WAHA: `event` and `session` are strings and `payload` an object (tried before Callbell, which
/// has no `session`).
pub const MODULE: super::Module = super::Module {
    provider: Provider::Waha,
    title: "WAHA",
    shape: "`event` and `session` are strings and `payload` an object",
    recognise,
    event_count: super::one,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
};

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    let event = super::str_field(root, "event")?;
    (super::str_field(root, "session").is_some() && super::is_object(root, "payload")).then(|| super::Found::top(root, event))
}

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    vec![cx.unknown(b, provider_event, None, None, "event")]
}
