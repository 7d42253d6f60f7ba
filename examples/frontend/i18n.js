// Interface strings of the example front end, in each language the API serves. Content
// (titles, labels, headings such as "Recommended") comes from the API already translated.

/** @typedef {"en" | "ar"} Locale */

/** @type {Record<Locale, Record<string, string>>} */
const STRINGS = {
  en: {
    siteName: "Policy analysis",
    analysis: "Analysis",
    skip: "Skip to content",
    mainNav: "Main",
    language: "Language",
    filters: "Filter the analysis",
    type: "Type",
    region: "Region",
    issue: "Issue",
    year: "Year",
    cancelled: "This event has been cancelled.",
    join: "Join or watch live",
    register: "Register",
    addToCalendar: "Add to calendar (.ics)",
    chapters: "Chapters",
    previousChapter: "Previous chapter",
    nextChapter: "Next chapter",
    from: "From",
    to: "To",
    search: "Search",
    any: "Any",
    apply: "Apply",
    reset: "Clear filters",
    results: "{count} results",
    page: "Page {page} of {pages}",
    pagination: "Pagination",
    previous: "Previous page",
    next: "Next page",
    by: "By",
    alsoAvailable: "Also available in",
    aboutAuthors: "About the authors",
    topics: "Topics",
    regions: "Regions & countries",
    issues: "Issues",
    keywords: "Keywords",
    expertise: "Expertise",
    links: "Links",
    languages: "Languages",
    publications: "Publications",
    noResults: "No analysis matches these filters.",
    loading: "Loading…",
    notFound: "Page not found",
    error: "The content could not be loaded",
    download: "Download",
    table: "Table",
    biography: "Biography",
    authors: "Authors",
    position: "Position",
    watch: "Open the media",
    footer: "An example front end that uses nothing but the content API:",
  },
  ar: {
    siteName: "تحليلات السياسات",
    analysis: "التحليلات",
    skip: "انتقل إلى المحتوى",
    mainNav: "القائمة الرئيسية",
    language: "اللغة",
    filters: "تصفية التحليلات",
    type: "النوع",
    region: "المنطقة",
    issue: "القضية",
    year: "السنة",
    cancelled: "أُلغيت هذه الفعالية.",
    join: "انضم أو شاهد البث المباشر",
    register: "سجّل",
    addToCalendar: "أضف إلى التقويم (.ics)",
    chapters: "الفصول",
    previousChapter: "الفصل السابق",
    nextChapter: "الفصل التالي",
    from: "من",
    to: "إلى",
    search: "بحث",
    any: "الكل",
    apply: "تطبيق",
    reset: "إزالة عوامل التصفية",
    results: "{count} نتيجة",
    page: "الصفحة {page} من {pages}",
    pagination: "التنقل بين الصفحات",
    previous: "الصفحة السابقة",
    next: "الصفحة التالية",
    by: "بقلم",
    alsoAvailable: "متوفر أيضًا باللغة",
    aboutAuthors: "عن المؤلفين",
    topics: "المواضيع",
    regions: "المناطق والدول",
    issues: "القضايا",
    keywords: "الكلمات المفتاحية",
    expertise: "مجالات الخبرة",
    links: "روابط",
    languages: "اللغات",
    publications: "المنشورات",
    noResults: "لا توجد تحليلات مطابقة لعوامل التصفية هذه.",
    loading: "جارٍ التحميل…",
    notFound: "الصفحة غير موجودة",
    error: "تعذّر تحميل المحتوى",
    download: "تنزيل",
    table: "جدول",
    biography: "السيرة الذاتية",
    authors: "المؤلفون",
    position: "المنصب",
    watch: "افتح الوسائط",
    footer: "واجهة أمامية نموذجية لا تستخدم سوى واجهة برمجة المحتوى:",
  },
};

/** Names of the languages, each in its own language (for the language switch). */
export const LANGUAGE_NAMES = { en: "English", ar: "العربية" };

/**
 * A supported locale, or "en" for anything else.
 * @param {string | null | undefined} code
 * @returns {Locale}
 */
export function asLocale(code) {
  return code === "ar" ? "ar" : "en";
}

/** Month names as the Arabic edition writes them: Syriac name / Western name. */
const ARABIC_MONTHS = [
  "كانون الثاني/يناير",
  "شباط/فبراير",
  "آذار/مارس",
  "نيسان/أبريل",
  "أيار/مايو",
  "حزيران/يونيو",
  "تموز/يوليو",
  "آب/أغسطس",
  "أيلول/سبتمبر",
  "تشرين الأول/أكتوبر",
  "تشرين الثاني/نوفمبر",
  "كانون الأول/ديسمبر",
];

/**
 * The writing direction of a locale.
 * @param {Locale} locale
 * @returns {"rtl" | "ltr"}
 */
export function directionOf(locale) {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * An interface string, with `{name}` placeholders filled from `values`.
 * @param {Locale} locale
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 * @returns {string}
 */
export function t(locale, key, values = {}) {
  const template = STRINGS[locale][key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_match, name) =>
    name in values ? formatNumber(locale, values[name]) : `{${name}}`,
  );
}

/**
 * @param {Locale} locale
 * @param {string | number} value
 */
function formatNumber(locale, value) {
  return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : value;
}

/**
 * A date from the API (YYYY-MM-DD) as readers of the locale write it.
 * @param {Locale} locale
 * @param {string} isoDate
 */
export function formatDate(locale, isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  // The site's one Arabic month style, as in the text and the HTML pages (docs/translation.md).
  if (locale === "ar") return `${day} ${ARABIC_MONTHS[month - 1]} ${year}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}
