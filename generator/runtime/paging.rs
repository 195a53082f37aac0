//! Streams over paged operations: the items of every page, each page
//! fetched only when the stream reaches it.

use std::future::Future;

use futures_util::stream::{self, Stream, TryStreamExt};

/// The items of every page. `fetch` sends one page's request and returns
/// its items and the next page's request (`None` after the last page); the
/// stream ends there, or with the first error (after the items before it).
pub fn items<P, I, E, F, Fut>(first: P, fetch: F) -> impl Stream<Item = Result<I, E>>
where
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<(Vec<I>, Option<P>), E>>,
{
    stream::try_unfold((fetch, Some(first)), |(mut fetch, request)| async move {
        let Some(request) = request else {
            return Ok(None);
        };
        let (items, next) = fetch(request).await?;
        Ok(Some((items, (fetch, next))))
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
}
