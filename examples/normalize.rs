//! Prints the normalized JSON of each webhook body file given (or of stdin).
//!
//!     cargo run --example normalize -- tests/fixtures/zapi/received-text.json

use std::io::Read;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let bodies: Vec<(String, Vec<u8>)> = if files.is_empty() {
        let mut buf = Vec::new();
        if std::io::stdin().read_to_end(&mut buf).is_err() {
            eprintln!("cannot read stdin");
            std::process::exit(2);
        }
        vec![("-".into(), buf)]
    } else {
        files.iter().map(|f| (f.clone(), std::fs::read(f).unwrap_or_default())).collect()
    };
    let mut failed = false;
    for (name, body) in bodies {
        match wahook::parse(&body, &wahook::ParseOptions::default()) {
            Ok(r) => println!("// {name}\n{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
            Err(e) => {
                failed = true;
                eprintln!("// {name}\n{e}");
            }
        }
    }
    std::process::exit(i32::from(failed));
}
