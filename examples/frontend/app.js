// The router and the three pages (listing, brief, expert) of the example front end. Routes
// live in the query string, so every view has a real, shareable URL:
//   ?locale=ar&type=policy-notes&region=iraq&year=2021&q=oil&page=2   the listing
//   ?path=/ar/policy-analysis/some-brief/                            any page, by its public path
// `api=` (the CMS origin) is kept on every link this front end makes.

import { ApiError, apiBase, get } from "./api.js";
import { LANGUAGE_NAMES, asLocale, directionOf, t } from "./i18n.js";
import { bodyBlock, cardList, dateElement, h, picture, richText } from "./render.js";

/** @typedef {import('./api.js').AnalysisDetail} AnalysisDetail */
/** @typedef {import('./api.js').ExpertDetail} ExpertDetail */
/** @typedef {import('./api.js').PageDetail} PageDetail */
/** @typedef {import('./api.js').EventDetail} EventDetail */
/** @typedef {import('./api-types').components['schemas']['ChapterDetail']} ChapterDetail */
/** @typedef {import('./api.js').AnalysisList} AnalysisList */
/** @typedef {import('./api.js').Taxonomy} Taxonomy */
/** @typedef {import('./api-types').components['schemas']['Translation']} Translation */
/** @typedef {import('./i18n.js').Locale} Locale */

const PAGE_SIZE = 10;
const FILTERS = /** @type {const} */ (["type", "region", "issue"]);

const params = new URLSearchParams(window.location.search);
const API = apiBase(params);

/**
 * A URL of this front end with `query` (and the current `api=`), empty values left out.
 * @param {Record<string, string | number | string[] | null | undefined>} query
 */
function appLink(query) {
  const out = new URLSearchParams();
  if (params.get("api")) out.set("api", params.get("api") ?? "");
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== "") out.append(name, String(item));
    }
  }
  return `?${out}`;
}

/** @param {string} path */
const pageLink = (path) => appLink({ path });

/**
 * The path part of an absolute public URL from the API.
 * @param {string} url
 */
const pathOf = (url) => new URL(url).pathname;

/**
 * `lang` and `dir` for text in another language than the page (an expert without a profile
 * in the page's language): marked and isolated, so its punctuation stays on its own side.
 * @param {Locale} locale the page's language
 * @param {string} language the text's language
 */
const fallback = (locale, language) =>
  language && language !== locale ? { lang: language, dir: directionOf(asLocale(language)) } : {};

/**
 * Sets <html lang dir>, the document title, and fills the header, main and footer.
 * @param {Locale} locale
 * @param {string} title
 * @param {(HTMLElement | null)[]} content
 * @param {Node | null} languageSwitch
 */
function show(locale, title, content, languageSwitch) {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  document.title = `${title} · ${t(locale, "siteName")}`;
  const skip = /** @type {HTMLAnchorElement} */ (document.querySelector(".skip-link"));
  skip.textContent = t(locale, "skip");
  const header = /** @type {HTMLElement} */ (document.querySelector(".site-header"));
  header.replaceChildren(
    h("a", { class: "brand", href: appLink({ locale }) }, t(locale, "siteName")),
    h(
      "nav",
      { "aria-label": t(locale, "mainNav") },
      h("ul", {}, h("li", {}, h("a", { href: appLink({ locale }) }, t(locale, "analysis")))),
    ),
    languageSwitch ?? "",
  );
  const main = /** @type {HTMLElement} */ (document.querySelector("main"));
  main.removeAttribute("aria-busy");
  main.replaceChildren(...content.filter((node) => node !== null));
  const footer = /** @type {HTMLElement} */ (document.querySelector(".site-footer"));
  footer.replaceChildren(h("p", {}, t(locale, "footer"), " ", h("code", { dir: "ltr" }, `${API}/api/v1/`)));
  // Content arrives after the browser looked for the #fragment: scroll to it now.
  if (window.location.hash) document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
}

/**
 * The language switch: links to the other live editions (`translations` from the API).
 * @param {Locale} locale
 * @param {{locale: string, href: string, title?: string}[]} editions
 */
function languageSwitch(locale, editions) {
  if (!editions.length) return null;
  return h(
    "nav",
    { class: "language-switch", "aria-label": t(locale, "language") },
    h(
      "ul",
      {},
      editions.map((edition) => {
        const target = asLocale(edition.locale);
        return h(
          "li",
          {},
          h("a", { href: edition.href, lang: target, dir: directionOf(target), hreflang: target }, LANGUAGE_NAMES[target]),
        );
      }),
    ),
  );
}

/**
 * @param {Locale} locale
 * @param {Translation[]} translations
 */
const translationSwitch = (locale, translations) =>
  languageSwitch(
    locale,
    translations.map((tr) => ({ locale: tr.locale, href: pageLink(pathOf(tr.url)), title: tr.title })),
  );

// --- Listing ---------------------------------------------------------------------------

/**
 * A labelled <select> of taxonomy terms, "Any" first.
 * @param {Locale} locale
 * @param {"type" | "region" | "issue"} name
 * @param {Taxonomy['types']} terms
 * @param {string} selected
 */
function termSelect(locale, name, terms, selected) {
  const id = `filter-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, t(locale, name)),
    h(
      "select",
      { id, name },
      h("option", { value: "" }, t(locale, "any")),
      terms.map((term) =>
        h("option", { value: term.slug, selected: term.slug === selected }, `${term.label} (${term.count})`),
      ),
    ),
  );
}

/**
 * A labelled <input>.
 * @param {string} label
 * @param {string} name
 * @param {string} type
 * @param {string} value
 * @param {Record<string, string | number>} [extra]
 */
function inputField(label, name, type, value, extra = {}) {
  const id = `filter-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, name, type, value, ...extra }),
  );
}

/**
 * The filter form. Submitting it navigates to the listing URL with the non-empty fields.
 * @param {Locale} locale
 * @param {Taxonomy} taxonomy
 */
function filterForm(locale, taxonomy) {
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": t(locale, "filters"), method: "get" },
    termSelect(locale, "type", taxonomy.types, params.get("type") ?? ""),
    termSelect(locale, "region", taxonomy.regions, params.get("region") ?? ""),
    termSelect(locale, "issue", taxonomy.issues, params.get("issue") ?? ""),
    inputField(t(locale, "year"), "year", "number", params.get("year") ?? "", { min: 1900, max: 2100 }),
    inputField(t(locale, "from"), "date_from", "date", params.get("date_from") ?? ""),
    inputField(t(locale, "to"), "date_to", "date", params.get("date_to") ?? ""),
    inputField(t(locale, "search"), "q", "search", params.get("q") ?? ""),
    // A keyword chip's filter (?tag=<slug>) is kept when the form is applied.
    params.getAll("tag").filter(Boolean).map((slug) => h("input", { type: "hidden", name: "tag", value: slug })),
    h(
      "div",
      { class: "filters__actions" },
      h("button", { type: "submit" }, t(locale, "apply")),
      h("a", { href: appLink({ locale }) }, t(locale, "reset")),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    /** @type {Record<string, string>} */
    const query = { locale };
    for (const [name, value] of new FormData(form)) query[name] = String(value).trim();
    window.location.assign(appLink(query));
  });
  return form;
}

/**
 * The API query for the listing URL's filters: `year` becomes a date range.
 * @param {Locale} locale
 * @param {number} page
 * @returns {import('./api.js').AnalysisQuery}
 */
function listingQuery(locale, page) {
  const year = params.get("year");
  const validYear = year && /^\d{4}$/.test(year) ? year : null;
  return {
    locale,
    type: params.getAll("type").filter(Boolean),
    region: params.getAll("region").filter(Boolean),
    issue: params.getAll("issue").filter(Boolean),
    date_from: validYear ? `${validYear}-01-01` : params.get("date_from") || null,
    date_to: validYear ? `${validYear}-12-31` : params.get("date_to") || null,
    q: params.get("q") || null,
    tag: params.getAll("tag").filter(Boolean),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

/**
 * Previous/next links and "Page n of m", keeping the filters.
 * @param {Locale} locale
 * @param {number} page
 * @param {number} pages
 * @param {(page: number) => string} linkTo
 */
function pagination(locale, page, pages, linkTo) {
  if (pages <= 1) return null;
  return h(
    "nav",
    { class: "pagination", "aria-label": t(locale, "pagination") },
    h(
      "ul",
      {},
      page > 1 ? h("li", {}, h("a", { href: linkTo(page - 1), rel: "prev" }, t(locale, "previous"))) : null,
      h("li", { "aria-current": "page" }, t(locale, "page", { page, pages })),
      page < pages ? h("li", {}, h("a", { href: linkTo(page + 1), rel: "next" }, t(locale, "next"))) : null,
    ),
  );
}

/**
 * The 1-based page number in `name`, 1 when absent or malformed.
 * @param {string} name
 */
function pageNumber(name) {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/** @param {Locale} locale */
async function listingPage(locale) {
  const page = pageNumber("page");
  const [taxonomy, list] = await Promise.all([
    get(API, "/api/v1/taxonomy/", { locale }),
    get(API, "/api/v1/analysis/", listingQuery(locale, page)),
  ]);
  const pages = Math.max(1, Math.ceil(list.count / PAGE_SIZE));
  /** @type {Record<string, string | string[]>} */
  const current = {};
  for (const name of [...FILTERS, "year", "date_from", "date_to", "q", "tag"]) current[name] = params.getAll(name);
  const other = locale === "ar" ? "en" : "ar";
  show(
    locale,
    t(locale, "analysis"),
    [
      h("h1", {}, t(locale, "analysis")),
      filterForm(locale, taxonomy),
      h("p", { class: "result-count", role: "status" }, t(locale, "results", { count: list.count })),
      list.items.length
        ? h("section", { class: "listing", "aria-label": t(locale, "analysis") }, cardList(list.items, { locale, level: 2, pageLink }))
        : h("p", {}, t(locale, "noResults")),
      pagination(locale, page, pages, (n) => appLink({ ...current, locale, page: n })),
    ],
    languageSwitch(locale, [{ locale: other, href: appLink({ ...current, locale: other }) }]),
  );
}

// --- Brief -----------------------------------------------------------------------------

/**
 * @param {AnalysisDetail} brief
 */
function briefPage(brief) {
  const locale = asLocale(brief.locale);
  // Public URLs are FRONTEND_BASE_URL + path: what precedes the path is the site's base.
  const siteBase = brief.url.slice(0, brief.url.length - brief.path.length);
  const context = { locale, siteBase, pageLink };
  const separator = locale === "ar" ? "، " : ", ";
  const authors = brief.authors.flatMap((author, index) => [
    index ? separator : "",
    h("a", { href: pageLink(pathOf(author.url)), ...fallback(locale, author.locale) }, author.name),
  ]);
  const termLinks = /** @param {"region" | "issue"} name @param {AnalysisDetail['regions']} terms */ (name, terms) =>
    h("ul", { class: "term-list" }, terms.map((term) => h("li", {}, h("a", { href: appLink({ locale, [name]: term.slug }) }, term.label))));

  const header = h(
    "header",
    { class: "brief__header" },
    brief.type ? h("p", { class: "brief__type" }, brief.type.label) : null,
    h("h1", { class: "brief__title" }, brief.title),
    brief.subtitle ? h("p", { class: "brief__subtitle" }, brief.subtitle) : null,
    brief.authors.length
      ? h("p", { class: "byline" }, h("span", { class: "byline__by" }, t(locale, "by")), " ", h("span", { class: "byline__authors" }, authors))
      : brief.byline
        ? h("p", { class: "byline" }, brief.byline)
        : null,
    brief.date ? h("p", { class: "brief__date" }, dateElement(locale, brief.date)) : null,
    brief.translations.length
      ? h(
          "p",
          { class: "also-available" },
          `${t(locale, "alsoAvailable")}: `,
          brief.translations.map((tr) =>
            h(
              "a",
              { href: pageLink(pathOf(tr.url)), lang: tr.locale, dir: directionOf(asLocale(tr.locale)), hreflang: tr.locale },
              tr.title,
            ),
          ),
        )
      : null,
  );
  const hero = brief.hero
    ? h(
        "figure",
        { class: "brief__hero" },
        picture(brief.hero.image, { alt: brief.hero.image.alt, sizes: "(min-width: 75rem) 72rem, 100vw", lazy: false }),
        brief.hero.caption || brief.hero.credit
          ? h("figcaption", {}, brief.hero.caption, brief.hero.credit ? h("span", { class: "credit" }, ` ${brief.hero.credit}`) : null)
          : null,
      )
    : null;
  const about = brief.about_authors.length
    ? h(
        "section",
        { class: "about-authors", "aria-labelledby": "about-authors-heading" },
        h("h2", { id: "about-authors-heading" }, t(locale, "aboutAuthors")),
        brief.about_authors.map((person) =>
          h(
            "div",
            { class: "about-authors__person", ...fallback(locale, person.locale) },
            person.photo
              ? picture(person.photo, { alt: "", sizes: "6rem", className: "about-authors__photo" })
              : null,
            h("h3", {}, h("a", { href: pageLink(pathOf(person.url)) }, person.name)),
            person.position ? h("p", { class: "about-authors__position" }, person.position) : null,
            person.bio ? h("p", {}, person.bio) : null,
          ),
        ),
      )
    : null;
  const topics =
    brief.regions.length || brief.issues.length || brief.tags.length
      ? h(
          "section",
          { class: "topics", "aria-labelledby": "topics-heading" },
          h("h2", { id: "topics-heading" }, t(locale, "topics")),
          brief.regions.length ? [h("h3", {}, t(locale, "regions")), termLinks("region", brief.regions)] : null,
          brief.issues.length ? [h("h3", {}, t(locale, "issues")), termLinks("issue", brief.issues)] : null,
          brief.tags.length
            ? [
                h("h3", {}, t(locale, "keywords")),
                h(
                  "ul",
                  // Keywords are English in every edition: marked and isolated as such.
                  { class: "term-list", ...(locale === "en" ? {} : { lang: "en", dir: "ltr" }) },
                  brief.tags.map((tag) => h("li", {}, h("a", { href: appLink({ locale, tag: tag.slug }) }, tag.name))),
                ),
              ]
            : null,
        )
      : null;
  const recommended = brief.recommended.items.length
    ? h(
        "section",
        { class: "recommended", "aria-labelledby": "recommended-heading" },
        h("h2", { id: "recommended-heading" }, brief.recommended.heading),
        cardList(brief.recommended.items, { locale, level: 3, pageLink }),
      )
    : null;

  show(
    locale,
    brief.seo.title || brief.title,
    [
      h(
        "article",
        { class: "brief" },
        header,
        hero,
        h(
          "div",
          { class: "brief__layout" },
          h("div", { class: "brief__body prose" }, brief.body.map((block) => bodyBlock(block, context))),
          h("div", { class: "brief__aside" }, about, topics),
        ),
        recommended,
      ),
    ],
    translationSwitch(locale, brief.translations),
  );
}

// --- Expert ----------------------------------------------------------------------------

/**
 * @param {ExpertDetail} expert
 */
async function expertPage(expert) {
  const locale = asLocale(expert.locale);
  const siteBase = expert.url.slice(0, expert.url.length - expert.path.length);
  const page = pageNumber("publications");
  /** @type {AnalysisList} */
  const publications =
    page === 1
      ? expert.publications
      : (await get(API, "/api/v1/experts/{id}/", { page, page_size: PAGE_SIZE }, { id: expert.id })).publications;
  const pages = Math.max(1, Math.ceil(publications.count / PAGE_SIZE));
  const termLinks = /** @param {"region" | "issue"} name @param {ExpertDetail['expertise']['regions']} terms */ (name, terms) =>
    h("ul", { class: "term-list" }, terms.map((term) => h("li", {}, h("a", { href: appLink({ locale, [name]: term.slug }) }, term.label))));
  const { regions, issues } = expert.expertise;

  show(
    locale,
    expert.seo.title || expert.name,
    [
      h(
        "article",
        { class: "expert" },
        h(
          "header",
          { class: "expert__header" },
          expert.photo
            ? picture(expert.photo, { alt: expert.photo.alt || expert.name, sizes: "12rem", lazy: false, className: "expert__photo" })
            : null,
          h(
            "div",
            { class: "expert__intro" },
            h("h1", {}, expert.name),
            expert.position ? h("p", { class: "expert__position" }, expert.position) : null,
            expert.short_bio ? h("p", { class: "expert__summary" }, expert.short_bio) : null,
          ),
        ),
        h(
          "div",
          { class: "brief__layout" },
          expert.bio
            ? h(
                "section",
                { class: "expert__bio prose", "aria-labelledby": "bio-heading" },
                h("h2", { id: "bio-heading" }, t(locale, "biography")),
                richText("div", "expert__bio-text", expert.bio, siteBase, pageLink),
              )
            : h("div"),
          h(
            "div",
            { class: "brief__aside" },
            regions.length || issues.length
              ? h(
                  "section",
                  { class: "expertise", "aria-labelledby": "expertise-heading" },
                  h("h2", { id: "expertise-heading" }, t(locale, "expertise")),
                  regions.length ? [h("h3", {}, t(locale, "regions")), termLinks("region", regions)] : null,
                  issues.length ? [h("h3", {}, t(locale, "issues")), termLinks("issue", issues)] : null,
                )
              : null,
            expert.languages
              ? h("section", { class: "languages", "aria-labelledby": "languages-heading" }, h("h2", { id: "languages-heading" }, t(locale, "languages")), h("p", {}, expert.languages))
              : null,
            expert.links.length
              ? h(
                  "section",
                  { class: "links", "aria-labelledby": "links-heading" },
                  h("h2", { id: "links-heading" }, t(locale, "links")),
                  h("ul", {}, expert.links.map((link) => h("li", { class: `link--${link.kind}` }, h("a", { href: link.url, rel: "me" }, link.label || link.url)))),
                )
              : null,
          ),
        ),
        h(
          "section",
          { class: "publications", "aria-labelledby": "publications-heading" },
          h("h2", { id: "publications-heading" }, t(locale, "publications")),
          cardList(publications.items, { locale, level: 3, pageLink }),
          pagination(locale, page, pages, (n) => appLink({ path: expert.path, publications: n })),
        ),
      ),
    ],
    translationSwitch(locale, expert.translations),
  );
}

// --- Events -------------------------------------------------------------------------------

/**
 * An event: when (in the event's own time zone, as the API gives it), where, speakers, the
 * join and registration links while they are open, the body.
 * @param {EventDetail} event
 */
function eventPage(event) {
  const locale = asLocale(event.locale);
  const siteBase = event.url.slice(0, event.url.length - event.path.length);
  const context = { locale, siteBase, pageLink };
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: event.time_zone,
  }).format(new Date(event.start));
  show(
    locale,
    event.title,
    [
      h(
        "article",
        { class: "event" },
        event.type ? h("p", { class: "brief__type" }, event.type.label) : null,
        h("h1", {}, event.title),
        event.cancelled ? h("p", { role: "status" }, h("strong", {}, t(locale, "cancelled"))) : null,
        h("p", {}, h("time", { datetime: event.start }, when), ` (${event.time_zone})`),
        event.venue ? h("p", {}, event.venue) : null,
        event.online_access?.url ? h("p", {}, h("a", { href: event.online_access.url }, t(locale, "join"))) : null,
        event.registration.url ? h("p", {}, h("a", { href: event.registration.url }, t(locale, "register"))) : null,
        h("p", {}, h("a", { href: event.ics_url }, t(locale, "addToCalendar"))),
        event.speakers.length
          ? h("ul", { class: "speakers" }, event.speakers.map((speaker) => h("li", {}, speaker.expert ? h("a", { href: pageLink(pathOf(speaker.expert.url)) }, speaker.name) : speaker.name, speaker.affiliation ? ` — ${speaker.affiliation}` : "")))
          : null,
        h("div", { class: "prose" }, event.body.map((block) => bodyBlock(block, context))),
      ),
    ],
    translationSwitch(locale, event.translations),
  );
}

/**
 * A chapter of a report: the report's title (linked), the chapter, its body, the list of
 * chapters and previous/next links.
 * @param {ChapterDetail} chapter
 */
function chapterPage(chapter) {
  const locale = asLocale(chapter.locale);
  const siteBase = chapter.url.slice(0, chapter.url.length - chapter.path.length);
  const context = { locale, siteBase, pageLink };
  /** @param {ChapterDetail['previous']} ref @param {string} rel @param {string} label */
  const step = (ref, rel, label) => (ref ? h("a", { href: pageLink(ref.path), rel }, `${label}: ${ref.title}`) : null);
  show(
    locale,
    chapter.title,
    [
      h(
        "article",
        { class: "chapter" },
        h("p", { class: "brief__type" }, h("a", { href: pageLink(chapter.report.path) }, chapter.report.title)),
        h("h1", {}, chapter.title),
        h("div", { class: "prose" }, chapter.body.map((block) => bodyBlock(block, context))),
        h(
          "nav",
          { "aria-label": t(locale, "chapters") },
          h("ol", {}, chapter.chapters.map((ref) => h("li", {}, ref.id === chapter.id ? h("span", { "aria-current": "page" }, ref.title) : h("a", { href: pageLink(ref.path) }, ref.title)))),
          h("p", {}, step(chapter.previous, "prev", t(locale, "previousChapter")), " ", step(chapter.next, "next", t(locale, "nextChapter"))),
        ),
      ),
    ],
    translationSwitch(locale, chapter.translations),
  );
}

// --- Other pages and errors ----------------------------------------------------------------

/** @param {PageDetail} other */
function otherPage(other) {
  const locale = asLocale(other.locale);
  const siteBase = other.url.slice(0, other.url.length - other.path.length);
  show(
    locale,
    other.title,
    [
      h("h1", {}, other.title),
      other.intro ? richText("div", "prose", other.intro, siteBase, pageLink) : null,
      other.featured?.items.length
        ? h("section", { "aria-label": other.featured.heading }, cardList(other.featured.items, { locale, level: 2, pageLink }))
        : null,
      h("p", {}, h("a", { href: appLink({ locale }) }, t(locale, "analysis"))),
    ],
    translationSwitch(locale, other.translations),
  );
}

/**
 * A readable error page (404 or anything else); the API's message says what went wrong.
 * @param {Locale} locale
 * @param {unknown} error
 */
function errorPage(locale, error) {
  const notFound = error instanceof ApiError && error.status === 404;
  const heading = t(locale, notFound ? "notFound" : "error");
  const problems =
    error instanceof ApiError && error.body && "detail" in error.body
      ? error.body.detail.map((problem) => h("li", {}, `${problem.parameter}: ${problem.message}`))
      : [];
  show(
    locale,
    heading,
    [
      h("h1", {}, heading),
      h("div", { role: "alert" }, h("p", {}, error instanceof Error ? error.message : String(error)), problems.length ? h("ul", {}, problems) : null),
      h("p", {}, h("a", { href: appLink({ locale }) }, t(locale, "analysis"))),
    ],
    null,
  );
}

/** Picks the view from the query string and renders it. */
async function route() {
  const path = params.get("path");
  // A path names its language (/ar/…); the listing takes it from ?locale=.
  const locale = asLocale(path ? (path.startsWith("/ar/") ? "ar" : "en") : params.get("locale"));
  try {
    if (!path) return await listingPage(locale);
    const result = await get(API, "/api/v1/pages/by-path/", { path });
    if (result.type === "analysis") return briefPage(result.page);
    if (result.type === "expert") return await expertPage(result.page);
    if (result.type === "event") return eventPage(result.page);
    if (result.type === "chapter") return chapterPage(result.page);
    return otherPage(result.page);
  } catch (error) {
    return errorPage(locale, error);
  }
}

route();
