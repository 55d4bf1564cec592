// The Content Security Policy of the app's pages. Pure, so scripts/electronegativity.ts can evaluate it too.
// One literal (not assembled from parts) so it reads exactly as sent.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
