// A typed client for /api/v1/: every response type comes from api-types.d.ts, which
// openapi-typescript generates from the site's OpenAPI document (`make frontend-types`).

import { API_BASE } from "./config.js";

/** @typedef {import('./api-types').paths} Paths */
/** @typedef {import('./api-types').components['schemas']} Schemas */
/** @typedef {Schemas['AnalysisDetail']} AnalysisDetail */
/** @typedef {Schemas['AnalysisCard']} AnalysisCard */
/** @typedef {Schemas['AnalysisList']} AnalysisList */
/** @typedef {Schemas['ExpertDetail']} ExpertDetail */
/** @typedef {Schemas['PageDetail']} PageDetail */
/** @typedef {Schemas['EventDetail']} EventDetail */
/** @typedef {Schemas['Taxonomy']} Taxonomy */
/** @typedef {Schemas['ImagePayload']} ImagePayload */
/** @typedef {AnalysisDetail['body'][number]} BodyBlock */
/** @typedef {Schemas['AnalysisResult'] | Schemas['ExpertResult'] | Schemas['OtherPageResult']} PageResult */
/** @typedef {NonNullable<import('./api-types').operations['listAnalysis']['parameters']['query']>} AnalysisQuery */
/** @typedef {Schemas['ParameterError'] | Schemas['NotFoundError'] | Schemas['PreviewTokenError']} ErrorBody */

/**
 * The JSON body of a successful GET on `P`.
 * @template {keyof Paths} P
 * @typedef {Paths[P]['get']['responses'][200]['content']['application/json']} Ok
 */

/** An answer other than 200, with the API's JSON error body. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {ErrorBody | null} body
   */
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * The API's origin: `?api=` when it is an http(s) URL, else config.js, else this origin.
 * @param {URLSearchParams} params
 * @returns {string}
 */
export function apiBase(params) {
  const requested = params.get("api");
  if (requested) {
    try {
      const url = new URL(requested);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {
      // Not a URL: fall back to the configured base rather than fetching something odd.
    }
  }
  return (API_BASE || window.location.origin).replace(/\/$/, "");
}

/**
 * GET an endpoint. Array values repeat the parameter (`?region=a&region=b`); empty ones are
 * left out. Rejects with ApiError on any status but 200.
 * @template {keyof Paths} P
 * @param {string} base
 * @param {P} path
 * @param {Record<string, string | number | string[] | null | undefined>} [query]
 * @param {Record<string, string | number>} [pathParams]
 * @returns {Promise<Ok<P>>}
 */
export async function get(base, path, query = {}, pathParams = {}) {
  const filled = String(path).replace(/\{(\w+)\}/g, (_m, name) =>
    encodeURIComponent(String(pathParams[name])),
  );
  const url = new URL(base + filled);
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== "") url.searchParams.append(name, String(item));
    }
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    /** @type {ErrorBody | null} */
    let body = null;
    try {
      body = await response.json();
    } catch {
      // A proxy's HTML error page: keep the status only.
    }
    throw new ApiError(response.status, body);
  }
  return response.json();
}
