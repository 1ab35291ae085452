"""One module per kind of unit document; each calls `core.register(DocumentKind(...))` when imported."""
