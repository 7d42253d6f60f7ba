// Where the CMS answers. Empty: the same origin as this page. A `?api=http://127.0.0.1:8000`
// query parameter overrides it for one visit (and is kept on every link).
export const API_BASE = "";
