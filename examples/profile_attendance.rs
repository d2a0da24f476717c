//! Parses a Plugchat attendance of `n` chat messages (default 1000, ~180 KB) in a loop; for
//! profilers (`perf record`, `valgrind --tool=callgrind`). Args: messages, rounds.
fn main() {
    let path = format!("{}/tests/fixtures/plugchat/start-attendance.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut args = std::env::args().skip(1).map(|s| s.parse::<usize>().ok());
    let n = args.next().flatten().unwrap_or(1000);
    let rounds = args.next().flatten().unwrap_or(200);
    // The fixture's first chat message, repeated under n keys.
    let chat_at = text.find("\"chat\"").unwrap_or(0);
    let open = chat_at + text[chat_at..].find('{').unwrap_or(0);
    let first_key = open + text[open..].find('"').unwrap_or(0);
    let colon = first_key + text[first_key..].find(':').unwrap_or(0);
    let msg_start = colon + 1;
    let mut depth = 0;
    let mut msg_end = msg_start;
    for (i, c) in text[msg_start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    msg_end = msg_start + i + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    let msg = &text[msg_start..msg_end];
    let mut chat = String::from("{");
    for i in 0..n {
        if i > 0 {
            chat.push(',');
        }
        chat.push_str(&format!("\"3EB0{i:016x}\":{}", msg.replacen("\"messageId\"", &format!("\"m{i}\":1,\"messageId\""), 1)));
    }
    chat.push('}');
    let body = format!("{}{}{}", &text[..open], chat, &text[closing(&text, open)..]);
    let mut events = 0;
    for _ in 0..rounds {
        events += wahook::parse(body.as_bytes(), &wahook::ParseOptions::default()).map_or(0, |r| r.events.len());
    }
    println!("{} bytes, {events} events", body.len());
}

/// The index just past the object that opens at `open`.
fn closing(text: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}
