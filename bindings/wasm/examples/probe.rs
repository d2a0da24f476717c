fn main() {
    let mut t = wahook_wasm::tape::Tape::default();
    let o = wahook::ParseOptions::default();
    for f in ["zapi/message-status-received.json","zapi/received-text.json","greenapi/incoming-text.json","callbell/message-status-updated.json"] {
        let b = std::fs::read(format!("tests/fixtures/{f}")).unwrap();
        let r = wahook::parse(&b, &o).unwrap();
        t.encode(true, &r);
        let start = std::time::Instant::now();
        for _ in 0..100000 { t.encode(true, &r); }
        let enc = start.elapsed().as_secs_f64() * 10.0;
        let start = std::time::Instant::now();
        for _ in 0..100000 { std::hint::black_box(wahook::parse(&b, &o).is_ok()); }
        let p = start.elapsed().as_secs_f64() * 10.0;
        println!("{f}: encode {enc:.3}us parse {p:.3}us words {}", t.parts().1.len());
    }
    println!("{} keys", t.keys().len());
}
