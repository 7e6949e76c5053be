//! Configuration from the environment: `HOST`, `PORT`, `THREADS`, `MAX_BODY_BYTES`.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// Tokio worker threads: the project's single CPU-budget knob.
    pub threads: usize,
    pub max_body_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config { host: "127.0.0.1".to_owned(), port: 8080, threads: 1, max_body_bytes: 4 * 1024 * 1024 }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}={:?}: expected {}", self.variable, self.value, self.expected)
    }
}

impl std::error::Error for ConfigError {}

/// More worker threads than this is a typo, not a CPU budget.
const MAX_THREADS: usize = 1024;

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads each variable through `lookup`; unset or empty means the default.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name| lookup(name).filter(|v: &String| !v.trim().is_empty());
        let defaults = Config::default();
        let host = get("HOST").map(|h| h.trim().to_owned()).unwrap_or(defaults.host);
        let port = parse(get("PORT"), "PORT", "a TCP port 0-65535", |n: u16| Some(n))?.unwrap_or(defaults.port);
        let threads = parse(get("THREADS"), "THREADS", "an integer from 1 to 1024", |n: usize| {
            (1..=MAX_THREADS).contains(&n).then_some(n)
        })?
        .unwrap_or(defaults.threads);
        let max_body_bytes = parse(get("MAX_BODY_BYTES"), "MAX_BODY_BYTES", "a non-negative integer", |n: u64| {
            usize::try_from(n).is_ok().then_some(n)
        })?
        .unwrap_or(defaults.max_body_bytes);
        Ok(Config { host, port, threads, max_body_bytes })
    }
}

fn parse<T: std::str::FromStr>(
    value: Option<String>,
    variable: &'static str,
    expected: &'static str,
    accept: impl Fn(T) -> Option<T>,
) -> Result<Option<T>, ConfigError> {
    let Some(value) = value else { return Ok(None) };
    match value.trim().parse::<T>().ok().and_then(accept) {
        Some(n) => Ok(Some(n)),
        None => Err(ConfigError { variable, value, expected }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_when_unset_or_empty() {
        assert_eq!(from(&[]).unwrap(), Config::default());
        assert_eq!(from(&[("THREADS", "")]).unwrap(), Config::default());
    }

    #[test]
    fn reads_every_variable() {
        let c = from(&[("HOST", "0.0.0.0"), ("PORT", "9001"), ("THREADS", "2"), ("MAX_BODY_BYTES", "10")]).unwrap();
        assert_eq!(c, Config { host: "0.0.0.0".into(), port: 9001, threads: 2, max_body_bytes: 10 });
    }

    #[test]
    fn refuses_zero_threads() {
        assert_eq!(from(&[("THREADS", "0")]).unwrap_err().variable, "THREADS");
    }

    #[test]
    fn refuses_non_numeric_port() {
        assert_eq!(from(&[("PORT", "http")]).unwrap_err().variable, "PORT");
        assert_eq!(from(&[("PORT", "70000")]).unwrap_err().variable, "PORT");
    }

    #[test]
    fn refuses_negative_body_limit() {
        assert_eq!(from(&[("MAX_BODY_BYTES", "-1")]).unwrap_err().variable, "MAX_BODY_BYTES");
    }
}
