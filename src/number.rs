//! Decimal text → `f64`, as `JSON.parse` and `str::parse` read it (correctly rounded).
//!
//! Most numbers in webhooks are integers or short decimals: those take an exact fast path (at most
//! 19 significant digits, a mantissa ≤ 2^53 and a power of ten ≤ 10^22 are all exact in an f64, so
//! one multiplication or division rounds correctly). Everything else goes to a slow path: `str::parse`
//! natively; with the `host-float` feature (the wasm binding) the host's `Number`, registered with
//! `set_host_parser`, because core's `dec2flt` and its tables are ~15 KB of the gzipped `.wasm`.
//!
//! Accepted syntax: `[+-]digits[.digits][(e|E)[+-]digits]`, with digits on at least one side of
//! the point (what `str::parse` and `Number` agree on); anything else is `None`.

/// Exact powers of ten in an f64.
const POW10: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let mut significant = 0u32;
    let mut exp10: i64 = 0;
    let mut any_digit = false;
    let mut fraction = false;
    loop {
        match b.get(i) {
            Some(&c @ b'0'..=b'9') => {
                any_digit = true;
                if mantissa != 0 || c != b'0' {
                    significant += 1;
                    mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                }
                if fraction {
                    exp10 -= 1;
                }
            }
            Some(b'.') if !fraction => fraction = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let exp_negative = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let mut e: i64 = 0;
        let mut exp_digits = false;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            exp_digits = true;
            e = (e * 10 + i64::from(c - b'0')).min(1_000_000_000);
            i += 1;
        }
        if !exp_digits {
            return None;
        }
        exp10 += if exp_negative { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    let sign = if negative { -1.0 } else { 1.0 };
    if mantissa == 0 && significant == 0 {
        return Some(sign * 0.0);
    }
    if significant <= 19 && mantissa <= 1 << 53 && (-22..=22).contains(&exp10) {
        let m = mantissa as f64;
        let p = POW10.get(exp10.unsigned_abs() as usize).copied().unwrap_or(1.0);
        return Some(sign * if exp10 >= 0 { m * p } else { m / p });
    }
    slow(s)
}

#[cfg(not(feature = "host-float"))]
fn slow(s: &str) -> Option<f64> {
    s.parse().ok()
}

#[cfg(feature = "host-float")]
static HOST_PARSER: std::sync::OnceLock<fn(&str) -> f64> = std::sync::OnceLock::new();

/// Registers the host's decimal parser (JS `Number`) for numbers off the fast path. Only with the
/// `host-float` feature; until it is called, such numbers read as absent.
#[cfg(feature = "host-float")]
pub fn set_host_parser(parse: fn(&str) -> f64) {
    let _ = HOST_PARSER.set(parse);
}

#[cfg(feature = "host-float")]
fn slow(s: &str) -> Option<f64> {
    HOST_PARSER.get().map(|parse| parse(s)).filter(|x| !x.is_nan())
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    fn same(s: &str) {
        let ours = parse_f64(s);
        let std = s.parse::<f64>().ok();
        assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{s}");
    }

    #[test]
    fn agrees_with_std_on_decimal_syntax() {
        for s in [
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            "1",
            "-1",
            "1632234645000",
            "1586700802",
            "9007199254740992",
            "9007199254740993",
            "18446744073709551615",
            "999999999999999999999",
            "0.1",
            "0.2",
            "0.3",
            "-23.605403621614",
            "-46.637346962613",
            "1.5e3",
            "1e22",
            "1e23",
            "1e-22",
            "1e-23",
            "123456789012345678e-5",
            "2.2250738585072014e-308",
            "4.9e-324",
            "1.7976931348623157e308",
            "1e308",
            "1e309",
            "1e400",
            "-1e400",
            "1e-400",
            "0e500",
            "5.",
            ".5",
            "00012",
            "1E+2",
            "1e-0",
            "3.14159265358979323846264338327950288",
            "0.000000000000000000000000001",
        ] {
            same(s);
        }
    }

    #[test]
    fn rejects_what_is_not_decimal() {
        for s in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x10", "1_000", "--1", "1e5.5"] {
            assert_eq!(parse_f64(s), None, "{s:?}");
        }
        // str::parse reads these words; JSON and Number do not, and neither do we.
        for s in ["inf", "NaN", "infinity"] {
            assert_eq!(parse_f64(s), None, "{s:?}");
        }
    }

    #[test]
    fn agrees_with_std_on_many_generated_numbers() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 10_000_000_000_000_000_000) >> (x % 40);
            let scale = (x >> 50) % 30;
            let exp = ((x >> 40) % 60) as i64 - 30;
            same(&format!("{digits}"));
            same(&format!(
                "{}.{:0width$}",
                digits / 10u64.pow((scale % 19) as u32),
                digits % 10u64.pow((scale % 19) as u32),
                width = (scale % 19) as usize
            ));
            same(&format!("{digits}e{exp}"));
            same(&format!("-{digits}.5e{exp}"));
        }
    }
}
