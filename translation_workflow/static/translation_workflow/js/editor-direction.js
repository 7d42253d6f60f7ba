/*
 * Text direction in wagtail-localize's translation editor (a React app this project does not
 * patch). Each string segment is an <li> holding the source text (<p>), then the translation
 * (a <p> when shown, a <textarea> while edited). This script gives the source its language's
 * lang and dir, and the translation the target language's, as React (re)renders them, so
 * Arabic is typed and read right to left and inline tags (<a id="a1">…</a>) keep their place,
 * while English source lines stay left to right in the Arabic admin. It also shows the
 * editor's "<source> to <target> translation" heading (English text in the React app) in the
 * admin's language. The directions and the heading come from the template
 * (translation_workflow/templates/wagtail_localize/admin/edit_translation.html).
 */
(function () {
    'use strict';

    var SEGMENT = 'li.complete, li.incomplete, li.errored';

    function mark(element, language, role) {
        if (!element || element.getAttribute('lang') === language.lang) {
            return;
        }
        element.setAttribute('lang', language.lang);
        element.setAttribute('dir', language.dir);
        element.classList.add('translation-' + role);
    }

    function start() {
        var directions = document.querySelector('.translation-directions');
        var editor = document.querySelector('.js-translation-editor');
        if (!directions || !editor) {
            return;
        }
        var source = { lang: directions.dataset.sourceLang, dir: directions.dataset.sourceDir };
        var target = { lang: directions.dataset.targetLang, dir: directions.dataset.targetDir };
        var props = JSON.parse(editor.dataset.props || '{}');
        var upstreamTitle =
            props.sourceLocale && props.locale
                ? props.sourceLocale.displayName +
                  ' to ' +
                  props.locale.displayName +
                  ' translation'
                : null;
        var sectionTitle = directions.dataset.sectionTitle;

        function markSegments() {
            editor.querySelectorAll(SEGMENT).forEach(function (segment) {
                // String segments only: overridable values (images, links) show no text.
                var value = segment.querySelector(':scope > div');
                if (!value || value.querySelector('img, a[href]')) {
                    return;
                }
                mark(segment.querySelector(':scope > p'), source, 'source');
                mark(value.querySelector(':scope > p'), target, 'target');
                mark(value.querySelector(':scope > textarea'), target, 'target');
            });
        }

        function translateHeadings() {
            if (!upstreamTitle || !sectionTitle || upstreamTitle === sectionTitle) {
                return;
            }
            var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
            var node;
            while ((node = walker.nextNode())) {
                if (node.nodeValue.trim() === upstreamTitle) {
                    node.nodeValue = sectionTitle;
                }
            }
        }

        function update() {
            markSegments();
            translateHeadings();
        }

        new MutationObserver(update).observe(editor, {
            childList: true,
            subtree: true,
            characterData: true,
        });
        update();
    }

    // The admin loads extra scripts in the document head: wait for the editor's markup.
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
