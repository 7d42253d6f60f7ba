// Building blocks of the pages: a safe element builder, images as <picture>, cards, and one
// renderer per body block type. Text always goes in as text; only the API's rich-text HTML
// fields (paragraphs, bios, key points, provider embeds) are inserted as HTML.

import { directionOf, formatDate, t } from "./i18n.js";

/** @typedef {import('./api.js').AnalysisCard} AnalysisCard */
/** @typedef {import('./api.js').BodyBlock} BodyBlock */
/** @typedef {import('./api.js').ImagePayload} ImagePayload */
/** @typedef {import('./i18n.js').Locale} Locale */
/** @typedef {Node | string | null | undefined | false} Child */

/**
 * Turns a public page URL into a link inside this front end, keeping `?api=`.
 * @callback PageLink
 * @param {string} path a public path such as /ar/policy-analysis/x/
 * @returns {string}
 */

/**
 * An element with attributes (skipped when null/false) and children (strings become text).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * A container whose content is the API's rich-text HTML, with links to pages of the site
 * turned into links inside this front end.
 * @param {keyof HTMLElementTagNameMap} tag
 * @param {string} className
 * @param {string} html
 * @param {string} siteBase the origin the API puts in front of public paths
 * @param {PageLink} pageLink
 */
export function richText(tag, className, html, siteBase, pageLink) {
  const element = h(tag, { class: className });
  element.innerHTML = html;
  for (const anchor of element.querySelectorAll("a[href]")) {
    const href = anchor.getAttribute("href") ?? "";
    if (siteBase && href.startsWith(siteBase + "/") && !isMedia(href, siteBase)) {
      const url = new URL(href);
      anchor.setAttribute("href", pageLink(url.pathname) + url.hash);
    }
  }
  return element;
}

/**
 * Media and document downloads stay on the CMS: they are not pages of this front end.
 * @param {string} href
 * @param {string} siteBase
 */
function isMedia(href, siteBase) {
  const path = href.slice(siteBase.length);
  return path.startsWith("/media/") || path.startsWith("/documents/");
}

/**
 * An image as <picture>: a WebP <source> and the fallback format (JPEG/PNG) in <img>, each
 * with every width the API generated. `alt` "" marks a decorative image.
 * @param {ImagePayload} image
 * @param {{alt: string, sizes: string, lazy?: boolean, className?: string}} options
 */
export function picture(image, { alt, sizes, lazy = true, className }) {
  const webp = image.renditions.filter((r) => r.format === "webp");
  const fallback = image.renditions.filter((r) => r.format !== "webp");
  const largest = fallback.reduce((a, b) => (b.width > a.width ? b : a), fallback[0] ?? webp[0]);
  /** @param {typeof image.renditions} list */
  const srcset = (list) => list.map((r) => `${r.url} ${r.width}w`).join(", ");
  return h(
    "picture",
    { class: className },
    webp.length ? h("source", { type: "image/webp", srcset: srcset(webp), sizes }) : null,
    h("img", {
      src: largest?.url,
      srcset: fallback.length ? srcset(fallback) : null,
      sizes,
      alt,
      width: largest?.width,
      height: largest?.height,
      loading: lazy ? "lazy" : null,
      decoding: "async",
    }),
  );
}

/**
 * A <time> in the reader's language.
 * @param {Locale} locale
 * @param {string} isoDate
 */
export function dateElement(locale, isoDate) {
  return h("time", { datetime: isoDate }, formatDate(locale, isoDate));
}

/**
 * A card for one piece of analysis (listing, recommended, publications). A card in another
 * language than the page (a fallback) says so with `lang`, and is isolated in that language's
 * direction with `dir` (else its punctuation lands on the wrong side on an Arabic page).
 * @param {AnalysisCard} card
 * @param {{locale: Locale, level: 2 | 3, pageLink: PageLink}} options
 */
export function analysisCard(card, { locale, level, pageLink }) {
  const lang = card.locale !== locale ? card.locale : null;
  return h(
    "article",
    { class: "card", lang, dir: lang ? directionOf(/** @type {Locale} */ (lang)) : null },
    card.type ? h("p", { class: "card__type" }, card.type.label) : null,
    h(`h${level}`, { class: "card__title" }, h("a", { href: pageLink(card.path) }, card.title)),
    card.date ? h("p", { class: "card__date" }, dateElement(locale, card.date)) : null,
    card.authors.length
      ? h(
          "p",
          { class: "card__authors" },
          // An author without a profile in the card's language is marked and isolated.
          card.authors.flatMap((a, index) => [
            index ? (locale === "ar" ? "، " : ", ") : "",
            a.locale !== card.locale
              ? h("span", { lang: a.locale, dir: directionOf(/** @type {Locale} */ (a.locale)) }, a.name)
              : a.name,
          ]),
        )
      : card.byline
        ? h("p", { class: "card__authors" }, card.byline)
        : null,
    card.summary ? h("p", { class: "card__summary" }, card.summary) : null,
  );
}

/**
 * A list of cards.
 * @param {AnalysisCard[]} cards
 * @param {{locale: Locale, level: 2 | 3, pageLink: PageLink}} options
 */
export function cardList(cards, options) {
  return h("ul", { class: "card-grid" }, cards.map((card) => h("li", {}, analysisCard(card, options))));
}

/**
 * A human file size (bytes, kB, MB) in the reader's language.
 * @param {Locale} locale
 * @param {number} bytes
 */
function fileSize(locale, bytes) {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(value);
}

/**
 * One body block as elements. The `type` field discriminates, so each branch sees its own
 * value shape (checked by tsc).
 * @param {BodyBlock} block
 * @param {{locale: Locale, siteBase: string, pageLink: PageLink}} context
 * @returns {HTMLElement}
 */
export function bodyBlock(block, { locale, siteBase, pageLink }) {
  switch (block.type) {
    case "heading": {
      const { text, level, anchor } = block.value;
      return h(level === 3 ? "h3" : "h2", { id: anchor || null, class: "block-heading" }, text);
    }
    case "paragraph":
      return richText("div", "block-paragraph", block.value.html, siteBase, pageLink);
    case "quote":
      return h(
        "figure",
        { class: "block-quote" },
        h("blockquote", {}, h("p", {}, block.value.quote)),
        block.value.attribution ? h("figcaption", {}, block.value.attribution) : null,
      );
    case "key_points": {
      const { title, points, html } = block.value;
      return h(
        "aside",
        { class: "block-callout", "aria-label": title || null },
        title ? h("p", { class: "block-callout__title" }, h("strong", {}, title)) : null,
        h("ul", {}, points.map((point) => h("li", {}, point))),
        html ? richText("div", "block-callout__text", html, siteBase, pageLink) : null,
      );
    }
    case "image": {
      const { image, alt, caption, credit, decorative } = block.value;
      return h(
        "figure",
        { class: "block-image" },
        picture(image, { alt: decorative ? "" : alt, sizes: "(min-width: 50rem) 46rem, 100vw" }),
        caption || credit
          ? h(
              "figcaption",
              {},
              caption ? h("span", { class: "caption" }, caption) : null,
              caption && credit ? " " : null,
              credit ? h("span", { class: "credit" }, credit) : null,
            )
          : null,
      );
    }
    case "embed": {
      const { url, title, caption, html } = block.value;
      const media = html
        ? richText("div", "block-embed__media", html, siteBase, pageLink)
        : h("p", { class: "block-embed__link" }, h("a", { href: url }, title || url));
      return h("figure", { class: "block-embed" }, media, caption ? h("figcaption", {}, caption) : null);
    }
    case "document": {
      const { title, description, url, file_size: size, extension } = block.value;
      const meta = [extension.toUpperCase(), size ? fileSize(locale, size) : ""].filter(Boolean).join(", ");
      return h(
        "div",
        { class: "block-document" },
        h(
          "p",
          { class: "block-document__link" },
          h("a", { href: url, download: true }, title),
          meta ? h("span", { class: "block-document__meta" }, ` (${meta})`) : null,
        ),
        description ? h("p", { class: "block-document__description" }, description) : null,
      );
    }
    case "table": {
      const { caption, header, rows, first_col_is_header: rowHeaders } = block.value;
      return h(
        "div",
        { class: "block-table", tabindex: 0, role: "region", "aria-label": caption || t(locale, "table") },
        h(
          "table",
          {},
          caption ? h("caption", {}, caption) : null,
          header.length ? h("thead", {}, h("tr", {}, header.map((cell) => h("th", { scope: "col" }, cell)))) : null,
          h(
            "tbody",
            {},
            rows.map((row) =>
              h(
                "tr",
                {},
                row.map((cell, index) =>
                  rowHeaders && index === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell),
                ),
              ),
            ),
          ),
        ),
      );
    }
    default:
      return assertNever(block);
  }
}

/**
 * tsc fails here when the API gains a block type this front end does not render; at run time
 * (an API newer than these types) the block is left out rather than breaking the page.
 * @param {never} block
 * @returns {HTMLElement}
 */
function assertNever(block) {
  console.warn("Block type not rendered by this front end:", block);
  return h("div", { hidden: true });
}
