//! Parses one body in a loop and prints µs per body; for profilers (`valgrind --tool=callgrind`):
//! `cargo run --release --example profile_one -- tests/fixtures/callbell/message-created.json 2000`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let body = std::fs::read(path).unwrap_or_default();
    let mut events = 0;
    let t = std::time::Instant::now();
    for _ in 0..n {
        events += wahook::parse(&body, &wahook::ParseOptions::default()).map_or(0, |r| r.events.len());
    }
    println!("{events} {:.3} us/body", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
