// The headers every page Kakanai serves carries, on the kiosk's browser host and on the city hall alike: a strict CSP
// with no inline scripts, no framing, no referrer, no sniffing; HSTS wherever the page comes over TLS.

// pdf.js runs its worker from a same-origin file and draws pages on canvases it may turn into blob: images.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
};

/** HSTS under TLS: a year, the value browsers' preload rules expect. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** What a page or answer sent over TLS carries: the security headers and HSTS. */
export const TLS_SECURITY_HEADERS: Readonly<Record<string, string>> = { ...SECURITY_HEADERS, 'Strict-Transport-Security': HSTS };
