//! What every demo integration test needs to talk to a server over real HTTP.

/// A raw answer: status, lower-cased headers and body bytes.
pub struct Exchange {
    pub status: u16,
    pub headers: std::collections::HashMap<String, String>,
    pub body: Vec<u8>,
}

/// One request to `url`; redirects are not followed and error statuses are answers, not errors.
pub fn exchange(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Exchange {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .max_redirects(0)
        .build()
        .into();
    let mut b = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let res = match body {
        Some(bytes) => agent.run(b.body(bytes.to_vec()).expect("request")),
        None => agent.run(b.body(()).expect("request")),
    };
    let mut res = res.expect("HTTP exchange");
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                v.to_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut body = Vec::new();
    std::io::Read::read_to_end(
        &mut res.body_mut().with_config().limit(64 << 20).reader(),
        &mut body,
    )
    .expect("body");
    Exchange {
        status,
        headers,
        body,
    }
}
