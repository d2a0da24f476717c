use super::*;
use crate::json::{arena_for, parse};

#[test]
fn event_names_in_both_spellings() {
    assert_eq!(kind_of("messages.upsert"), Some(Kind::Message { sent: false }));
    assert_eq!(kind_of("MESSAGES_UPSERT"), Some(Kind::Message { sent: false }));
    assert_eq!(kind_of("GROUP_PARTICIPANTS_UPDATE"), kind_of("group-participants.update"));
    assert_eq!(kind_of("SEND_MESSAGE_UPDATE"), Some(Kind::Edited { sent: true }));
    assert_eq!(kind_of("send.message"), Some(Kind::Message { sent: true }));
    assert_eq!(kind_of("messages.upsertx"), None);
    assert_eq!(kind_of("message"), None, "WAHA's event name is not Evolution's");
    // Every system entry has its own name (none falls through to the table name).
    for (event, kind) in EVENTS {
        if let Kind::System { .. } = kind {
            assert_ne!(system_name(event), *event, "{event}");
            assert!(system_name(event).contains('.'), "{event}");
        }
    }
}

#[test]
fn chats_and_people_carry_both_identities() {
    // Addressed by LID, the phone in remoteJidAlt.
    let c = chat_for("20011122233344@lid", &[Some("5511977776666@s.whatsapp.net".into()), None]);
    assert_eq!(
        (c.id.as_str(), c.phone.as_deref(), c.lid.as_deref()),
        ("20011122233344@lid", Some("5511977776666"), Some("20011122233344@lid"))
    );
    // Addressed by phone, a device-qualified LID in remoteJidAlt.
    let c = chat_for("5521900000005@s.whatsapp.net", &[Some("10000000000006:20@lid".into())]);
    assert_eq!(
        (c.id.as_str(), c.phone.as_deref(), c.lid.as_deref()),
        ("5521900000005@c.us", Some("5521900000005"), Some("10000000000006@lid"))
    );
    // senderPn may be bare digits.
    let c = chat_for("20011122233344@lid", &[None, Some("5511977776666".into())]);
    assert_eq!(c.phone.as_deref(), Some("5511977776666"));
    // A person known by LID and phone has the phone's JID as id.
    let p = person(Some("20011122233344@lid"), &[Some("5511955554444@s.whatsapp.net".into())], Some("Ana".into())).expect("person");
    assert_eq!(
        (p.id.as_deref(), p.phone.as_deref(), p.lid.as_deref()),
        (Some("5511955554444@c.us"), Some("5511955554444"), Some("20011122233344@lid"))
    );
    // Only a LID: the LID is the id.
    let p = person(Some("20011122233344@lid"), &[None], None).expect("person");
    assert_eq!((p.id.as_deref(), p.phone), (Some("20011122233344@lid"), None));
    // Groups keep no phone from the alternatives.
    let c = chat_for("120363000000000001@g.us", &[Some("5511977776666@s.whatsapp.net".into())]);
    assert_eq!((c.kind, c.phone), (ChatType::Group, None));
    assert_eq!(phone_of("20011122233344@lid"), None);
}

fn with_obj(json: &str, f: impl FnOnce(&Obj<'_, '_>)) {
    let arena = arena_for(json.as_bytes());
    let parsed = parse(json, &arena).expect("json");
    let Value::Object(o) = parsed.value else { panic!("object") };
    let w = crate::read::Warnings::default();
    f(&Obj::new(&o, "", &w));
}

#[test]
fn receipt_statuses_by_name_and_by_number() {
    with_obj(r#"{"status":"DELIVERY_ACK"}"#, |d| assert_eq!(raw_status(d), Some(("DELIVERY_ACK".into(), "DELIVERY_ACK".into()))));
    with_obj(r#"{"update":{"status":4}}"#, |d| assert_eq!(raw_status(d), Some(("4".into(), "READ".into()))));
    with_obj(r#"{"update":{"status":0}}"#, |d| assert_eq!(raw_status(d), Some(("0".into(), "ERROR".into()))));
    with_obj(r#"{"update":{"status":9}}"#, |d| assert_eq!(raw_status(d), Some(("9".into(), "9".into()))));
    with_obj(r#"{"keyId":"x"}"#, |d| assert_eq!(raw_status(d), None));
    for (name, status) in [
        ("ERROR", Status::Failed),
        ("pending", Status::Accepted),
        ("server_ack", Status::Sent),
        ("Delivery-Ack", Status::Delivered),
        ("PLAYED", Status::Played),
        ("DELETED", Status::Deleted),
    ] {
        assert_eq!(lookup(STATUSES, name), Some(status), "{name}");
    }
}

#[test]
fn fan_out_is_counted_before_building() {
    let count = |json: &str| {
        let arena = arena_for(json.as_bytes());
        let parsed = parse(json, &arena).expect("json");
        let Value::Object(o) = parsed.value else { panic!("object") };
        event_count(&o)
    };
    assert_eq!(count(r#"{"event":"messages.update","instance":"i","data":[{"keyId":"a"},{"keyId":"b"},{"keyId":"c"}]}"#), 3);
    assert_eq!(count(r#"{"event":"messages.update","instance":"i","data":{"keyId":"a"}}"#), 1);
    assert_eq!(count(r#"{"event":"messages.upsert","instance":"i","data":{"messages":[{},{}],"type":"notify"}}"#), 2);
    assert_eq!(count(r#"{"event":"messages.upsert","instance":"i","data":[]}"#), 1);
    assert_eq!(count(r#"{"event":"presence.update","instance":"i","data":{"id":"g@g.us","presences":{"a":{},"b":{},"c":{}}}}"#), 3);
    assert_eq!(count(r#"{"event":"chats.delete","instance":"i","data":["a@s.whatsapp.net","b@g.us"]}"#), 2);
    assert_eq!(count(r#"{"event":"history.unknown","instance":"i","data":[1,2,3]}"#), 1);
    // Not fanned out: a list that is one event's data.
    assert_eq!(count(r#"{"event":"contacts.set","instance":"i","data":[{},{},{}]}"#), 1);
}

#[test]
fn the_real_event_count_matches_the_events_built() {
    for json in [
        r#"{"event":"messages.update","instance":"i","data":[{"keyId":"a","status":"READ"},{"keyId":"b","status":3},7]}"#,
        r#"{"event":"presence.update","instance":"i","data":{"id":"g@g.us","presences":{"a@s.whatsapp.net":{"lastKnownPresence":"composing"},"b@lid":{}}}}"#,
        r#"{"event":"groups.update","instance":"i","data":[{"id":"1@g.us","subject":"x"},"oops",{"id":"2@g.us"}]}"#,
        r#"{"event":"messages.upsert","instance":"i","data":{"messages":[{"key":{"id":"1","remoteJid":"1@s.whatsapp.net"},"message":{"conversation":"a"}},{"key":{"id":"2","remoteJid":"1@s.whatsapp.net"},"message":{"conversation":"b"}}]}}"#,
    ] {
        let r = crate::parse(json.as_bytes(), &crate::ParseOptions::default()).expect("parses");
        let arena = arena_for(json.as_bytes());
        let parsed = parse(json, &arena).expect("json");
        let Value::Object(o) = parsed.value else { panic!("object") };
        assert!(r.events.len() <= event_count(&o), "{json}: {} events, counted {}", r.events.len(), event_count(&o));
        assert!(r.events.iter().all(|e| e.type_name() != "unknown"), "{json}");
    }
}

#[test]
fn longs_and_params_json() {
    with_obj(r#"{"a":{"low":-1,"high":0,"unsigned":true},"b":"1700000000","c":12,"d":{"low":1,"high":1}}"#, |o| {
        assert_eq!(content::long(o, "a"), Some(4_294_967_295.0));
        assert_eq!(content::long(o, "b"), Some(1_700_000_000.0));
        assert_eq!(content::long(o, "c"), Some(12.0));
        assert_eq!(content::long(o, "d"), Some(4_294_967_297.0));
        assert_eq!(content::long(o, "missing"), None);
    });
}
