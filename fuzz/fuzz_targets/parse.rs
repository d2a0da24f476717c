//! parse and detect on arbitrary bytes, with each provider hint and a Z-API header: never a panic,
//! only SPEC error codes, and detect agrees with parse on the provider.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wahook::{Headers, ParseOptions, Provider};

fuzz_target!(|data: &[u8]| {
    let (hint, body) = match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (0, data),
    };
    let provider = match hint % 6 {
        0 => Some(Provider::Zapi),
        1 => Some(Provider::Plugchat),
        2 => Some(Provider::Greenapi),
        3 => Some(Provider::Callbell),
        _ => None,
    };
    let headers = if hint & 0x80 != 0 { Headers(vec![("z-api-token".into(), "t".into())]) } else { Headers::default() };
    let mut options = ParseOptions::default().headers(headers).include_raw(hint & 0x40 != 0);
    options.provider = provider;
    let parsed = wahook::parse(body, &options);
    let detected = wahook::detect(body, &options);
    match &parsed {
        Ok(r) => {
            assert_eq!(detected.provider, Some(r.provider));
            for e in &r.events {
                assert!(!e.base().dedupe_key.is_empty());
            }
        }
        Err(_) => assert!(detected.provider.is_none()),
    }
});
