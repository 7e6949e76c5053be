//! Records the compiler version for `/metrics` (`runtime`), the way Go reports `runtime.Version()`.

use std::process::Command;

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(|v| format!("rustc {v}")))
        .unwrap_or_else(|| "rustc-unknown".to_owned());
    println!("cargo:rustc-env=PROCESSOR_RUSTC_VERSION={version}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
}
