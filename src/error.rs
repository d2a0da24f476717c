//! Errors: a stable `code` and a message that says what was wrong and where.

use serde::Serialize;
use std::fmt;

/// The error codes: each names one way a body (or the arguments) can be unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The body is not valid JSON; `line` and `column` say where.
    InvalidJson,
    /// The bytes are not UTF-8.
    InvalidEncoding,
    /// Valid JSON whose top level is not an object.
    NotAnObject,
    /// A JSON object that matches no provider's shape.
    UnknownProvider,
    /// `provider` was given, but the body is unmistakably another provider's.
    ProviderMismatch,
    /// The body is larger than `max_bytes`.
    TooLarge,
    /// Nesting deeper than 128 levels.
    TooDeep,
    /// An argument or option of the wrong type or value.
    InvalidInput,
    /// Verification failed (only from `fromRequest` with `verify` in JS).
    Unauthorized,
}

impl ErrorCode {
    /// The code as JSON and the JS package write it (`"invalid_json"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidEncoding => "invalid_encoding",
            ErrorCode::NotAnObject => "not_an_object",
            ErrorCode::UnknownProvider => "unknown_provider",
            ErrorCode::ProviderMismatch => "provider_mismatch",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::TooDeep => "too_deep",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Unauthorized => "unauthorized",
        }
    }
}

/// A parse failure. `line`/`column` (1-based, column in code points) are set for `invalid_json`
/// (and for `invalid_encoding`, pointing at the first bad byte); `reason` only for `unauthorized`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Error {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What was wrong and where, for people.
    pub message: String,
    /// 1-based line of `invalid_json` / `invalid_encoding`.
    pub line: Option<u32>,
    /// 1-based column, in code points, of `invalid_json` / `invalid_encoding`.
    pub column: Option<u32>,
    /// The verification failure of `unauthorized`.
    pub reason: Option<String>,
}

impl Error {
    /// An error with a code and a message, no position.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), line: None, column: None, reason: None }
    }

    /// An error with a code, a message and a 1-based line and column (the column in code points);
    /// positions beyond `u32::MAX` saturate.
    pub fn at(code: ErrorCode, message: impl Into<String>, line: usize, column: usize) -> Self {
        Error {
            code,
            message: message.into(),
            line: Some(u32::try_from(line).unwrap_or(u32::MAX)),
            column: Some(u32::try_from(column).unwrap_or(u32::MAX)),
            reason: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}
