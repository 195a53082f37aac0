//! A 10 MB download read as a stream is never held whole: the peak of the
//! heap while it streams stays far below the body's size, while reading the
//! same body whole needs all of it. Its own test binary, with one test, so
//! that the counting allocator sees nothing else.

#[path = "../../support/server.rs"]
mod server;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use fixture_clients::streams_client::Client;
use server::{Chunk, Reply, TestServer};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const BODY: usize = 10 * 1024 * 1024;
const PIECE: usize = 64 * 1024;

/// The heap's growth above what was in use when `measure` began.
async fn peak_growth<F: std::future::Future<Output = usize>>(run: F) -> (usize, usize) {
    let base = IN_USE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let read = run.await;
    (read, PEAK.load(Ordering::SeqCst) - base)
}

#[tokio::test]
async fn a_ten_megabyte_download_streams_in_little_memory() {
    // The server sends one shared piece again and again, so that what the
    // heap holds is the client's.
    let piece = std::sync::Arc::new(vec![1u8; PIECE]);
    let server = TestServer::start(move |_| {
        let chunks = (0..BODY / PIECE)
            .map(|_| Chunk::shared(piece.clone()))
            .collect();
        Reply::streamed(200, "audio/wav", chunks)
    })
    .await;
    let client = Client::builder().base_url(&server.url).build().unwrap();

    let (streamed, streaming_peak) = peak_growth(async {
        let mut body = client
            .download_recording_stream("r1")
            .await
            .unwrap()
            .into_inner();
        let mut read = 0;
        while let Some(chunk) = body.next().await {
            read += chunk.unwrap().len();
        }
        read
    })
    .await;
    let (whole, whole_peak) =
        peak_growth(async { client.download_recording("r1").await.unwrap().len() }).await;

    assert_eq!(streamed, BODY);
    assert_eq!(whole, BODY);
    println!(
        "peak heap growth: streamed {streaming_peak} bytes, whole {whole_peak} bytes, body {BODY}"
    );
    assert!(
        streaming_peak < BODY / 10,
        "streaming held {streaming_peak} bytes of a {BODY}-byte body"
    );
    // The control: the same body read whole is held whole.
    assert!(
        whole_peak >= BODY,
        "reading whole held only {whole_peak} bytes"
    );
}
