use super::*;

fn c(raw: &str) -> (String, ChatType, Option<String>) {
    let ch = chat(raw, Hints::default(), None);
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
    let g = chat("120363019502650977", Hints { group: true, newsletter: false }, None);
    assert_eq!((g.id.as_str(), g.kind), ("120363019502650977@g.us", ChatType::Group));
    let n = chat("120363166555745933", Hints { group: false, newsletter: true }, None);
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

#[test]
fn device_parts_and_whatsapp_net_are_canonicalized() {
    assert_eq!(c("71111111111:3@c.us"), ("71111111111@c.us".into(), ChatType::Direct, Some("71111111111".into())));
    assert_eq!(c("5531988887777:12@s.whatsapp.net"), ("5531988887777@c.us".into(), ChatType::Direct, Some("5531988887777".into())));
    assert_eq!(c("5531988887777.0:1@s.whatsapp.net"), ("5531988887777@c.us".into(), ChatType::Direct, Some("5531988887777".into())));
    assert_eq!(c("20011122233344:5@lid"), ("20011122233344@lid".into(), ChatType::Direct, None));
    // A colon that is not a device part stays.
    assert_eq!(c("ab:cd@c.us"), ("ab:cd@c.us".into(), ChatType::Direct, None));
    let p = party(Some("71111111111:3@c.us"), None, None).expect("party");
    assert_eq!((p.id.as_deref(), p.phone.as_deref()), (Some("71111111111@c.us"), Some("71111111111")));
}

#[test]
fn chats_surface_the_lid_another_field_gives() {
    let ch = chat("5531988887777", Hints::default(), Some("20011122233344@lid"));
    assert_eq!(
        (ch.id.as_str(), ch.phone.as_deref(), ch.lid.as_deref()),
        ("5531988887777@c.us", Some("5531988887777"), Some("20011122233344@lid"))
    );
    // Addressed by LID: the id is the LID.
    let l = chat("20011122233344@lid", Hints::default(), Some("20011122233344@lid"));
    assert_eq!((l.id.as_str(), l.phone, l.lid.as_deref()), ("20011122233344@lid", None, Some("20011122233344@lid")));
    // Bare digits equal to the phone are the phone, not a LID; other bare digits are a LID.
    assert_eq!(chat("5531988887777", Hints::default(), Some("5531988887777")).lid, None);
    assert_eq!(chat("5531988887777", Hints::default(), Some("20011122233344")).lid.as_deref(), Some("20011122233344@lid"));
    // Groups have no LID; a phone JID in a LID field is no LID.
    assert_eq!(chat("120363000000000001-group", Hints::default(), Some("20011122233344@lid")).lid, None);
    assert_eq!(chat("5531988887777", Hints::default(), Some("5531988887777@c.us")).lid, None);
}

#[test]
fn lids() {
    assert_eq!(lid("20011122233344@lid", None).as_deref(), Some("20011122233344@lid"));
    assert_eq!(lid(" 20011122233344:7@lid ", None).as_deref(), Some("20011122233344@lid"));
    assert_eq!(lid("20011122233344", Some("5531988887777")).as_deref(), Some("20011122233344@lid"));
    assert_eq!(lid("5531988887777", Some("5531988887777")), None);
    assert_eq!(lid("", None), None);
    assert_eq!(lid("@lid", None), None);
    assert_eq!(lid("not a lid", None), None);
    let p = party(Some("5531988887777"), Some("5531988887777"), None).expect("party");
    assert_eq!(p.lid, None);
}
