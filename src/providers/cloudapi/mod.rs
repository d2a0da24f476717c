//! Meta's WhatsApp Cloud API (and the Business Solution Providers that forward it unchanged, such
//! as 360dialog): `{ object: "whatsapp_business_account", entry: [{ id, changes: [{ field, value }] }] }`.

use super::Ctx;
use crate::model::*;
use crate::read::Obj;

/// Cloud API: `object` is `whatsapp_business_account` and `entry` an array.
pub const MODULE: super::Module = super::Module {
    provider: Provider::Cloudapi,
    title: "Cloud API",
    shape: "`object` is `whatsapp_business_account` and `entry` an array",
    recognise,
    event_count: super::one,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
};

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    let object = super::str_field(root, "object")?;
    (object == "whatsapp_business_account" && matches!(root.get("entry"), Some(crate::json::Value::Array(_))))
        .then(|| super::Found::top(root, object))
}

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    vec![cx.unknown(b, provider_event, None, None, "object")]
}
