//! Plugchat attendance webhooks: `{ attendance, chat }` sent when an attendance starts
//! (`status: "PROGRESS"`) or finishes (`status: "FINISH"`). The attendance becomes one system event
//! (`attendance.started` / `attendance.finished`) whose `data.messages` holds the `chat` messages,
//! each normalized as a message event, in `momment` order. Plugchat's other webhooks have Z-API's shape and are handled by [`super::zapi`].

use super::{zapi, Ctx};
use crate::ids::{self, Hints};
use crate::json::Value;
use crate::model::*;
use crate::read::Obj;

/// Plugchat attendances: `attendance` and `chat` are objects. A `zapi` hint agrees (Plugchat is
/// built on Z-API).
pub const MODULE: super::Module = super::Module {
    provider: Provider::Plugchat,
    title: "Plugchat",
    shape: "`attendance` and `chat` are objects",
    recognise,
    event_count: |body| super::len_of(body, "chat") + 1,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[Provider::Zapi],
    verification: super::Verification {
        option: "token",
        needs: "the token Plugchat sends in its header (`z-api-token` unless `header` names another)",
        options: super::zapi::verify_options,
    },
};

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    if !(super::is_object(root, "attendance") && super::is_object(root, "chat")) {
        return None;
    }
    let finished = match root.get("attendance") {
        Some(Value::Object(a)) => attendance_finished(a),
        _ => false,
    };
    Some(super::Found::top(root, if finished { "finishAttendance" } else { "startAttendance" }))
}

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    let messages = b.obj("chat").map(|chat| messages(cx, &chat)).unwrap_or_default();
    match b.obj("attendance") {
        Some(a) => vec![attendance(cx, b, &a, provider_event, messages)],
        None => Vec::new(),
    }
}

fn attendance(cx: &Ctx<'_>, b: &Obj<'_, '_>, a: &Obj<'_, '_>, provider_event: &str, messages: Vec<Event>) -> Event {
    let finished = provider_event == "finishAttendance";
    let raw_name = a.str("status").unwrap_or_default();
    let customer = a.obj("customer");
    let customer_phone = customer.as_ref().and_then(|c| c.non_empty("phone"));
    let mut categories = a.objects("attendanceCategories");
    if categories.is_empty() {
        categories.extend(a.obj("attendanceCategory"));
    }
    let categories = categories
        .iter()
        .map(|c| AttendanceCategory {
            id: c.first_str(&["categoryId", "id"]),
            name: c.first_str(&["categoryName", "name"]),
            color: c.non_empty("color"),
            item_id: c.non_empty("itemId"),
            item_name: c.non_empty("itemName"),
        })
        .collect();
    let start_time = a.millis("startTime");
    let end_time = a.millis("endTime");
    let timestamp = if finished { end_time.or(start_time) } else { a.millis("momment").or(start_time) };
    let data = Attendance {
        attendance_number: a.id("attendanceNumber"),
        status: raw_name.clone(),
        customer: AttendanceCustomer {
            name: customer.as_ref().and_then(|c| c.non_empty("name")),
            phone: customer_phone.as_deref().and_then(ids::phone_digits),
        },
        department: a.first_str(&["departament", "department"]),
        operator: a.first_str(&["operator", "finishBy"]),
        categories,
        request_time: a.millis("requestTime"),
        start_time,
        end_time,
        operator_report: a.first_str(&["operatorReport", "operatorReport "]),
        rating_observation: a.non_empty("ratingObservation"),
        messages,
    };
    let event = Event::System(SystemEvent {
        base: cx.base(provider_event, None, timestamp),
        name: if finished { "attendance.finished" } else { "attendance.started" }.to_string(),
        raw_name,
        chat: customer_phone.map(|p| ids::chat(&p, Hints::default(), None)),
        message_id: None,
        sender: None,
        data: SystemData::Attendance(Box::new(data)),
    });
    cx.finish(event, b.o)
}

/// The `chat` object's messages (keyed by message id; a repeated key keeps the last), in
/// `momment` order, each normalized as a Z-API received message.
fn messages(cx: &Ctx<'_>, chat: &Obj<'_, '_>) -> Vec<Event> {
    // The last entry of each key, ordered by `momment`, then by position.
    let keys: Vec<&str> = chat.o.entries.iter().map(|(k, _)| k.as_ref()).collect();
    let items: Vec<(i64, usize, Obj<'_, '_>)> = crate::order::key_groups_in_source_order(&keys)
        .into_iter()
        .filter_map(|(_, last)| match chat.o.entries.get(last) {
            // The entry itself: looking it up again by key would rescan the object per message.
            Some((k, Value::Object(o))) => Some((sort_time(o), last, chat.child(k, o))),
            _ => None,
        })
        .collect();
    let by_time = |a: usize, b: usize| {
        let key = |i: usize| items.get(i).map(|(t, pos, _)| (*t, *pos));
        key(a).cmp(&key(b))
    };
    // Chats usually arrive in time order: then there is nothing to sort.
    let order = if crate::order::is_sorted_by(items.len(), &by_time) {
        (0..items.len()).collect()
    } else {
        crate::order::sorted_indices(items.len(), &by_time)
    };
    let items: Vec<&(i64, usize, Obj<'_, '_>)> = order.into_iter().filter_map(|i| items.get(i)).collect();
    items
        .iter()
        .map(|(_, _, m)| {
            let provider_event = m.non_empty_text("type");
            zapi::received(cx, m, provider_event.as_deref().unwrap_or("ReceivedCallback"))
        })
        .collect()
}

/// A message's `momment` for ordering (read silently: the message's own normalization warns).
fn sort_time(o: &crate::json::Object<'_>) -> i64 {
    let v = match o.get("momment").or_else(|| o.get("moment")) {
        Some(Value::Number(n)) => crate::number::parse_f64(n),
        Some(Value::String(s)) => crate::number::parse_f64(s.trim()),
        _ => None,
    };
    v.and_then(crate::time::from_millis_field).map_or(i64::MAX, |(ms, _)| ms)
}

/// Plugchat's attendance `status` is `PROGRESS` when it starts and `FINISH` when it ends; without
/// a known status, an `endTime` or `finishBy` means it ended.
fn attendance_finished(a: &crate::json::Object<'_>) -> bool {
    match a.get("status").and_then(Value::as_str).map(str::to_ascii_uppercase).as_deref() {
        Some("FINISH" | "FINISHED" | "CLOSED" | "DONE") => true,
        Some("PROGRESS" | "IN_PROGRESS" | "START" | "STARTED" | "OPEN") => false,
        _ => a.get("endTime").is_some_and(|v| *v != Value::Null) || a.get("finishBy").is_some_and(|v| *v != Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Event, SystemData};

    /// The attendance's messages, as their ids, in the order the event lists them.
    fn message_ids(body: &str) -> Vec<String> {
        let r = crate::parse(body.as_bytes(), &Default::default()).expect("parses");
        let Some(Event::System(s)) = r.events.first() else { panic!("a system event") };
        let SystemData::Attendance(a) = &s.data else { panic!("an attendance") };
        a.messages.iter().map(|m| if let Event::Message(m) = m { m.message_id.clone().unwrap_or_default() } else { String::new() }).collect()
    }

    #[test]
    fn chat_messages_in_time_order_then_position_of_the_last_duplicate() {
        let msg = |id: &str, t: i64| format!(r#"{{"fromMe":false,"messageId":"{id}","momment":{t},"phone":"1","text":{{"message":"x"}}}}"#);
        // `a` repeats: it keeps its last value (id a2), placed by that last entry's position.
        let body = format!(
            r#"{{"attendance":{{"status":"PROGRESS"}},"chat":{{"a":{},"b":{},"a":{},"c":{},"d":{}}}}}"#,
            msg("a1", 5),
            msg("b", 5),
            msg("a2", 5),
            msg("c", 1),
            msg("d", 9)
        );
        assert_eq!(message_ids(&body), ["c", "b", "a2", "d"]);
        // Already in time order: kept as is.
        let body = format!(r#"{{"attendance":{{}},"chat":{{"x":{},"y":{},"z":{}}}}}"#, msg("x", 1), msg("y", 2), msg("z", 2));
        assert_eq!(message_ids(&body), ["x", "y", "z"]);
    }
}
