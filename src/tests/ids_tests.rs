use super::*;

fn c(raw: &str) -> (String, ChatType, Option<String>) {
    let ch = chat(raw, Hints::default());
    assert_eq!(ch.raw_id, raw);
    (ch.id, ch.kind, ch.phone)
}

#[test]
fn zapi_bare_ids() {
    assert_eq!(c("5544999999999"), ("5544999999999@c.us".into(), ChatType::Direct, Some("5544999999999".into())));
    assert_eq!(c("120363019502650977-group"), ("120363019502650977@g.us".into(), ChatType::Group, None));
    assert_eq!(c("5511999999999-1623281429"), ("5511999999999-1623281429@g.us".into(), ChatType::Group, None));
    assert_eq!(c("1774895799-broadcast"), ("1774895799@broadcast".into(), ChatType::Broadcast, None));
}

#[test]
fn jids_keep_their_server() {
    assert_eq!(c("79001234568@c.us"), ("79001234568@c.us".into(), ChatType::Direct, Some("79001234568".into())));
    assert_eq!(c("120363039326117111@g.us"), ("120363039326117111@g.us".into(), ChatType::Group, None));
    assert_eq!(c("120363166555745933@newsletter"), ("120363166555745933@newsletter".into(), ChatType::Newsletter, None));
    assert_eq!(c("status@broadcast"), ("status@broadcast".into(), ChatType::Broadcast, None));
    assert_eq!(c("81896604192873@lid"), ("81896604192873@lid".into(), ChatType::Direct, None));
    assert_eq!(c("5511@s.whatsapp.net"), ("5511@c.us".into(), ChatType::Direct, Some("5511".into())));
}

#[test]
fn hints_settle_bare_digits() {
    let g = chat("120363019502650977", Hints { group: true, newsletter: false });
    assert_eq!((g.id.as_str(), g.kind), ("120363019502650977@g.us", ChatType::Group));
    let n = chat("120363166555745933", Hints { group: false, newsletter: true });
    assert_eq!((n.id.as_str(), n.kind), ("120363166555745933@newsletter", ChatType::Newsletter));
}

#[test]
fn garbage_ids_are_kept_as_sent() {
    assert_eq!(c("se for grupo"), ("se for grupo".into(), ChatType::Direct, None));
    assert_eq!(c("+55 44 9999"), ("55449999@c.us".into(), ChatType::Direct, Some("55449999".into())));
}

#[test]
fn parties() {
    let p = party(Some("5544999999999"), Some("81896604192873@lid"), Some("name".into())).expect("party");
    assert_eq!(p.id.as_deref(), Some("5544999999999@c.us"));
    assert_eq!(p.phone.as_deref(), Some("5544999999999"));
    assert_eq!(p.lid.as_deref(), Some("81896604192873@lid"));
    let l = party(None, Some("99999999999999@lid"), None).expect("party");
    assert_eq!(l.id.as_deref(), Some("99999999999999@lid"));
    let j = party(Some("79001234568@c.us"), None, None).expect("party");
    assert_eq!((j.id.as_deref(), j.phone.as_deref()), (Some("79001234568@c.us"), Some("79001234568")));
    assert!(party(None, None, None).is_none());
}
