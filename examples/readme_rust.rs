//! Prints the normalized JSON of a webhook body file (`serde_json` in your dependencies):
//!     cargo run --example readme_rust -- body.json
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: readme_rust <body.json>")?;
    let body_bytes = std::fs::read(path)?;
    let result = wahook::parse(&body_bytes, &wahook::ParseOptions::default())?;
    println!("{}", serde_json::to_string_pretty(&result)?); // exactly the JSON the JS package returns
    Ok(())
}
