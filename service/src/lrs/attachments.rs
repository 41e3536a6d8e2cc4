//! Statement attachments sent with the statements (xAPI 1.0.3 Data 2.4.11,
//! Communication 1.5.2): a `multipart/mixed` body whose first part is the
//! statements and whose other parts are attachment contents, each named by
//! its SHA-2 hash; and signed statements, whose signature is such an
//! attachment holding a JWS (Data 2.6). Parsing is multer's; the rules here
//! are pure and return plain reasons for a 400.

use base64::Engine;
use serde_json::Value;
use sha2::Digest;

use super::ApiError;

/// The usage type of a statement signature.
pub const SIGNATURE: &str = "http://adlnet.gov/expapi/attachments/signature";

/// One part of a multipart request after the statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its `Content-Type`.
    pub content_type: String,
    /// Its `X-Experience-API-Hash`.
    pub hash: Option<String>,
    /// Its `Content-Transfer-Encoding`.
    pub encoding: Option<String>,
    /// The content.
    pub body: Vec<u8>,
}

/// An attachment content to keep, by the hash statements name it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// Lower-case hex SHA-2.
    pub sha2: String,
    /// Its content type.
    pub content_type: String,
    /// The bytes.
    pub body: Vec<u8>,
}

/// The boundary of a `multipart/mixed` Content-Type; `None` for any other type.
pub fn boundary(content_type: &str) -> Option<Result<String, ApiError>> {
    let mut pieces = content_type.split(';');
    let essence = pieces.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/mixed") {
        return None;
    }
    let found = pieces.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
    });
    Some(found.filter(|b| !b.is_empty()).ok_or_else(|| {
        ApiError::bad_request("a multipart/mixed Content-Type must name its boundary")
    }))
}

/// Splits a multipart body into the statements' JSON and the other parts.
pub async fn split(
    body: axum::body::Bytes,
    boundary: &str,
) -> Result<(Vec<u8>, Vec<Part>), ApiError> {
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let bad = |e: multer::Error| {
        ApiError::bad_request(format!("the multipart body could not be read: {e}"))
    };
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let header = |name: &str| {
            field
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_string())
        };
        let content_type = header("content-type").unwrap_or_default();
        let hash = header("x-experience-api-hash");
        let encoding = header("content-transfer-encoding");
        let body = field.bytes().await.map_err(bad)?.to_vec();
        parts.push(Part {
            content_type,
            hash,
            encoding,
            body,
        });
    }
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Err(ApiError::bad_request(
            "the multipart body has no parts; the first must be the statements",
        ));
    };
    let media = first
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media != "application/json" {
        return Err(ApiError::bad_request(
            "the first part of a multipart body must be the statements, as application/json",
        ));
    }
    Ok((first.body, parts.collect()))
}

/// The hex SHA-2 of `bytes` with the length `like` has (SHA-256, -384 or -512).
fn sha2_like(like: &str, bytes: &[u8]) -> Option<String> {
    let hex = |d: &[u8]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
    match like.len() {
        64 => Some(hex(&sha2::Sha256::digest(bytes))),
        96 => Some(hex(&sha2::Sha384::digest(bytes))),
        128 => Some(hex(&sha2::Sha512::digest(bytes))),
        _ => None,
    }
}

/// Every attachment the statements declare, with its statement's index.
fn declared(statements: &[&Value]) -> Vec<(usize, Value)> {
    statements
        .iter()
        .enumerate()
        .flat_map(|(i, st)| {
            st.get("attachments")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(move |a| (i, a.clone()))
        })
        .collect()
}

/// Checks the parts against the statements: every part's hash is its content's and names an
/// attachment a statement declares; every attachment without `fileUrl` has its part; every
/// signature is a well-formed JWS (RS256/384/512) over the statement. Returns what to keep.
pub fn check(statements: &[&Value], parts: &[Part], v2: bool) -> Result<Vec<Content>, ApiError> {
    let declared = declared(statements);
    let mut kept: Vec<Content> = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        let at = format!("attachment part {}", n + 2);
        let Some(hash) = part.hash.as_deref().map(str::to_ascii_lowercase) else {
            return Err(ApiError::bad_request(format!(
                "{at} has no X-Experience-API-Hash header"
            )));
        };
        // 1.0.3 asks for the header; 2.0.0 lets it be left out, but never anything but binary.
        let binary = match part.encoding.as_deref() {
            Some(e) => e.eq_ignore_ascii_case("binary"),
            None => v2,
        };
        if !binary {
            return Err(ApiError::bad_request(format!(
                "{at} must say Content-Transfer-Encoding: binary"
            )));
        }
        match sha2_like(&hash, &part.body) {
            Some(actual) if actual == hash => {}
            Some(_) => {
                return Err(ApiError::bad_request(format!(
                    "{at}: X-Experience-API-Hash does not match its content"
                )))
            }
            None => {
                return Err(ApiError::bad_request(format!(
                    "{at}: X-Experience-API-Hash is not a SHA-256, -384 or -512 hex digest"
                )))
            }
        }
        if !declared.iter().any(|(_, a)| {
            a.get("sha2")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref()
                == Some(hash.as_str())
        }) {
            return Err(ApiError::bad_request(format!(
                "{at} is not an attachment any statement declares (no sha2 {hash})"
            )));
        }
        if !kept.iter().any(|k| k.sha2 == hash) {
            kept.push(Content {
                sha2: hash,
                content_type: part.content_type.clone(),
                body: part.body.clone(),
            });
        }
    }
    for (i, a) in &declared {
        let sha2 = a
            .get("sha2")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let is_signature = a.get("usageType").and_then(Value::as_str) == Some(SIGNATURE);
        let Some(content) = kept.iter().find(|k| k.sha2 == sha2) else {
            // Content may stay behind its fileUrl; a signature must be sent to be checked.
            if a.get("fileUrl").is_some() && !is_signature {
                continue;
            }
            return Err(ApiError::bad_request(format!(
                "statement {i} declares an attachment (sha2 {sha2}) with no fileUrl and no part carrying it"
            )));
        };
        if is_signature {
            signature(statements[*i], a, content).map_err(|why| {
                ApiError::bad_request(format!("statement {i}'s signature: {why}"))
            })?;
        }
    }
    Ok(kept)
}

/// A signature attachment: `application/octet-stream`, a compact JWS with alg RS256, RS384
/// or RS512 whose payload is the statement as it was signed (without attachments).
fn signature(statement: &Value, attachment: &Value, content: &Content) -> Result<(), String> {
    if attachment.get("contentType").and_then(Value::as_str) != Some("application/octet-stream") {
        return Err("its contentType must be application/octet-stream".into());
    }
    let text =
        std::str::from_utf8(&content.body).map_err(|_| "it is not a JWS (not text)".to_string())?;
    let header =
        jsonwebtoken::decode_header(text.trim()).map_err(|e| format!("it is not a JWS ({e})"))?;
    use jsonwebtoken::Algorithm::{RS256, RS384, RS512};
    if !matches!(header.alg, RS256 | RS384 | RS512) {
        return Err(format!(
            "its algorithm is {:?}; xAPI allows RS256, RS384 and RS512",
            header.alg
        ));
    }
    if let Some(chain) = &header.x5c {
        verify_with_certificate(text.trim(), header.alg, chain)?;
    }
    let payload = text
        .trim()
        .split('.')
        .nth(1)
        .ok_or("it is not a compact JWS")?;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| "its payload is not base64url".to_string())?;
    let signed: Value = serde_json::from_slice(&payload)
        .map_err(|_| "its payload is not a JSON serialization of the statement".to_string())?;
    let mut received = comparable(statement);
    // The LRS gives a statement sent without an id its id: the signed form had none.
    if signed.get("id").is_none() {
        if let Some(obj) = received.as_object_mut() {
            obj.remove("id");
        }
    }
    if comparable(&signed) != received {
        return Err("its payload is not the statement it is attached to".into());
    }
    Ok(())
}

/// The signature checked against the first certificate of the JWS's `x5c` chain (RFC 7515
/// 4.1.6): a signer who names a certificate must have signed with its key.
fn verify_with_certificate(
    jws: &str,
    alg: jsonwebtoken::Algorithm,
    chain: &[String],
) -> Result<(), String> {
    let first = chain.first().ok_or("its x5c certificate chain is empty")?;
    let der = base64::engine::general_purpose::STANDARD
        .decode(first)
        .map_err(|_| "its x5c certificate is not base64".to_string())?;
    let (_, cert) = x509_parser::parse_x509_certificate(&der)
        .map_err(|_| "its x5c certificate is not an X.509 certificate".to_string())?;
    let key = jsonwebtoken::DecodingKey::from_rsa_der(&cert.public_key().subject_public_key.data);
    let mut validation = jsonwebtoken::Validation::new(alg);
    // A statement is not a set of JWT claims: only the signature is checked here.
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    jsonwebtoken::decode::<Value>(jws, &key, &validation)
        .map(|_| ())
        .map_err(|_| "it does not verify against the certificate it names (x5c)".to_string())
}

/// A statement as a signature compares it: without attachments or what the LRS adds, and
/// durations to the hundredth of a second (Data 4.2.7).
fn comparable(st: &Value) -> Value {
    let mut st = st.clone();
    if let Some(obj) = st.as_object_mut() {
        for key in ["attachments", "authority", "stored", "version"] {
            obj.remove(key);
        }
        if let Some(Value::String(d)) = obj.get_mut("result").and_then(|r| r.get_mut("duration")) {
            *d = hundredths(d);
        }
    }
    st
}

/// `PT1.2345S` as `PT1.23S`: precision beyond 0.01 s is not compared.
fn hundredths(duration: &str) -> String {
    let Some(dot) = duration.rfind('.') else {
        return duration.to_string();
    };
    let digits: String = duration[dot + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() <= 2 {
        return duration.to_string();
    }
    format!(
        "{}.{}{}",
        &duration[..dot],
        &digits[..2],
        &duration[dot + 1 + digits.len()..]
    )
}

/// The sha2 hashes the statements' attachments name, each once, for `attachments=true`.
pub fn named(statements: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for st in statements {
        for a in st
            .get("attachments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(h) = a.get("sha2").and_then(Value::as_str) {
                let h = h.to_ascii_lowercase();
                if !out.contains(&h) {
                    out.push(h);
                }
            }
        }
    }
    out
}

/// A `multipart/mixed` answer: the JSON first, then each content (Communication 2.1.3).
pub fn answer(json: &str, contents: &[Content], boundary: &str) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(json.len() + contents.iter().map(|c| c.body.len() + 200).sum::<usize>());
    out.extend_from_slice(
        format!("--{boundary}\r\nContent-Type: application/json\r\n\r\n").as_bytes(),
    );
    out.extend_from_slice(json.as_bytes());
    for c in contents {
        out.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-Type: {}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {}\r\n\r\n",
                c.content_type, c.sha2
            )
            .as_bytes(),
        );
        out.extend_from_slice(&c.body);
    }
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn sha256(b: &[u8]) -> String {
        sha2_like(&"0".repeat(64), b).expect("sha256")
    }

    fn with_attachment(sha2: &str, usage: &str, content_type: &str) -> Value {
        json!({"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://example.com/v"},
            "object": {"id": "http://example.com/a"},
            "attachments": [{"usageType": usage, "display": {"en-US": "x"}, "contentType": content_type, "length": 5, "sha2": sha2}]})
    }

    fn part(body: &[u8], hash: &str) -> Part {
        Part {
            content_type: "text/plain".into(),
            hash: Some(hash.into()),
            encoding: Some("binary".into()),
            body: body.to_vec(),
        }
    }

    #[test]
    fn parts_must_match_what_statements_declare() {
        let h = sha256(b"hello");
        let st = with_attachment(&h, "http://example.com/usage", "text/plain");
        let kept = check(&[&st], &[part(b"hello", &h)], false).expect("valid");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].sha2, h);
        let msg =
            |r: Result<Vec<Content>, ApiError>| r.err().map(|e| e.message).unwrap_or_default();
        assert!(msg(check(&[&st], &[part(b"hellO", &h)], false)).contains("does not match"));
        assert!(msg(check(&[&st], &[], false)).contains("no part carrying it"));
        let other = sha256(b"other");
        assert!(msg(check(
            &[&st],
            &[part(b"hello", &h), part(b"other", &other)],
            false
        ))
        .contains("not an attachment any statement declares"));
        let mut no_encoding = part(b"hello", &h);
        no_encoding.encoding = None;
        assert!(msg(check(&[&st], &[no_encoding.clone()], false)).contains("binary"));
        assert!(
            check(&[&st], &[no_encoding], true).is_ok(),
            "2.0.0 does not ask for the header"
        );
        let mut base64 = part(b"hello", &h);
        base64.encoding = Some("base64".into());
        assert!(
            check(&[&st], &[base64], true).is_err(),
            "but it may only say binary"
        );
    }

    fn jws(alg: &str, payload: &Value) -> String {
        let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        format!(
            "{}.{}.{}",
            b64(json!({"alg": alg}).to_string().as_bytes()),
            b64(payload.to_string().as_bytes()),
            b64(b"sig")
        )
    }

    #[test]
    fn signatures_are_jws_over_the_statement() {
        let plain = json!({"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://example.com/v"},
            "object": {"id": "http://example.com/a"}, "result": {"duration": "PT1.2345S"}});
        for (alg, payload, ok) in [
            ("RS256", plain.clone(), true),
            ("RS512", plain.clone(), true),
            ("HS256", plain.clone(), false),
            (
                "RS256",
                json!({"actor": {"mbox": "mailto:someone-else@example.com"}}),
                false,
            ),
        ] {
            let sig = jws(alg, &payload);
            let h = sha256(sig.as_bytes());
            let mut st = with_attachment(&h, SIGNATURE, "application/octet-stream");
            st["result"] = json!({"duration": "PT1.23S"});
            let mut p = part(sig.as_bytes(), &h);
            p.content_type = "application/octet-stream".into();
            assert_eq!(check(&[&st], &[p], false).is_ok(), ok, "{alg} {payload}");
        }
        // The content type must be octet-stream, and the content a JWS.
        let sig = jws("RS256", &plain);
        let h = sha256(sig.as_bytes());
        let st = with_attachment(&h, SIGNATURE, "text/plain");
        assert!(check(&[&st], &[part(sig.as_bytes(), &h)], false).is_err());
        let h = sha256(b"not a jws");
        let st = with_attachment(&h, SIGNATURE, "application/octet-stream");
        assert!(check(&[&st], &[part(b"not a jws", &h)], false).is_err());
    }

    #[test]
    fn a_signature_naming_a_certificate_must_verify_against_it() {
        let key = jsonwebtoken::EncodingKey::from_rsa_pem(include_bytes!(
            "../../tests/fixtures/jws-signer-test-key.pem"
        ))
        .expect("test key");
        let cert = include_str!("../../tests/fixtures/jws-signer-test-cert.b64")
            .trim()
            .to_string();
        let st = json!({"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://example.com/v"}, "object": {"id": "http://example.com/a"}});
        let signed = |payload: &Value, x5c: Vec<String>| {
            let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
            header.x5c = Some(x5c);
            jsonwebtoken::encode(&header, payload, &key).expect("signs")
        };
        let run = |sig: String| {
            let h = sha256(sig.as_bytes());
            let mut with = with_attachment(&h, SIGNATURE, "application/octet-stream");
            with.as_object_mut().expect("object").remove("result");
            let mut p = part(sig.as_bytes(), &h);
            p.content_type = "application/octet-stream".into();
            check(&[&with], &[p], false)
                .map(|_| ())
                .map_err(|e| e.message)
        };
        assert_eq!(run(signed(&st, vec![cert.clone()])), Ok(()));
        // A tampered signature does not verify against the certificate it names.
        let good = signed(&st, vec![cert.clone()]);
        let (head, _) = good.rsplit_once('.').expect("three parts");
        assert!(run(format!("{head}.AAAA")).unwrap_err().contains("x5c"));
        assert!(run(signed(&st, vec!["bm90IGEgY2VydA==".into()]))
            .unwrap_err()
            .contains("X.509"));
    }

    #[test]
    fn answers_and_boundaries() {
        assert_eq!(boundary("application/json").map(|r| r.is_ok()), None);
        assert_eq!(
            boundary("multipart/mixed; boundary=\"abc\"").and_then(Result::ok),
            Some("abc".into())
        );
        assert!(boundary("multipart/mixed").is_some_and(|r| r.is_err()));
        let c = Content {
            sha2: "ab".into(),
            content_type: "text/plain".into(),
            body: b"hi".to_vec(),
        };
        let text = String::from_utf8(answer("{}", &[c], "B")).expect("utf8");
        assert!(text.starts_with("--B\r\nContent-Type: application/json\r\n\r\n{}\r\n--B\r\n"));
        assert!(text.contains("X-Experience-API-Hash: ab\r\n\r\nhi\r\n--B--"));
        assert_eq!(hundredths("PT1.2345S"), "PT1.23S");
        assert_eq!(hundredths("P1D"), "P1D");
    }

    #[tokio::test]
    async fn a_body_like_adls_suite_sends_is_split() {
        let body = "\r\n--b1\r\nContent-Type:application/json\r\n\r\n{\"a\":1}\r\n--b1\r\nContent-Type:text/plain\r\nContent-Transfer-Encoding:binary\r\nX-Experience-API-Hash:abc\r\n\r\nhello\r\n--b1--";
        let (json, parts) = split(axum::body::Bytes::from(body), "b1")
            .await
            .expect("splits");
        assert_eq!(json, b"{\"a\":1}");
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].body, b"hello");
        assert_eq!(parts[0].hash.as_deref(), Some("abc"));
    }
}
