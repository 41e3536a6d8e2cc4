//! The LRS over HTTP: one `fetch` wrapper that every xAPI call goes through.
//! gloo-net has no `keepalive`, which the last send on `pagehide` needs, so
//! this uses the browser's fetch directly.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::launch::lms::Connection;
use crate::xapi::Version;

/// Longest wait for an LRS answer, in milliseconds.
const TIMEOUT_MS: i32 = 20_000;

/// What the LRS answered. `status` is `None` when no answer came (offline, refused, dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: Option<u16>,
    /// Body text (empty when none).
    pub body: String,
    /// The `ETag` header, for document concurrency.
    pub etag: Option<String>,
    /// `X-Experience-API-Consistent-Through`: statements stored up to then are all visible.
    pub consistent_through: Option<String>,
}

impl Answer {
    /// No answer came.
    fn none() -> Answer {
        Answer {
            status: None,
            body: String::new(),
            etag: None,
            consistent_through: None,
        }
    }
}

/// An LRS the widget may talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lrs {
    /// Endpoint ending in `/`.
    pub endpoint: String,
    /// Authorization header value (a credential: never logged or shown).
    auth: String,
    /// Version header.
    pub version: Version,
    /// Requests under way, shared by every copy of this LRS handle.
    busy: Rc<Cell<u32>>,
}

/// A request to the LRS.
#[derive(Debug, Clone, Default)]
pub struct Call<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Resource and query, relative to the endpoint, e.g. `statements`.
    pub path: &'a str,
    /// Body, sent as JSON.
    pub body: Option<&'a str>,
    /// `If-Match` value.
    pub if_match: Option<&'a str>,
    /// Send `If-None-Match: *` (create only).
    pub create_only: bool,
    /// Let the request outlive the page (for the last send on `pagehide`).
    pub keepalive: bool,
}

impl Lrs {
    /// The LRS of a checked connection.
    pub fn new(connection: &Connection) -> Lrs {
        Lrs {
            endpoint: connection.endpoint.clone(),
            auth: connection.auth.clone(),
            version: connection.version,
            busy: Rc::default(),
        }
    }

    /// Whether any request to this LRS is under way (from any copy of the handle).
    pub fn busy(&self) -> bool {
        self.busy.get() > 0
    }

    /// The secret the dashboard keys learner pseudonyms with: this credential, so whoever
    /// reads an exported table without it cannot recompute a known person's pseudonym.
    pub fn pseudonym_key(&self) -> &[u8] {
        self.auth.as_bytes()
    }

    /// Replaces the credential (cmi5 fetches it after launch).
    pub fn with_auth(mut self, auth: String) -> Lrs {
        self.auth = auth;
        self
    }

    /// Sends one request; never fails, a missing answer is `status: None`.
    pub async fn send(&self, call: Call<'_>) -> Answer {
        let url = format!("{}{}", self.endpoint, call.path);
        self.send_to(&url, call).await
    }

    /// Sends a GET of `path` (resource and query, relative to the endpoint).
    pub async fn get(&self, path: &str) -> Answer {
        self.send(Call {
            method: "GET",
            path,
            ..Call::default()
        })
        .await
    }

    /// Sends a GET to an absolute URL on the same LRS (a `more` link), with the same credentials.
    pub async fn get_url(&self, url: &str) -> Answer {
        let call = Call {
            method: "GET",
            ..Call::default()
        };
        self.send_to(url, call).await
    }

    /// Sends one request to an absolute URL of the same service (its calendar feeds, beside
    /// the LRS), with the same credentials; `call.path` is not used.
    pub async fn send_to(&self, url: &str, call: Call<'_>) -> Answer {
        self.busy.set(self.busy.get() + 1);
        let result = self.try_send_to(url, &call).await;
        self.busy.set(self.busy.get().saturating_sub(1));
        match result {
            Ok(answer) => answer,
            Err(_) => Answer::none(),
        }
    }

    /// A GET to an absolute URL of the same service that may take up to `timeout_ms` (the
    /// service's dashboard figures, worked out on the first request after it starts).
    pub async fn get_url_waiting(&self, url: &str, timeout_ms: i32) -> Answer {
        let call = Call {
            method: "GET",
            ..Call::default()
        };
        match self.try_send_within(url, &call, timeout_ms).await {
            Ok(answer) => answer,
            Err(_) => Answer::none(),
        }
    }

    async fn try_send_to(&self, url: &str, call: &Call<'_>) -> Result<Answer, JsValue> {
        self.try_send_within(url, call, TIMEOUT_MS).await
    }

    async fn try_send_within(
        &self,
        url: &str,
        call: &Call<'_>,
        timeout_ms: i32,
    ) -> Result<Answer, JsValue> {
        let headers = web_sys::Headers::new()?;
        headers.set("Authorization", &self.auth)?;
        headers.set("X-Experience-API-Version", self.version.header())?;
        if call.body.is_some() {
            headers.set("Content-Type", "application/json")?;
        }
        if let Some(etag) = call.if_match {
            headers.set("If-Match", etag)?;
        }
        if call.create_only {
            headers.set("If-None-Match", "*")?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method(call.method);
        // Documents come with Last-Modified, which lets a browser answer a later GET from its
        // cache: a teammate's change, or the plan another device wrote, would go unseen.
        init.set_cache(web_sys::RequestCache::NoStore);
        init.set_headers(&headers);
        if let Some(body) = call.body {
            init.set_body(&JsValue::from_str(body));
        }
        if call.keepalive {
            js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE)?;
        }
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        // No LRS answer may hold the widget forever (a stalled connection, a sign-in prompt
        // nobody can answer): give up after TIMEOUT_MS, which counts as "no answer".
        let controller = web_sys::AbortController::new()?;
        init.set_signal(Some(&controller.signal()));
        let abort = wasm_bindgen::closure::Closure::once(move || controller.abort());
        let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            timeout_ms,
        )?;
        let result = self.fetch(&window, url, &init).await;
        window.clear_timeout_with_handle(timer);
        drop(abort);
        result
    }

    async fn fetch(
        &self,
        window: &web_sys::Window,
        url: &str,
        init: &web_sys::RequestInit,
    ) -> Result<Answer, JsValue> {
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
            .await?
            .dyn_into()?;
        let etag = response.headers().get("ETag").ok().flatten();
        let consistent_through = response
            .headers()
            .get("X-Experience-API-Consistent-Through")
            .ok()
            .flatten();
        let body = body(&response).await?;
        Ok(Answer {
            status: Some(response.status()),
            body,
            etag,
            consistent_through,
        })
    }
}

/// The body as text, as the learner's widget reads every answer.
#[cfg(not(feature = "admin"))]
async fn body(response: &web_sys::Response) -> Result<String, JsValue> {
    Ok(JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default())
}

/// The body as the dashboard reads pages of up to 500 statements: the bytes, copied once into
/// wasm memory. `text()` decodes them to a JS string that is then encoded back to UTF-8 on its
/// way in, a tenth of the dashboard's time on a million statements; learners' bundles keep
/// `text()`, which costs them no code. Decoded as `text()` does: replacement characters, no BOM.
#[cfg(feature = "admin")]
async fn body(response: &web_sys::Response) -> Result<String, JsValue> {
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Encodes a query string (`agent` JSON and ids need escaping).
pub fn query(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}
