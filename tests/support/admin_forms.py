"""Form data for Wagtail's page editor, as the admin posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def brief_form(title, slug, publication_type_id, **overrides):
    """The editor's form data for a brief with an empty body and no authors, links or terms;
    ``overrides`` replace fields (already in form-data shape)."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "publication_type": publication_type_id,
            "date": "2020-01-05",
            "summary": "s",
            "body": streamfield([]),
            "recommended": streamfield([]),
            "endnotes": streamfield([]),
            "authors": inline_formset([]),
            "links": inline_formset([]),
            "regions": [],
            "issues": [],
            "tags": "",
            **overrides,
        }
    )
