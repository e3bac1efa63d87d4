//! `textDocument/hover`: the findings under the cursor, explained.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverParams};

use crate::features;
use crate::server::Backend;

pub async fn hover(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let pos = at.position;
    Ok(backend
        .with_view(&at.text_document.uri, "hover", move |v| {
            features::hover(v, pos)
        })
        .await
        .flatten())
}
