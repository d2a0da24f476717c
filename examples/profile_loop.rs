//! Parses the realistic mix in a loop; for profilers (`valgrind --tool=callgrind`).
fn main() {
    let names = [
        "zapi/message-status-received.json",
        "zapi/received-text.json",
        "greenapi/incoming-text.json",
        "callbell/message-status-updated.json",
        "zapi/delivery-success.json",
    ];
    let bodies: Vec<Vec<u8>> =
        names.iter().map(|n| std::fs::read(format!("{}/tests/fixtures/{n}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()).collect();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let mut events = 0;
    for _ in 0..n {
        for b in &bodies {
            events += wahook::parse(b, &wahook::ParseOptions::default()).map_or(0, |r| r.events.len());
        }
    }
    println!("{events}");
}
