//! The dashboard's folded figures kept in this browser (IndexedDB, through `rexie`), one
//! record per program and credential, so a later visit reads only newer statements.
//!
//! The record's key is [`crate::launch::admin::cache_key`] (a hash: the credential is never
//! written); its value holds the fold's bytes (`Insights::save`, which carry their own format
//! number) as a Blob, the `since` of the next read and how many statements were read. Beside it, under
//! `<key>:figures`, the unfiltered figures that fold gave (`insights::KeptFigures`), small enough
//! to read at once on a visit that finds nothing new.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use crate::insights::Insights;

const DATABASE: &str = "throughline-dashboard";
const STORE: &str = "folds";

/// Bytes of the fold handed from WebAssembly to the browser at a time.
const PIECE: usize = 1 << 20;
/// Pieces gathered into a Blob at a time: the tab holds at most this many in JavaScript.
const PIECES_A_BLOB: u32 = 8;

/// What a visit left for the next.
pub struct Cached {
    /// `Insights::save` bytes.
    pub state: Vec<u8>,
    /// The `since` the next read asks with (`launch::admin::next_since`).
    pub since: Option<String>,
    /// Statements read so far, over all visits.
    pub statements: usize,
}

fn plain(what: &str, e: impl std::fmt::Display) -> String {
    format!("The figures kept in this browser could not be {what} ({e}); they are read from the learning record store instead.")
}

async fn open() -> Result<Rexie, String> {
    Rexie::builder(DATABASE)
        .version(1)
        .add_object_store(ObjectStore::new(STORE))
        .build()
        .await
        .map_err(|e| plain("opened", e))
}

/// The record under `key`, if a visit left one (and it has the expected shape).
pub async fn load(key: &str) -> Result<Option<Cached>, String> {
    let value = get(JsValue::from_str(key)).await?;
    let Some(value) = value.filter(|v| v.is_object()) else {
        return Ok(None);
    };
    let field = |name: &str| Reflect::get(&value, &JsValue::from_str(name)).ok();
    let state = match field("state") {
        Some(s) if s.is_instance_of::<Blob>() => {
            let blob: Blob = s.unchecked_into();
            let bytes = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
                .await
                .map_err(|_| plain("read", "the browser did not give them back"))?;
            match bytes.dyn_into::<ArrayBuffer>() {
                Ok(bytes) => Uint8Array::new(&bytes).to_vec(),
                Err(_) => return Ok(None),
            }
        }
        // As records were kept before the fold was written in pieces.
        Some(s) if s.is_instance_of::<Uint8Array>() => s.unchecked_into::<Uint8Array>().to_vec(),
        _ => return Ok(None),
    };
    Ok(Some(Cached {
        state,
        since: field("since").and_then(|s| s.as_string()),
        statements: field("statements")
            .and_then(|n| n.as_f64())
            .map_or(0, |n| n as usize),
    }))
}

/// The fold's bytes as a Blob, handed over a piece at a time: held whole, in WebAssembly and
/// again in JavaScript, the bytes of a million statements' fold were 400 MB of the tab's peak.
pub fn fold_blob(insights: &Insights) -> Result<Blob, String> {
    let refused = |_| plain("saved", "the browser refused to hold them");
    let blobs = Array::new();
    let parts = Array::new();
    let mut failed = None;
    insights.save_in_pieces(PIECE, &mut |piece| {
        // Once the browser has refused, the rest is not copied out only to be dropped.
        if failed.is_some() {
            return;
        }
        parts.push(&Uint8Array::from(piece));
        if parts.length() >= PIECES_A_BLOB {
            match Blob::new_with_u8_array_sequence(&parts) {
                Ok(b) => {
                    blobs.push(&b);
                    parts.set_length(0);
                }
                Err(e) => failed = Some(e),
            }
        }
    });
    if let Some(e) = failed {
        return Err(refused(e));
    }
    if parts.length() > 0 {
        let last = Blob::new_with_u8_array_sequence(&parts).map_err(refused)?;
        blobs.push(&last);
    }
    // A Blob of Blobs refers to their bytes; it does not copy them.
    Blob::new_with_blob_sequence(&blobs).map_err(refused)
}

/// Keeps a fold (`state`, from [`fold_blob`]) under `key` with where the next read starts
/// and how many statements were read, replacing what was there.
pub async fn save(
    key: &str,
    state: &Blob,
    since: Option<&str>,
    statements: usize,
) -> Result<(), String> {
    let value = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&value, &JsValue::from_str(k), v).map(|_| ());
    set("state", state)
        .and_then(|()| set("since", &since.map_or(JsValue::NULL, JsValue::from_str)))
        .and_then(|()| set("statements", &JsValue::from_f64(statements as f64)))
        .map_err(|_| plain("saved", "the record could not be built"))?;
    put(JsValue::from_str(key), &value.into()).await
}

/// Where the figures of the fold under `key` are kept: a record of their own, so a visit
/// with nothing new reads them without the fold's megabytes.
fn figures_key(key: &str) -> JsValue {
    JsValue::from_str(&format!("{key}:figures"))
}

/// The figures text (`insights::KeptFigures::to_json`) a visit left under `key`, if any.
pub async fn load_figures(key: &str) -> Result<Option<String>, String> {
    Ok(get(figures_key(key)).await?.and_then(|v| v.as_string()))
}

/// Keeps `figures` (`insights::KeptFigures::to_json`) for the fold under `key`.
pub async fn save_figures(key: &str, figures: &str) -> Result<(), String> {
    put(figures_key(key), &JsValue::from_str(figures)).await
}

/// The value under `key` in the store, if any.
async fn get(key: JsValue) -> Result<Option<JsValue>, String> {
    let db = open().await?;
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadOnly)
        .map_err(|e| plain("read", e))?;
    let store = tx.store(STORE).map_err(|e| plain("read", e))?;
    let value = store.get(key).await.map_err(|e| plain("read", e))?;
    let _ = tx.done().await;
    db.close();
    Ok(value)
}

/// Puts `value` under `key`, replacing what was there.
async fn put(key: JsValue, value: &JsValue) -> Result<(), String> {
    let db = open().await?;
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadWrite)
        .map_err(|e| plain("saved", e))?;
    let store = tx.store(STORE).map_err(|e| plain("saved", e))?;
    store
        .put(value, Some(&key))
        .await
        .map_err(|e| plain("saved", e))?;
    tx.done().await.map_err(|e| plain("saved", e))?;
    db.close();
    Ok(())
}
