//! `textDocument/codeAction`: quick fixes for the findings in a range.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CodeActionKind, CodeActionParams, CodeActionResponse};

use crate::features;
use crate::server::Backend;

pub async fn code_action(
    backend: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let wants_quickfix = params.context.only.as_ref().is_none_or(|only| {
        only.iter()
            .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
    });
    if !wants_quickfix {
        return Ok(None);
    }
    let uri = params.text_document.uri;
    let range = params.range;
    let job_uri = uri.clone();
    let actions = backend
        .with_view(&uri, "codeAction", move |v| {
            features::code_actions(v, &job_uri, range)
        })
        .await;
    Ok(actions.filter(|a| !a.is_empty()))
}
