//! Timestamps: everything becomes epoch milliseconds.
//!
//! Z-API/Plugchat `momment` is documented in milliseconds but some payloads carry seconds; Green
//! API `timestamp` is seconds; Callbell sends ISO-8601 strings with any offset.

/// Values below this in a milliseconds field are seconds (10^11 ms is 1973; 10^11 s is year 5138).
pub const SECONDS_BELOW: f64 = 1e11;

/// How a numeric timestamp was interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// As documented.
    AsDocumented,
    /// The value was in the other unit and was converted.
    Converted,
}

/// A milliseconds field: values below 10^11 are taken as seconds.
pub fn from_millis_field(v: f64) -> Option<(i64, Unit)> {
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    if v < SECONDS_BELOW {
        Some(((v * 1000.0).round() as i64, Unit::Converted))
    } else {
        clamp(v).map(|ms| (ms, Unit::AsDocumented))
    }
}

/// A seconds field: values of 10^11 or more are taken as milliseconds.
pub fn from_seconds_field(v: f64) -> Option<(i64, Unit)> {
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    if v >= SECONDS_BELOW {
        clamp(v).map(|ms| (ms, Unit::Converted))
    } else {
        Some(((v * 1000.0).round() as i64, Unit::AsDocumented))
    }
}

/// Keeps milliseconds within what a JS Date can hold (±8.64e15).
fn clamp(ms: f64) -> Option<i64> {
    if ms.abs() <= 8.64e15 {
        Some(ms.round() as i64)
    } else {
        None
    }
}

/// Parses an ISO-8601 / RFC 3339 date-time (`2022-10-18T12:06:29.000+02:00`, `...Z`, `+0200`,
/// `+02`, a space instead of `T`, no offset = UTC) into epoch milliseconds.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let mut i = 0;
    let year = digits(b, &mut i, 4)?;
    eat(b, &mut i, b'-')?;
    let month = digits(b, &mut i, 2)?;
    eat(b, &mut i, b'-')?;
    let day = digits(b, &mut i, 2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut ms_of_day = 0i64;
    let mut offset_minutes = 0i64;
    if i < b.len() {
        match b.get(i) {
            Some(b'T' | b't' | b' ') => i += 1,
            _ => return None,
        }
        let hour = digits(b, &mut i, 2)?;
        eat(b, &mut i, b':')?;
        let minute = digits(b, &mut i, 2)?;
        let mut second = 0;
        if b.get(i) == Some(&b':') {
            i += 1;
            second = digits(b, &mut i, 2)?;
        }
        if hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0)) {
            return None;
        }
        let mut millis = 0i64;
        if let Some(b'.' | b',') = b.get(i) {
            i += 1;
            let start = i;
            while let Some(d @ b'0'..=b'9') = b.get(i) {
                if i - start < 3 {
                    millis = millis * 10 + i64::from(d - b'0');
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            for _ in (i - start)..3 {
                millis *= 10;
            }
        }
        ms_of_day = ((hour * 60 + minute) * 60 + second.min(59)) * 1000 + millis;
        match b.get(i) {
            None => {}
            Some(b'Z' | b'z') => i += 1,
            Some(&sign @ (b'+' | b'-')) => {
                i += 1;
                let oh = digits(b, &mut i, 2)?;
                let mut om = 0;
                if b.get(i) == Some(&b':') {
                    i += 1;
                }
                if i < b.len() {
                    om = digits(b, &mut i, 2)?;
                }
                if oh > 23 || om > 59 {
                    return None;
                }
                offset_minutes = (oh * 60 + om) * if sign == b'-' { -1 } else { 1 };
            }
            _ => return None,
        }
        if i != b.len() {
            return None;
        }
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400_000 + ms_of_day - offset_minutes * 60_000)
}

fn digits(b: &[u8], i: &mut usize, n: usize) -> Option<i64> {
    let mut v = 0i64;
    for _ in 0..n {
        let d = *b.get(*i)?;
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
        *i += 1;
    }
    Some(v)
}

fn eat(b: &[u8], i: &mut usize, c: u8) -> Option<()> {
    if b.get(*i) == Some(&c) {
        *i += 1;
        Some(())
    } else {
        None
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
#[path = "tests/time_tests.rs"]
mod tests;
