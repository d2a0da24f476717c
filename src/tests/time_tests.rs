use super::*;

#[test]
fn iso_offsets_and_fractions() {
    // Callbell message_created example: 12:06:29 at +02:00 is 10:06:29Z.
    assert_eq!(parse_iso8601("2022-10-18T12:06:29.000+02:00"), Some(1_666_087_589_000));
    assert_eq!(parse_iso8601("2022-10-18T10:06:29Z"), Some(1_666_087_589_000));
    assert_eq!(parse_iso8601("2022-10-18T10:06:29"), Some(1_666_087_589_000));
    assert_eq!(parse_iso8601("2022-10-18 07:06:29-0300"), Some(1_666_087_589_000));
    assert_eq!(parse_iso8601("2022-10-18T15:36:29+05:30"), Some(1_666_087_589_000));
    assert_eq!(parse_iso8601("2022-10-18T12:06:29+02"), Some(1_666_087_589_000));
    assert_eq!(parse_iso8601("2022-10-17T15:15:06.095Z"), Some(1_666_019_706_095));
    assert_eq!(parse_iso8601("2022-10-17T15:15:06.0951234Z"), Some(1_666_019_706_095));
    assert_eq!(parse_iso8601("2022-10-17T15:15:06.9Z"), Some(1_666_019_706_900));
    assert_eq!(parse_iso8601("1970-01-01"), Some(0));
    assert_eq!(parse_iso8601("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
}

#[test]
fn iso_rejects_garbage() {
    for s in [
        "",
        "2022",
        "2022-13-01",
        "2023-02-29",
        "2022-10-18T25:00:00Z",
        "2022-10-18T10:06:29X",
        "yesterday",
        "2022-10-18T10:06:29+2",
        "2022-10-18T10:06:29.Z",
    ] {
        assert_eq!(parse_iso8601(s), None, "{s:?}");
    }
}

#[test]
fn seconds_and_milliseconds() {
    assert_eq!(from_millis_field(1_632_228_638_000.0), Some((1_632_228_638_000, Unit::AsDocumented)));
    assert_eq!(from_millis_field(1_580_163_342.0), Some((1_580_163_342_000, Unit::Converted)));
    assert_eq!(from_seconds_field(1_588_091_580.0), Some((1_588_091_580_000, Unit::AsDocumented)));
    assert_eq!(from_seconds_field(1_588_091_580_000.0), Some((1_588_091_580_000, Unit::Converted)));
    assert_eq!(from_millis_field(f64::INFINITY), None);
    assert_eq!(from_millis_field(-5.0), None);
    assert_eq!(from_millis_field(1e300), None);
}
