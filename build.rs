//! The split learner bundle (feature `split`) is linked with its relocations, which
//! `wasm-split-cli` needs to cut it into modules. Only this crate is relinked; no
//! dependency is rebuilt, as it would be with `RUSTFLAGS`.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-cdylib=--emit-relocs");
    }
}
