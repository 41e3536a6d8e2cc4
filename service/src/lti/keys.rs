//! The tool's own signing keys: what it signs Deep Linking responses and
//! service-token requests with, published at `/lti/jwks` for platforms (Canvas
//! asks for that URL at registration).
//!
//! They live in `lti-tool-keys.json` in the data folder (mode 0600), newest
//! first. `throughline rotate-lti-key` puts a fresh key first and keeps the one
//! before it published, so a platform that cached the old key, or holds
//! something signed with it, still checks out; the next rotation retires it.
//! Every service process reads the same file, like the LRS credentials.

use std::fs;
use std::path::Path;

use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The keys file, in the data folder.
pub const KEYS_FILE: &str = "lti-tool-keys.json";
/// Keys published at once: the signing key and the one it replaced.
const PUBLISHED: usize = 2;
const BITS: usize = 2048;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredKey {
    kid: String,
    created: String,
    private_pem: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct KeysFile {
    keys: Vec<StoredKey>,
}

/// The signing key and the published set.
pub struct ToolKeys {
    kid: String,
    signing: EncodingKey,
    jwks: Value,
}

impl std::fmt::Debug for ToolKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the private key.
        f.debug_struct("ToolKeys").field("kid", &self.kid).finish()
    }
}

fn fresh_key() -> Result<StoredKey, String> {
    let key = RsaPrivateKey::new(&mut rand::rngs::OsRng, BITS)
        .map_err(|e| format!("could not make an RSA key: {e}"))?;
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| format!("could not write the RSA key: {e}"))?;
    let created = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    Ok(StoredKey {
        kid: format!(
            "throughline-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        ),
        created,
        private_pem: pem.to_string(),
    })
}

fn read(path: &Path) -> Result<Option<KeysFile>, String> {
    match fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{} is not valid: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

fn write(path: &Path, file: &KeysFile) -> Result<(), String> {
    let text = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
    let fresh = path.with_extension("json.new");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    options
        .open(&fresh)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot write {}: {e}", fresh.display()))?;
    fs::rename(&fresh, path).map_err(|e| format!("cannot replace {}: {e}", path.display()))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl ToolKeys {
    /// Reads the keys in `data`, making the first one when there are none.
    pub fn load_or_create(data: &Path) -> Result<ToolKeys, String> {
        let path = data.join(KEYS_FILE);
        let file = match read(&path)? {
            Some(file) if !file.keys.is_empty() => file,
            _ => {
                let file = KeysFile {
                    keys: vec![fresh_key()?],
                };
                write(&path, &file)?;
                file
            }
        };
        ToolKeys::from_file(&file, &path)
    }

    /// Puts a fresh signing key first, keeps the previous one published and
    /// retires older ones; the new key's id. Running services pick it up at restart.
    pub fn rotate(data: &Path) -> Result<String, String> {
        let path = data.join(KEYS_FILE);
        let mut file = read(&path)?.unwrap_or_default();
        let key = fresh_key()?;
        let kid = key.kid.clone();
        file.keys.insert(0, key);
        file.keys.truncate(PUBLISHED);
        write(&path, &file)?;
        Ok(kid)
    }

    fn from_file(file: &KeysFile, path: &Path) -> Result<ToolKeys, String> {
        let mut published = Vec::new();
        for stored in file.keys.iter().take(PUBLISHED) {
            let key = RsaPrivateKey::from_pkcs8_pem(&stored.private_pem).map_err(|e| {
                format!(
                    "{}: key {} is not an RSA key: {e}",
                    path.display(),
                    stored.kid
                )
            })?;
            published.push(json!({
                "kty": "RSA", "alg": "RS256", "use": "sig", "kid": stored.kid,
                "n": b64(&key.n().to_bytes_be()), "e": b64(&key.e().to_bytes_be()),
            }));
        }
        let first = &file.keys[0];
        let signing = EncodingKey::from_rsa_pem(first.private_pem.as_bytes())
            .map_err(|e| format!("{}: key {} cannot sign: {e}", path.display(), first.kid))?;
        Ok(ToolKeys {
            kid: first.kid.clone(),
            signing,
            jwks: json!({ "keys": published }),
        })
    }

    /// The public keys, as `/lti/jwks` serves them.
    pub fn jwks(&self) -> &Value {
        &self.jwks
    }

    /// The signing key's id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The claims of a token this tool signed for itself (`aud` = `audience`), checked
    /// against its published keys: signature, expiry and audience.
    pub fn verify(&self, token: &str, audience: &str) -> Result<Value, String> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| "not a JWT".to_string())?;
        let set: jsonwebtoken::jwk::JwkSet =
            serde_json::from_value(self.jwks.clone()).map_err(|e| e.to_string())?;
        let jwk = header
            .kid
            .as_deref()
            .and_then(|kid| set.find(kid))
            .ok_or("signed with a key this tool does not publish")?;
        let key = jsonwebtoken::DecodingKey::from_jwk(jwk).map_err(|e| e.to_string())?;
        let mut v = jsonwebtoken::Validation::new(Algorithm::RS256);
        v.set_audience(&[audience]);
        v.set_required_spec_claims(&["exp", "aud"]);
        jsonwebtoken::decode::<Value>(token, &key, &v)
            .map(|d| d.claims)
            .map_err(|e| e.to_string())
    }

    /// `claims` as a JWT signed RS256 with the current key, its `kid` in the header.
    pub fn sign(&self, claims: &Value) -> Result<String, String> {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        encode(&header, claims, &self.signing).map_err(|e| format!("could not sign: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{decode, jwk::JwkSet, DecodingKey, Validation};

    #[test]
    fn keys_are_made_once_signed_with_and_rotated_keeping_the_previous_one_published() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = ToolKeys::load_or_create(dir.path()).expect("made");
        let again = ToolKeys::load_or_create(dir.path()).expect("read");
        assert_eq!(first.kid(), again.kid(), "made once");
        let token = first
            .sign(&json!({"sub": "x", "exp": 4_000_000_000u64}))
            .expect("signed");
        let set: JwkSet = serde_json::from_value(first.jwks().clone()).expect("a JWKS");
        let jwk = set.find(first.kid()).expect("published");
        let mut v = Validation::new(Algorithm::RS256);
        v.required_spec_claims.clear();
        decode::<Value>(&token, &DecodingKey::from_jwk(jwk).expect("key"), &v).expect("verifies");

        let second = ToolKeys::rotate(dir.path()).expect("rotated");
        let third = ToolKeys::rotate(dir.path()).expect("rotated again");
        let now = ToolKeys::load_or_create(dir.path()).expect("read");
        assert_eq!(now.kid(), third);
        let kids: Vec<&str> = now.jwks()["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .filter_map(|k| k["kid"].as_str())
            .collect();
        assert_eq!(
            kids,
            vec![third.as_str(), second.as_str()],
            "the first key is retired"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(KEYS_FILE))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(!format!("{now:?}").contains("PRIVATE"));
        let own = now
            .sign(&json!({"aud": "me", "exp": 4_000_000_000u64}))
            .expect("signed");
        assert!(now.verify(&own, "me").is_ok());
        assert!(now.verify(&own, "someone else").is_err());
        assert!(
            first.verify(&own, "me").is_err(),
            "keys retired from this set do not verify"
        );
    }
}
