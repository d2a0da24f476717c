//! Native throughput: `wahook::parse` against `serde_json::from_slice::<Value>` on the same bytes
//! (the fixture corpus and the realistic mix). `cargo bench --bench native` prints MB/s and events/s.

use std::hint::black_box;
use std::time::Instant;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn all_fixtures() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let root = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<_> =
        std::fs::read_dir(&root).expect("fixtures").filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for d in dirs {
        let mut files: Vec<_> = std::fs::read_dir(d).expect("dir").filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for f in files {
            // The documented payloads only (`wire/` holds the captured bodies, in folders of their own).
            if f.is_file() && f.extension().is_some_and(|e| e == "json") && !f.to_string_lossy().contains("not-a-webhook") {
                out.push(std::fs::read(f).expect("read"));
            }
        }
    }
    out
}

/// The same mix as bench/corpus.mjs.
fn realistic_mix() -> Vec<Vec<u8>> {
    let weights = [
        ("zapi/message-status-received.json", 15),
        ("zapi/message-status-read.json", 12),
        ("zapi/message-status-sent.json", 5),
        ("greenapi/outgoing-message-status-noaccount-2023.json", 3),
        ("callbell/message-status-updated.json", 10),
        ("zapi/delivery-success.json", 10),
        ("zapi/received-text.json", 12),
        ("plugchat/receive-message-text.json", 5),
        ("greenapi/incoming-text.json", 8),
        ("callbell/message-created.json", 5),
        ("zapi/received-image.json", 4),
        ("greenapi/incoming-image.json", 3),
        ("zapi/received-audio.json", 3),
        ("zapi/presence-composing.json", 3),
        ("greenapi/state-instance-changed.json", 2),
    ];
    weights.iter().flat_map(|(n, k)| std::iter::repeat_with(move || fixture(n)).take(*k)).collect()
}

/// Median seconds per pass over the corpus of `a` and of `b`. Their runs alternate (a, b, a, b…)
/// after a warm-up pass, so that both see the same machine state (frequency, neighbours).
fn time_pair<A: FnMut(&[u8]) -> usize, B: FnMut(&[u8]) -> usize>(corpus: &[Vec<u8>], mut a: A, mut b: B) -> (f64, f64, usize) {
    let mut events = 0;
    for body in corpus {
        events += a(body);
        b(body);
    }
    let passes = (20_000 / corpus.len()).max(10);
    let run = |f: &mut dyn FnMut(&[u8]) -> usize| {
        let t = Instant::now();
        for _ in 0..passes {
            for body in corpus {
                black_box(f(black_box(body)));
            }
        }
        t.elapsed().as_secs_f64() / passes as f64
    };
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for _ in 0..41 {
        ra.push(run(&mut a));
        rb.push(run(&mut b));
    }
    ra.sort_by(|x, y| x.total_cmp(y));
    rb.sort_by(|x, y| x.total_cmp(y));
    (ra[20], rb[20], events)
}

fn main() {
    let options = wahook::ParseOptions::default();
    for (name, corpus) in [("fixtures", all_fixtures()), ("mix", realistic_mix())] {
        let bytes: usize = corpus.iter().map(Vec::len).sum();
        let (w, s, events) = time_pair(
            &corpus,
            |b| wahook::parse(b, &options).map_or(0, |r| r.events.len()),
            |b| serde_json::from_slice::<serde_json::Value>(b).map_or(0, |v| v.as_object().map_or(0, |o| o.len())),
        );
        let mb = |secs: f64| bytes as f64 / secs / 1e6;
        println!(
            "{name}: {} bodies, {bytes} bytes, {events} events | wahook::parse {:.1} MB/s, {:.0} events/s, {:.2} us/body | serde_json::Value {:.1} MB/s, {:.2} us/body | ratio {:.2}x",
            corpus.len(), mb(w), events as f64 / w, w * 1e6 / corpus.len() as f64, mb(s), s * 1e6 / corpus.len() as f64, s / w
        );
    }
}
