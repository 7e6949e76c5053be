use super::*;
use serde_json::{json, Value};

fn app() -> App {
    App::new(1024, RuntimeInfo { worker_threads: 1, flavor: "current_thread" }, || None)
}

fn request(method: &str, path: &str, content_type: Option<&str>, body: impl Into<Bytes>) -> Request<Full<Bytes>> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(ct) = content_type {
        builder = builder.header(CONTENT_TYPE, ct);
    }
    builder.body(Full::new(body.into())).unwrap()
}

async fn call(app: &App, req: Request<Full<Bytes>>) -> (StatusCode, HeaderMap, Value) {
    let reply = handle(app, req).await;
    let (parts, body) = reply.into_parts();
    assert_eq!(parts.headers[CONTENT_TYPE], "application/json");
    let bytes = body.collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {bytes:?}"));
    (parts.status, parts.headers, value)
}

async fn status(app: &App, req: Request<Full<Bytes>>) -> StatusCode {
    let (status, _, body) = call(app, req).await;
    if !status.is_success() {
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{body}");
    }
    status
}

const JSON: Option<&str> = Some("application/json");
const TEXT: Option<&str> = Some("text/plain");
const BATCH: &str = r#"[{"key":"sensor-00042","ts":1764144000123,"value":12.5,"kind":"reading"}]"#;

#[tokio::test]
async fn health_names_the_implementation() {
    let (s, _, body) = call(&app(), request("GET", "/health", None, "")).await;
    assert_eq!((s, body), (StatusCode::OK, json!({"status":"ok","impl":"rust","version":"0.1.0"})));
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let app = app();
    for path in ["/", "/nope", "/health/", "/v1/keys/", "/v1/keys/a/b", "/v1/events/x", "/V1/stats"] {
        assert_eq!(status(&app, request("GET", path, None, "")).await, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(status(&app, request("POST", path, JSON, "[]")).await, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn wrong_method_is_405_with_allow() {
    let app = app();
    let (s, headers, _) = call(&app, request("GET", "/v1/events", JSON, "")).await;
    assert_eq!((s, &headers[ALLOW]), (StatusCode::METHOD_NOT_ALLOWED, &HeaderValue::from_static("POST")));
    let (s, headers, _) = call(&app, request("DELETE", "/v1/keys/a", None, "")).await;
    assert_eq!((s, &headers[ALLOW]), (StatusCode::METHOD_NOT_ALLOWED, &HeaderValue::from_static("GET, HEAD")));
    assert_eq!(status(&app, request("POST", "/v1/stats", JSON, "")).await, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn method_is_checked_before_content_type() {
    assert_eq!(
        status(&app(), request("PUT", "/v1/events", Some("text/html"), "x")).await,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn content_type_is_checked_case_insensitively_ignoring_parameters() {
    let app = app();
    for ct in ["application/json", "Application/JSON", "application/json; charset=utf-8", " application/json ;x=y"] {
        assert_eq!(status(&app, request("POST", "/v1/events", Some(ct), "[]")).await, StatusCode::OK, "{ct}");
    }
    for ct in [None, Some("text/plain"), Some("application/jsonx"), Some("application/json-seq")] {
        let s = status(&app, request("POST", "/v1/events", ct, "[]")).await;
        assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
    }
    assert_eq!(status(&app, request("POST", "/v1/reads", JSON, "")).await, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(status(&app, request("POST", "/v1/reads", Some("TEXT/PLAIN;charset=ascii"), "")).await, StatusCode::OK);
}

#[tokio::test]
async fn content_type_is_checked_before_size() {
    let big = vec![b'['; 2048];
    assert_eq!(status(&app(), request("POST", "/v1/events", TEXT, big)).await, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn oversize_body_is_413_and_drained() {
    let app = app();
    let (s, headers, _) = call(&app, request("POST", "/v1/events", JSON, vec![b' '; 1025])).await;
    assert_eq!((s, headers.get(CONNECTION)), (StatusCode::PAYLOAD_TOO_LARGE, None));
    assert_eq!(status(&app, request("POST", "/v1/reads", TEXT, vec![b'A'; 1025])).await, StatusCode::PAYLOAD_TOO_LARGE);
    // Exactly the limit is fine (it is then refused as JSON, not as size).
    assert_eq!(status(&app, request("POST", "/v1/events", JSON, vec![b' '; 1024])).await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn far_oversize_body_is_413_and_closes() {
    let (s, headers, _) = call(&app(), request("POST", "/v1/events", JSON, vec![b' '; 3 << 20])).await;
    assert_eq!((s, &headers[CONNECTION]), (StatusCode::PAYLOAD_TOO_LARGE, &HeaderValue::from_static("close")));
}

#[tokio::test]
async fn oversize_body_announced_with_expect_continue_is_413_and_closes() {
    let mut req = request("POST", "/v1/events", JSON, vec![b' '; 1025]);
    req.headers_mut().insert(EXPECT, HeaderValue::from_static("100-continue"));
    let (s, headers, _) = call(&app(), req).await;
    assert_eq!((s, &headers[CONNECTION]), (StatusCode::PAYLOAD_TOO_LARGE, &HeaderValue::from_static("close")));
}

#[tokio::test]
async fn size_is_checked_before_utf8() {
    assert_eq!(
        status(&app(), request("POST", "/v1/events", JSON, vec![0xff; 1025])).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn invalid_utf8_is_400_on_both_post_routes() {
    let app = app();
    assert_eq!(status(&app, request("POST", "/v1/events", JSON, &b"[\"\xff\"]"[..])).await, StatusCode::BAD_REQUEST);
    assert_eq!(
        status(&app, request("POST", "/v1/reads", TEXT, &b"@r\xc3\nA\n+\nI\n"[..])).await,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn events_round_trip_through_keys_and_stats() {
    let app = app();
    let (s, _, body) = call(&app, request("POST", "/v1/events", JSON, BATCH)).await;
    assert_eq!((s, body), (StatusCode::OK, json!({"accepted":1,"rejected":0,"errors":[]})));
    let (s, _, body) = call(&app, request("GET", "/v1/keys/sensor-00042?x=1", None, "")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        body,
        json!({"key":"sensor-00042","count":1,"sum":12.5,"min":12.5,"max":12.5,"mean":12.5,"last":12.5,
               "last_ts":1764144000123u64,"alerts":0,"window":[12.5],"median":12.5})
    );
    let (_, _, body) = call(&app, request("GET", "/v1/stats", None, "")).await;
    assert_eq!(body, json!({"keys":1,"events":1,"reads":0}));
}

#[tokio::test]
async fn response_fields_keep_the_specified_order() {
    let app = app();
    let reply = handle(&app, request("POST", "/v1/events", JSON, "[1]")).await;
    let bytes = reply.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&bytes[..], br#"{"accepted":0,"rejected":1,"errors":[{"index":0,"reason":"type"}]}"#);
}

#[tokio::test]
async fn unknown_key_is_404_with_its_own_message() {
    let (s, _, body) = call(&app(), request("GET", "/v1/keys/missing", None, "")).await;
    assert_eq!((s, body), (StatusCode::NOT_FOUND, json!({"error":"unknown key"})));
}

#[tokio::test]
async fn key_path_segment_is_not_percent_decoded() {
    let app = app();
    status(&app, request("POST", "/v1/events", JSON, r#"[{"key":"a-b","ts":1,"value":1,"kind":"reading"}]"#)).await;
    assert_eq!(status(&app, request("GET", "/v1/keys/a%2Db", None, "")).await, StatusCode::NOT_FOUND);
    assert_eq!(status(&app, request("GET", "/v1/keys/a-b", None, "")).await, StatusCode::OK);
}

#[tokio::test]
async fn malformed_batch_applies_nothing() {
    let app = app();
    let body = r#"[{"key":"a","ts":1,"value":1,"kind":"reading"},"#;
    assert_eq!(status(&app, request("POST", "/v1/events", JSON, body)).await, StatusCode::BAD_REQUEST);
    assert_eq!(status(&app, request("POST", "/v1/events", JSON, "{}")).await, StatusCode::BAD_REQUEST);
    let (_, _, stats) = call(&app, request("GET", "/v1/stats", None, "")).await;
    assert_eq!(stats, json!({"keys":0,"events":0,"reads":0}));
}

#[tokio::test]
async fn fastq_error_names_record_and_reason() {
    let app = app();
    let (s, _, body) = call(&app, request("POST", "/v1/reads", TEXT, "@r\nACGT\n+\nIIII\nx\n")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!((&body["record"], &body["reason"]), (&json!(2), &json!("header")));
    assert!(body["error"].as_str().is_some_and(|e| e.contains("record 2")));
    let (_, _, stats) = call(&app, request("GET", "/v1/stats", None, "")).await;
    assert_eq!(stats["reads"], 0);
}

#[tokio::test]
async fn reads_grow_the_reads_counter() {
    let app = app();
    let (s, _, body) = call(&app, request("POST", "/v1/reads", TEXT, "@r\nACGT\n+\nIIII\n@s\nA\n+\n!\n")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        body,
        json!({"reads":2,"bases":5,"gc_bases":2,"n_bases":0,"quality_sum":160,"q20_reads":1,
               "kmers":0,"distinct_kmers":0,"top_kmers":[]})
    );
    let (_, _, stats) = call(&app, request("GET", "/v1/stats", None, "")).await;
    assert_eq!(stats["reads"], 2);
}

#[tokio::test]
async fn reset_clears_state_and_ignores_the_body() {
    let app = app();
    status(&app, request("POST", "/v1/events", JSON, BATCH)).await;
    let (s, _, body) = call(&app, request("POST", "/v1/reset", Some("x/y"), vec![0xff; 4096])).await;
    assert_eq!((s, body), (StatusCode::OK, json!({"reset":true})));
    let (_, _, stats) = call(&app, request("GET", "/v1/stats", None, "")).await;
    assert_eq!(stats, json!({"keys":0,"events":0,"reads":0}));
}

#[tokio::test]
async fn metrics_say_there_is_no_collector() {
    let (s, _, body) = call(&app(), request("GET", "/metrics", None, "")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body["impl"], "rust");
    assert!(body["runtime"].as_str().is_some_and(|r| r.starts_with("rustc ")));
    assert!(body["uptime_s"].is_f64());
    assert_eq!(body["heap_bytes"], Value::Null);
    assert_eq!(
        body["gc"],
        json!({"collector":false,"count":0,"pause_total_ns":0,"pauses":[],
               "cycles":[],"cycles_until_unix_ns":null,"cycle_in_progress":null})
    );
    assert_eq!(body["extra"], json!({"worker_threads":1,"runtime_flavor":"current_thread"}));
}

#[tokio::test]
async fn head_is_answered_like_get() {
    assert_eq!(status(&app(), request("HEAD", "/health", None, "")).await, StatusCode::OK);
}
