"""What every page of the site may load and tell other sites: the Content-Security-Policy and the
referrer policy. The Sphinx pages (book.sphinx.page), the front page (book.website) and the local
server's headers (book.serve) all use these, so the policy is written once. No Sphinx here, so
`python -m book check` does not import it for a constant."""

# Nothing may be loaded from another host; no page tells another site which page linked to it.
# No inline script, handler, style or eval() runs either: every script and style is a file of the
# site (Sphinx's settings are documentation_options.js; the search page's messages are
# search-messages.js, written per language, in place of Sphinx's translations.js, which compiles
# its plural rule with new Function()).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
                           "frame-src 'none'; base-uri 'self'; form-action 'self'")
PRIVACY_META = (f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
                '<meta name="referrer" content="no-referrer">')
