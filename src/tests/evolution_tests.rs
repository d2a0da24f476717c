use super::*;

#[test]
fn event_names_in_both_spellings() {
    assert_eq!(kind_of("messages.upsert"), Some(Kind::Message { sent: false }));
    assert_eq!(kind_of("MESSAGES_UPSERT"), Some(Kind::Message { sent: false }));
    assert_eq!(kind_of("GROUP_PARTICIPANTS_UPDATE"), kind_of("group-participants.update"));
    assert_eq!(kind_of("SEND_MESSAGE_UPDATE"), Some(Kind::Edited { sent: true }));
    assert_eq!(kind_of("messages.upsertx"), None);
}
